namespace Bob.Testing;

public enum FakeModelBehaviour
{
    Answer,
    EchoSystemMessage,
    ServerError,
    Hang,
    EmptyAnswer,

    /// <summary>A streamed answer sends all but its last word, then nothing more until the client gives up.</summary>
    StallBeforeTheLastWord,
}
