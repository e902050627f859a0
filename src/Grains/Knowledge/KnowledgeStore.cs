using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Bob.Grains.Knowledge;

/// <summary>A tenant's knowledge articles in <c>bob_knowledge_articles</c>, one row each. Only <see cref="KnowledgeBaseGrain"/>
/// writes; each edit is one statement on one row. Storage failures surface as <see cref="FailureException"/> (503), as they did from grain state.</summary>
public sealed class KnowledgeStore(NpgsqlDataSource database)
{
    /// <summary>Oldest first, the order the grain always listed them in.</summary>
    public Task<List<KnowledgeArticle>> LoadAsync(TenantId tenant) =>
        StorageFailures.GuardAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(
                "SELECT article_id, title, content, tags, created_at, updated_at FROM bob_knowledge_articles " +
                "WHERE tenant_id = $1 ORDER BY created_at, article_id", connection);
            command.Parameters.Add(Text(tenant.Value));
            await using var reader = await command.ExecuteReaderAsync();
            var articles = new List<KnowledgeArticle>();
            while (await reader.ReadAsync())
            {
                articles.Add(new KnowledgeArticle(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
            return articles;
        });

    public Task InsertAsync(TenantId tenant, KnowledgeArticle article) =>
        ExecuteAsync(Insert(tenant, article, ""));

    public Task UpdateAsync(TenantId tenant, KnowledgeArticle article) =>
        ExecuteAsync(Command(
            "UPDATE bob_knowledge_articles SET title = $3, content = $4, tags = $5, created_at = $6, updated_at = $7 WHERE tenant_id = $1 AND article_id = $2",
            tenant, article));

    public Task DeleteAsync(TenantId tenant, string articleId) =>
        ExecuteAsync(new NpgsqlBatchCommand("DELETE FROM bob_knowledge_articles WHERE tenant_id = $1 AND article_id = $2")
        {
            Parameters = { Text(tenant.Value), Text(articleId) },
        });

    /// <summary>Articles a grain state written before this table held; a second run (a failed state clear) inserts nothing twice.</summary>
    public Task CarryOverAsync(TenantId tenant, IReadOnlyList<KnowledgeArticle> articles) =>
        ExecuteAsync([.. articles.Select(a => Insert(tenant, a, " ON CONFLICT (tenant_id, article_id) DO NOTHING"))]);

    /// <summary>The article as its row holds it: NUL and unpaired surrogates replaced (<see cref="StorableText"/>), which the
    /// edge refuses but a state written before the rule may hold.</summary>
    public static KnowledgeArticle Storable(KnowledgeArticle article) => article with
    {
        Title = StorableText.Clean(article.Title),
        Content = StorableText.Clean(article.Content),
        Tags = [.. article.Tags.Select(StorableText.Clean)],
    };

    private static NpgsqlBatchCommand Insert(TenantId tenant, KnowledgeArticle article, string onConflict) =>
        Command("INSERT INTO bob_knowledge_articles (tenant_id, article_id, title, content, tags, created_at, updated_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7)" + onConflict, tenant, article);

    private static NpgsqlBatchCommand Command(string sql, TenantId tenant, KnowledgeArticle given)
    {
        var article = Storable(given);
        return new(sql)
        {
            Parameters =
            {
                Text(tenant.Value),
                Text(article.Id),
                Text(article.Title),
                Text(article.Content),
                new() { Value = article.Tags.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = article.CreatedAt.ToUniversalTime() },
                new() { Value = article.UpdatedAt.ToUniversalTime() },
            },
        };
    }

    private Task ExecuteAsync(params NpgsqlBatchCommand[] commands) =>
        StorageFailures.GuardAsync(async () =>
        {
            if (commands.Length == 0)
            {
                return;
            }
            await using var connection = await database.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var command in commands)
            {
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
        });

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Text };
}
