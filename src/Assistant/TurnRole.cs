namespace Bob.Assistant;

public enum TurnRole
{
    Visitor,
    Assistant,
    Agent,
    System,
}
