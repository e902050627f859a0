using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Webhooks;

/// <summary>
/// Sends one signed attempt through the guarded client (<see cref="WebhookHttp"/>): Standard Webhooks headers, the exact
/// stored body, the configured timeout for the whole attempt, redirects never followed, and at most
/// <see cref="WebhookOptions.MaxResponseBytes"/> of the answer read. Never throws for the receiver's behaviour.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Bob-Webhooks", "1.0");

    public async Task<AttemptResult> SendAsync(Uri url, string eventId, string payload, IReadOnlyList<byte[]> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var started = Stopwatch.GetTimestamp();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, eventId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(eventId, timestamp, payload, keys));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => AttemptResult.RedirectNotFollowed,
                _ => AttemptResult.HttpError,
            };
            return new AttemptResult(status, Stopwatch.GetElapsedTime(started), error, RetryAfterOf(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), AttemptResult.Timeout);
        }
        catch (HttpRequestException failure) when (Refused(failure))
        {
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), AttemptResult.AddressNotAllowed);
        }
        catch (HttpRequestException)
        {
            return new AttemptResult(null, Stopwatch.GetElapsedTime(started), AttemptResult.ConnectionFailed);
        }
    }

    /// <summary>Reads up to the cap and drops it: the body may hold anything, and the connection goes back to the pool clean or not at all.</summary>
    private async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var left = options.Value.MaxResponseBytes;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (left > 0)
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, left)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            left -= read;
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }
        return retryAfter.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static bool Refused(Exception failure)
    {
        for (var inner = failure; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException)
            {
                return true;
            }
        }
        return false;
    }
}
