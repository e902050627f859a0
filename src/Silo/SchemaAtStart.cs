using Bob.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Bob.Silo;

/// <summary>
/// What a starting silo does about the schema. <c>Bob:Hosting:MigrateAtStart=true</c> (the single-machine default)
/// applies pending migrations itself. With <c>false</c> (compose, Kubernetes: the release's one-shot
/// <c>Bob.Silo migrate</c> job owns the schema) it waits up to <c>Bob:Hosting:SchemaWait</c> (60 s) for the job,
/// then refuses to start rather than run against a schema older than its code.
/// </summary>
public static class SchemaAtStart
{
    public const string MigrateAtStartKey = "Bob:Hosting:MigrateAtStart";
    public const string SchemaWaitKey = "Bob:Hosting:SchemaWait";

    public static async Task PrepareAsync(IConfiguration configuration, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var connectionString = BobConfiguration.ConnectionString(configuration);
        if (configuration.GetValue(MigrateAtStartKey, true))
        {
            await SchemaMigrator.ApplyAsync(connectionString, cancellationToken: cancellationToken);
            return;
        }
        time ??= TimeProvider.System;
        var deadline = time.GetUtcNow() + configuration.GetValue(SchemaWaitKey, TimeSpan.FromSeconds(60));
        while (true)
        {
            var pending = await SchemaMigrator.PendingAsync(connectionString, cancellationToken);
            if (pending.Count == 0)
            {
                return;
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new InvalidOperationException(
                    $"The database schema lacks {string.Join(", ", pending)}. Run 'Bob.Silo migrate' once for this release " +
                    $"(the migrate job), or set {MigrateAtStartKey.Replace(":", "__", StringComparison.Ordinal)}=true on a single node.");
            }
            await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
        }
    }
}
