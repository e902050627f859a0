using System.Text.RegularExpressions;

namespace Bob.Assistant.Safety;

/// <summary>
/// A small, deliberately broad pattern set for attempts to read or override the assistant's instructions.
/// False positives cost a polite refusal; false negatives are still caught by <see cref="SystemPromptLeakGuard"/>.
/// </summary>
public static partial class PromptInjectionDetector
{
    private static readonly Regex[] Patterns =
    [
        OverrideInstructions(),
        SystemPromptMention(),
        RevealInstructions(),
        AskAboutInstructions(),
        RepeatWhatCameBefore(),
        RoleHijack(),
        SpecialModes(),
        FakeMarkup(),
        EncodedInstructions(),
    ];

    public static bool IsInjection(string? message) =>
        !string.IsNullOrWhiteSpace(message) && Patterns.Any(pattern => pattern.IsMatch(message));

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|rules?|prompts?|directions?|guidelines?|directives?|guardrails?|restrictions?)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex OverrideInstructions();

    [GeneratedRegex(@"\b(system|hidden|initial|original|secret|developer|pre-?)\s*(prompt|message|instructions?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SystemPromptMention();

    [GeneratedRegex(@"\b(reveal|show|print|display|output|repeat|recite|share|dump|leak|expose|translate|encode|spell out|write out|paraphrase|summari[sz]e|copy|paste|quote)\b.{0,60}(\b(your|the\s+system|these|those|all|the\s+above|hidden|secret|initial)\s+(\w+\s+)?(instructions?|prompts?|rules|guidelines|directives|configuration)\b|\beverything\s+(above|before|you\s+were\s+told))", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RevealInstructions();

    [GeneratedRegex(@"\bwhat\s+(are|were|is)\s+your\s+(instructions?|rules|guidelines|directives|prompt|programming|orders)\b|\bhow\s+(were|are)\s+you\s+(programmed|instructed|configured)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AskAboutInstructions();

    [GeneratedRegex(@"\b(repeat|print|output|recite)\b.{0,40}\b(above|preceding|previous text|prior text|verbatim|word for word)\b|\beverything\s+above\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex RepeatWhatCameBefore();

    [GeneratedRegex(@"\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+you\b|\bpretend\s+(to\s+be|you\s*('re|are))\b|\bdo\s+anything\s+now\b|(?-i:\bDAN\b)|\bnew\s+instructions?\b|\bact\s+as\s+(an?\s+)?(unrestricted|unfiltered|jailbroken|different)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RoleHijack();

    [GeneratedRegex(@"\b(developer|dev|god|admin|debug|jailbreak|maintenance|sudo|root)\s+mode\b|\bjailbreak", RegexOptions.IgnoreCase)]
    private static partial Regex SpecialModes();

    [GeneratedRegex(@"</?\s*(context|system|instructions?|prompt|assistant|user)\s*>|(^|\n)\s*(system|assistant)\s*:|\[\s*(system|inst)\s*\]|<\|im_start\|>", RegexOptions.IgnoreCase)]
    private static partial Regex FakeMarkup();

    [GeneratedRegex(@"\b(base64|rot13|hex|binary|morse|reversed?)\b.{0,40}\b(instructions?|prompts?|rules)\b|\b(instructions?|prompts?|rules)\b.{0,40}\b(base64|rot13|hex|binary|morse|backwards)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex EncodedInstructions();
}
