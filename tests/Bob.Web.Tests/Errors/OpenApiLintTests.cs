using System.Diagnostics;
using System.Text.Json.Nodes;
using Bob.Web.Http;

namespace Bob.Web.Tests.Errors;

/// <summary>
/// The served OpenAPI document is what integrators generate clients from: Spectral's <c>oas</c> ruleset (pinned in
/// tools/openapi-lint, installed by deploy/test.sh) finds no error in it, and it describes the public port only.
/// </summary>
public sealed class OpenApiLintTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    private static readonly string LintTools = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint");

    [Fact]
    public async Task The_document_lists_no_route_of_the_management_port()
    {
        var document = await (await app.CreateClient().GetAsync(OpenApiSetup.DocumentPath)).JsonAsync();

        var paths = document["paths"]!.AsObject().Select(pair => pair.Key).ToList();
        Assert.All(paths, path => Assert.True(path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/health/", StringComparison.Ordinal),
            $"{path} is not a route of the public port's API"));
    }

    [Fact]
    public async Task Spectral_oas_ruleset_finds_no_error()
    {
        var spectral = Path.Combine(LintTools, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: deploy/test.sh installs it (npm ci in tools/openapi-lint)");
        var file = Path.Combine(Path.GetTempPath(), $"bob-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.CreateClient().GetStringAsync(OpenApiSetup.DocumentPath));
        try
        {
            var results = await LintAsync(spectral, file);

            var errors = results.Where(result => result!["severity"]!.GetValue<int>() == 0)
                .Select(result => $"{result!["code"]} at {string.Join('.', result["path"]!.AsArray().Select(p => p!.ToString()))}: {result["message"]}")
                .ToList();
            Assert.True(errors.Count == 0, $"Spectral found {errors.Count} errors:\n{string.Join('\n', errors)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<JsonArray> LintAsync(string spectral, string file)
    {
        var start = new ProcessStartInfo(spectral)
        {
            ArgumentList = { "lint", file, "--ruleset", Path.Combine(LintTools, ".spectral.yaml"), "--format", "json", "--quiet", "--fail-severity", "error" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LintTools,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var json = await output;
        Assert.True(json.TrimStart().StartsWith('['), $"spectral printed no results (exit {process.ExitCode}): {json}{await error}");
        return JsonNode.Parse(json)!.AsArray();
    }
}
