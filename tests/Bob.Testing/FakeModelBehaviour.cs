namespace Bob.Testing;

public enum FakeModelBehaviour
{
    Answer,
    EchoSystemMessage,
    ServerError,
    Hang,
    EmptyAnswer,
}
