namespace Bob.Assistant.BuiltIn;

internal sealed record CandidateSentence(string DocumentId, int Rank, int Position, string Text, double Score);
