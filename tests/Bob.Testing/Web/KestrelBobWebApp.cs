namespace Bob.Testing;

/// <summary>The same node served by real Kestrel on a loopback port: TestServer does not enforce server limits.</summary>
public sealed class KestrelBobWebApp : BobWebApp
{
    protected override bool OnKestrel => true;
}
