namespace Bob.Silo;

/// <summary>Settings under <c>Bob:Silo</c>; every one can be set by environment (<c>Bob__Silo__SiloPort</c>).</summary>
public sealed class BobSiloOptions
{
    public const string Section = "Bob:Silo";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string AdvertisedIp { get; set; } = "127.0.0.1";
    public int DashboardPort { get; set; }
}
