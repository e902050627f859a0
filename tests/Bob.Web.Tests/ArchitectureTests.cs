namespace Bob.Web.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Web_does_not_reference_the_grain_implementations()
    {
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Bob.Grains.Abstractions", referenced);
        Assert.DoesNotContain("Bob.Grains", referenced);
    }
}
