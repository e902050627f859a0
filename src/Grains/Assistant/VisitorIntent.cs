namespace Bob.Grains.Assistant;

public enum VisitorIntent
{
    Question,
    Greeting,
    Identity,
    HistoryRecall,
    Thanks,
    Injection,
}
