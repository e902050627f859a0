namespace Bob.Grains.Tests.Assistant;

public enum FakeModelBehaviour
{
    Answer,
    EchoSystemMessage,
    ServerError,
    Hang,
    EmptyAnswer,
}
