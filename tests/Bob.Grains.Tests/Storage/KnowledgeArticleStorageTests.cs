using Bob.Grains.Abstractions.Knowledge;
using Bob.Grains.Knowledge;
using Npgsql;

namespace Bob.Grains.Tests.Storage;

/// <summary>Articles live one row each in <c>bob_knowledge_articles</c>: an edit writes its row alone, a restart reads
/// them back, and articles an older release kept in grain state are carried over on activation.</summary>
public sealed class KnowledgeArticleStorageTests(BoundedStorageCluster fixture) : IClassFixture<BoundedStorageCluster>
{
    [Fact]
    public async Task Editing_or_deleting_one_article_writes_that_row_and_no_other()
    {
        var tenant = await fixture.SignupAsync();
        var knowledge = fixture.Grains.GetGrain<IKnowledgeBaseGrain>(tenant);
        var ids = new List<string>();
        foreach (var title in new[] { "Returns", "Shipping", "Warranty" })
        {
            ids.Add((await knowledge.CreateAsync(new KnowledgeInput(title, $"About {title}.", ["policy"]))).Value!.Id);
        }
        var before = await RowVersionsAsync(tenant);
        var version = await knowledge.VersionAsync();

        Assert.True((await knowledge.UpdateAsync(ids[1], new KnowledgeInput("Shipping", "Ships in two days.", ["policy", "delivery"]))).IsSuccess);

        var afterUpdate = await RowVersionsAsync(tenant);
        Assert.Equal(before[ids[0]], afterUpdate[ids[0]]);
        Assert.NotEqual(before[ids[1]], afterUpdate[ids[1]]);
        Assert.Equal(before[ids[2]], afterUpdate[ids[2]]);
        Assert.Equal(version + 1, await knowledge.VersionAsync());
        Assert.Equal("Ships in two days.", (await knowledge.GetAsync(ids[1]))!.Content);

        Assert.True((await knowledge.DeleteAsync(ids[0])).IsSuccess);

        var afterDelete = await RowVersionsAsync(tenant);
        Assert.Equal(new[] { ids[1], ids[2] }.Order(), afterDelete.Keys.Order());
        Assert.Equal(afterUpdate[ids[1]], afterDelete[ids[1]]);
        Assert.Equal(afterUpdate[ids[2]], afterDelete[ids[2]]);
        Assert.Equal(version + 2, await knowledge.VersionAsync());
    }

    [Fact]
    public async Task A_tenant_whose_state_still_holds_articles_keeps_them_in_the_table()
    {
        var tenant = $"t_{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IKnowledgeBaseGrain>(tenant);
        var at = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var legacy = new KnowledgeBaseState
        {
            Version = 7,
            Articles =
            [
                new("art_old1", "Opening hours", "Nine to five.", ["hours"], at, at),
                new("art_old2", "Parking", "Behind the shop.", [], at.AddDays(1), at.AddDays(2)),
            ],
        };
        await fixture.GrainStorage.WriteStateAsync("knowledge", grain.GetGrainId(), new GrainState<KnowledgeBaseState>(legacy));

        var articles = await grain.ListAsync();

        Assert.Equal(["art_old1", "art_old2"], articles.Select(a => a.Id));
        Assert.Equal(["hours"], articles[0].Tags);
        Assert.Equal(at.AddDays(2), articles[1].UpdatedAt);
        Assert.Equal(7, await grain.VersionAsync());
        Assert.Equal(["art_old1", "art_old2"], (await RowVersionsAsync(tenant)).Keys.Order());
        var stored = new GrainState<KnowledgeBaseState>(new KnowledgeBaseState());
        await fixture.GrainStorage.ReadStateAsync("knowledge", grain.GetGrainId(), stored);
        Assert.Empty(stored.State!.Articles);
        Assert.Equal(7, stored.State.Version);
    }

    [Fact]
    public async Task Articles_survive_a_full_cluster_restart()
    {
        var cluster = new BoundedStorageCluster();
        await cluster.InitializeAsync();
        var tenant = await cluster.SignupAsync();
        var knowledge = cluster.Grains.GetGrain<IKnowledgeBaseGrain>(tenant);
        var kept = (await knowledge.CreateAsync(new KnowledgeInput("Returns", "Thirty days.", ["policy"]))).Value!;
        var gone = (await knowledge.CreateAsync(new KnowledgeInput("Old news", "Closed Mondays.", []))).Value!;
        var edited = (await knowledge.UpdateAsync(kept.Id, new KnowledgeInput("Returns", "Sixty days.", ["policy", "returns"]))).Value!;
        await knowledge.DeleteAsync(gone.Id);
        var version = await knowledge.VersionAsync();

        var restarted = await cluster.RestartAsync();
        try
        {
            var after = restarted.Grains.GetGrain<IKnowledgeBaseGrain>(tenant);
            var article = Assert.Single(await after.ListAsync());
            Assert.Equal(edited.Id, article.Id);
            Assert.Equal("Sixty days.", article.Content);
            Assert.Equal(["policy", "returns"], article.Tags);
            Assert.Equal(edited.UpdatedAt, article.UpdatedAt);
            Assert.Equal(version, await after.VersionAsync());
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    /// <summary>Each row's <c>xmin</c>: the transaction that last wrote it, which changes only when the row is written.</summary>
    private async Task<Dictionary<string, string>> RowVersionsAsync(string tenant)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT article_id, xmin::text FROM bob_knowledge_articles WHERE tenant_id = $1", connection);
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }
        return rows;
    }
}
