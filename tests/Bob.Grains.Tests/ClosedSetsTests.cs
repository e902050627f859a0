using Bob.Assistant;
using Bob.Grains.Abstractions.Personas;

namespace Bob.Grains.Tests;

/// <summary>Closed sets that two projects must agree on, because neither may reference the other's home.</summary>
public sealed class ClosedSetsTests
{
    [Fact]
    public void The_tones_a_persona_may_have_are_exactly_the_tones_the_engine_speaks()
    {
        Assert.Equal(PersonaRules.Tones.Order(StringComparer.Ordinal), ToneStyles.All.Keys.Order(StringComparer.Ordinal));
    }
}
