namespace Bob.Assistant;

/// <summary>How one tone opens, closes, refuses and introduces itself. Shared by the engine and the built-in client.</summary>
public sealed record ToneStyle(
    string Name,
    string Instruction,
    string Opening,
    string Closing,
    string IntroductionFormat,
    string DoNotKnow,
    string InjectionRefusal,
    string Redirect,
    string BlockedTopicRefusal,
    string HandoffOffer,
    string Welcome,
    string HistoryRecallFormat,
    string NoHistory)
{
    public string Introduce(string personaName) => string.Format(System.Globalization.CultureInfo.InvariantCulture, IntroductionFormat, personaName);

    public string RecallPreviousQuestion(string question) => string.Format(System.Globalization.CultureInfo.InvariantCulture, HistoryRecallFormat, question);

    /// <summary>Opening, body and closing joined with single spaces, skipping empty parts.</summary>
    public string Frame(string body) => string.Join(' ', new[] { Opening, body, Closing }.Where(part => part.Length > 0));

    public static ToneStyle For(string? tone) =>
        ToneStyles.All.TryGetValue(tone?.Trim() ?? string.Empty, out var style) ? style : ToneStyles.Friendly;
}
