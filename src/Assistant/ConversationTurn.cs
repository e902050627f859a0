namespace Bob.Assistant;

public sealed record ConversationTurn(TurnRole Role, string Text);
