using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Webhooks;

namespace Bob.Grains.Webhooks;

/// <summary>What an endpoint's fields must be, checked for a registration and for a PATCH; the URL's host is checked by
/// <see cref="WebhookAddressGuard"/> (it resolves names), the rest here.</summary>
public sealed class WebhookEndpointRules(WebhookAddressGuard guard, Microsoft.Extensions.Options.IOptions<WebhookOptions> options)
{
    /// <summary>Checks the given fields (null: not sent; <paramref name="creating"/> requires url and events).</summary>
    public async Task<(Failure? Failure, string? Url, IReadOnlyList<string>? Events, string? Description)> CheckAsync(WebhookEndpointInput input, bool creating)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        string? url = null;
        if (input.Url is not null || creating)
        {
            var uri = WebhookUrls.Parse(input.Url, options.Value.AllowPrivateNetworks, out var problem);
            if (uri is null)
            {
                errors["url"] = [problem!];
            }
            else
            {
                try
                {
                    await guard.CheckAsync(uri.IdnHost, CancellationToken.None);
                    url = WebhookUrls.Normalize(uri);
                }
                catch (WebhookAddressRefusedException refused)
                {
                    errors["url"] = [$"url must reach a public address: {refused.Message}"];
                }
            }
        }
        IReadOnlyList<string>? events = null;
        if (input.Events is { } types || creating)
        {
            var given = input.Events ?? [];
            var unknown = given.Where(t => !WebhookEventTypes.IsKnown(t)).ToList();
            if (given.Count == 0)
            {
                errors["events"] = [$"events must name at least one of {string.Join(", ", WebhookEventTypes.All)}."];
            }
            else if (unknown.Count > 0)
            {
                errors["events"] = [.. unknown.Select(t => $"'{Shown(t)}' is not an event; events are {string.Join(", ", WebhookEventTypes.All)}.")];
            }
            else
            {
                events = [.. given.Distinct(StringComparer.Ordinal)];
            }
        }
        var description = input.Description?.Trim();
        if (description is not null && (description.Length > WebhookRules.DescriptionMax || description.Any(c => char.IsControl(c) && c is not '\n' and not '\t')))
        {
            errors["description"] = [$"description must be at most {WebhookRules.DescriptionMax} characters, without control characters."];
        }
        return errors.Count > 0 ? (Failure.Validation(errors), null, null, null) : (null, url, events, description);
    }

    /// <summary>An unknown event name as it can be shown back: no control characters, not too long.</summary>
    private static string Shown(string? type) =>
        type is null ? "null" : new string([.. type.Take(64).Select(c => char.IsControl(c) ? '\uFFFD' : c)]);
}
