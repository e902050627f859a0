namespace Bob.Grains.Assistant;

public enum TurnRole
{
    Visitor,
    Assistant,
    Agent,
    System,
}
