namespace Bob.Grains.Assistant;

public sealed record ConversationTurn(TurnRole Role, string Text);
