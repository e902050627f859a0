using System.Net;
using System.Text.RegularExpressions;

namespace Bob.Web.Tests.Fuzz;

/// <summary>A console form as the page serves it: where it posts, and its named fields with the values the page filled in.</summary>
public sealed record ConsoleForm(string Page, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields, bool HasUserFields)
{
    public override string ToString() => $"POST {Action} (form on {Page})";
}

/// <summary>
/// Finds the <c>method="post"</c> forms in a served console page, with their inputs, text areas and selects (a select
/// posts its first option). Pages are Bob's own, rendered by Razor with double-quoted attributes, so a pattern reads them.
/// </summary>
public static partial class ConsoleForms
{
    public static IReadOnlyList<ConsoleForm> In(string page, string html) =>
    [
        .. FormPattern().Matches(html).Select(form =>
        {
            var fields = new List<KeyValuePair<string, string>>();
            var userFields = false;
            foreach (Match control in ControlPattern().Matches(form.Groups["body"].Value))
            {
                var tag = control.Groups["tag"].Value;
                var attributes = control.Groups["attrs"].Value;
                if (Attribute(attributes, "name") is not { } name)
                {
                    continue;
                }
                var type = Attribute(attributes, "type") ?? "text";
                userFields |= tag != "input" || type is not ("hidden" or "submit");
                var value = tag switch
                {
                    "select" => Attribute(OptionPattern().Match(control.Groups["inner"].Value).Value, "value") ?? "",
                    "textarea" => WebUtility.HtmlDecode(control.Groups["inner"].Value),
                    _ => Attribute(attributes, "value") ?? "",
                };
                fields.Add(new(name, value));
            }
            return new ConsoleForm(page, WebUtility.HtmlDecode(Attribute(form.Groups["attrs"].Value, "action") ?? page), fields, userFields);
        }),
    ];

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $"(?:^|\\s){name}=\"(?<v>[^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    [GeneratedRegex("<form(?<attrs>[^>]*\\smethod=\"post\"[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<(?<tag>input|textarea|select)(?<attrs>[^>]*)>(?:(?<inner>.*?)</\\k<tag>>)?", RegexOptions.Singleline)]
    private static partial Regex ControlPattern();

    [GeneratedRegex("<option[^>]*>")]
    private static partial Regex OptionPattern();
}
