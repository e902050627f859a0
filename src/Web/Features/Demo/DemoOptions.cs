namespace Bob.Web.Features.Demo;

/// <summary><c>Bob:Demo</c>: when <see cref="ShopUrl"/> is set (<c>deploy/run.sh --demo</c> sets it), this node sets up the
/// sample business through its own API and serves the sample shop page there, on another loopback origin.</summary>
public sealed class DemoOptions
{
    public const string Section = "Bob:Demo";

    /// <summary>Where the sample shop page is served, e.g. <c>http://127.0.0.1:5090</c>; empty: no demo.</summary>
    public string? ShopUrl { get; set; }

    public string OwnerEmail { get; set; } = "owner@fernwood.example";

    /// <summary>The demo owner's password (at least 10 characters).</summary>
    public string? OwnerPassword { get; set; }
}
