namespace Bob.Assistant;

/// <summary>Keys of the Microsoft.Extensions.AI additional properties the engine and the built-in client exchange.</summary>
public static class AssistantPropertyKeys
{
    /// <summary>ChatOptions: the typed <see cref="AssistantGrounding"/>.</summary>
    public const string Grounding = "bob.grounding";

    /// <summary>ChatResponse: true when the client could not answer and a human should take over.</summary>
    public const string Handoff = "bob.handoff";

    /// <summary>ChatResponse: the engine name ("builtin") of a client that is not a hosted model.</summary>
    public const string Engine = "bob.engine";

    /// <summary>ChatResponse: the document ids the answer was composed from (string[]).</summary>
    public const string CitedDocuments = "bob.cited";

    public const string Prefix = "bob.";
}
