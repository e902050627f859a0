using Bob.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bob.Silo;

/// <summary>
/// <c>Bob.Silo migrate</c>: applies the schema migrations this build carries and exits (0 done, 1 failed).
/// Run once per release, before the new nodes start (the compose <c>migrate</c> service, the Kubernetes Job).
/// Safe to run twice or concurrently: the migrator holds an advisory lock and skips what is applied.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[1..]).Build();
        try
        {
            var applied = await SchemaMigrator.ApplyAsync(BobConfiguration.ConnectionString(configuration));
            await Console.Out.WriteLineAsync(applied.Count == 0
                ? "migrate: the schema is current; nothing to apply."
                : $"migrate: applied {string.Join(", ", applied)}.");
            return 0;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"migrate: failed: {ex.Message}");
            return 1;
        }
    }
}
