using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Bob.Web.Tests.Fuzz;

/// <summary>
/// Random and adversarial input on every input of every route, found in the running app's endpoints (so routes added
/// later are covered too), over loopback (in-memory test server), bounded and seeded. A case fails on any 5xx, on a
/// refusal without a problem <c>code</c>, and on a refusal (4xx) after which the database changed: a refused request
/// must store nothing. Set <c>BOB_FUZZ_SEED</c> to replay a run; the seed is in every failure message.
/// </summary>
public sealed class FuzzTests(FuzzApp app, ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    private const int RandomValuesPerInput = 3;
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public void Every_route_can_be_called_by_the_fuzzer()
    {
        var (routes, uncoverable) = RouteCatalog.Discover(app.Services);

        Assert.True(uncoverable.Count == 0,
            "The fuzzer cannot call these routes; teach RouteCatalog (tests/Bob.Web.Tests/Fuzz) how:\n" + string.Join('\n', uncoverable));
        Assert.Contains(routes, r => r.Name == "POST /api/widget/chat");
        Assert.Contains(routes, r => r.Inputs.Any(i => i.Kind == InputKind.Body));
    }

    [Fact]
    public async Task Adversarial_input_on_every_input_of_every_route_is_never_a_5xx_and_a_refusal_stores_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BOB_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        var random = new Random(seed);
        var world = await app.WorldAsync();
        var (routes, _) = RouteCatalog.Discover(app.Services);
        var builder = new FuzzRequests(world);
        var client = app.CreateClient();
        var failures = new List<string>();
        var reached = new Dictionary<string, int>();
        var cases = 0;
        var unsendable = 0;
        var clock = Stopwatch.StartNew();
        var before = await app.FingerprintAsync();

        foreach (var route in routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal))
        {
            var values = AdversarialInput.Fixed().Concat(AdversarialInput.Random(random, RandomValuesPerInput)).ToList();
            reached.TryAdd(route.Name, 0);
            foreach (var fuzzCase in builder.CasesFor(route, values))
            {
                cases++;
                if (await SendAsync(client, fuzzCase) is not var (status, problemCode, body))
                {
                    unsendable++;
                    continue;
                }
                var after = await app.FingerprintAsync();
                if (status >= 500)
                {
                    failures.Add($"{fuzzCase}: {status} {body}");
                }
                else if (status >= 400 && after != before)
                {
                    failures.Add($"{fuzzCase}: refused with {status} {problemCode} but the database changed");
                }
                else if (status >= 400 && problemCode is null && route.Method != "HEAD" && body.Length > 0)
                {
                    failures.Add($"{fuzzCase}: {status} without a problem code: {body}");
                }
                if (status is not (401 or 403 or 407))
                {
                    reached[route.Name]++;
                }
                before = after;
            }
        }

        Report(routes, cases, unsendable, clock.Elapsed, seed);
        var neverReached = reached.Where(r => r.Value == 0 && routes.First(x => x.Name == r.Key).Inputs.Count > 0).Select(r => r.Key).ToList();
        Assert.True(failures.Count == 0, $"seed {seed} (replay with BOB_FUZZ_SEED={seed}): {failures.Count} of {cases} cases failed:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(neverReached.Count == 0, $"seed {seed}: no case got past authentication on: {string.Join(", ", neverReached)}");
    }

    /// <summary>The answer's status, problem code and (start of) body; null when the HTTP client itself refuses to send the
    /// request (e.g. a header value with a NUL), which the server therefore can never receive.</summary>
    private static async Task<(int Status, string? ProblemCode, string Body)?> SendAsync(HttpClient client, FuzzCase fuzzCase)
    {
        using var deadline = new CancellationTokenSource(RequestDeadline);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(fuzzCase.Request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (HttpRequestException refused) when (refused.HttpRequestError is HttpRequestError.Unknown or HttpRequestError.InvalidResponse && IsClientSide(refused))
        {
            return null;
        }
        using var _ = response;
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return (status, null, "(event stream)");
        }
        var body = await response.Content.ReadAsStringAsync(deadline.Token);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && body.Length > 0)
        {
            code = (JsonNode.Parse(body) as JsonObject)?["code"]?.GetValue<string>();
        }
        else if (response.Content.Headers.ContentType?.MediaType == "text/html" && body.Contains("<main id=\"main\"", StringComparison.Ordinal))
        {
            // A console page refuses as a page (the form shown again with the API's status, a 403 or 404 page), never as JSON.
            code = "(console page)";
        }
        return (status, code, body.Length > 300 ? body[..300] : body);
    }

    private static bool IsClientSide(HttpRequestException exception) =>
        exception.InnerException is ArgumentException or FormatException or InvalidOperationException || exception.Message.Contains("header", StringComparison.OrdinalIgnoreCase);

    private void Report(IReadOnlyList<FuzzRoute> routes, int cases, int unsendable, TimeSpan elapsed, int seed)
    {
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"fuzz: {routes.Count} routes, {routes.Sum(r => r.Inputs.Count)} inputs, {cases} cases ({unsendable} refused by the HTTP client itself) in {elapsed.TotalSeconds:F1} s, seed {seed}");
        foreach (var route in routes.OrderBy(r => r.Pattern, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {route.Name} ({route.Auth}): {(route.Inputs.Count == 0 ? "no inputs" : string.Join(", ", route.Inputs))}{(route.BodyType is null ? "" : " + whole body")}");
        }
        output.WriteLine(report.ToString());
    }
}
