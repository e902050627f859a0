namespace Bob.Grains.Abstractions.Conversations;

/// <summary>Credits held for a turn before its engine runs (0 when the policy refused it), and the balance after.</summary>
[GenerateSerializer, Immutable, Alias("bob.CreditHold")]
public sealed record CreditHold(
    [property: Id(0)] int Held,
    [property: Id(1)] ChatCredits Balance)
{
    public bool Granted => Held > 0;
}
