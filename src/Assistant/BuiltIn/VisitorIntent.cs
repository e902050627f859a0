namespace Bob.Assistant.BuiltIn;

public enum VisitorIntent
{
    Question,
    Greeting,
    Identity,
    HistoryRecall,
    Thanks,
    Injection,
}
