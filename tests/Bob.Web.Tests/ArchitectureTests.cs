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

    [Fact]
    public void Assistant_engine_references_neither_Orleans_nor_the_grains()
    {
        var referenced = typeof(Bob.Assistant.AssistantEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Microsoft.Extensions.AI.Abstractions", referenced);
        Assert.DoesNotContain(referenced, name =>
            name.StartsWith("Orleans", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            || name.StartsWith("Bob.Grains", StringComparison.Ordinal));
    }

    [Fact]
    public void Grains_call_the_assistant_engine_from_its_own_assembly()
    {
        var referenced = typeof(Bob.Grains.ServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Bob.Assistant", referenced);
    }
}
