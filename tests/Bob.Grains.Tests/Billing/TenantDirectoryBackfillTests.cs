using Bob.Grains.Abstractions.Admin;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Tests.Infrastructure;
using Npgsql;

namespace Bob.Grains.Tests.Billing;

/// <summary>Owns its cluster, because it restarts it.</summary>
public sealed class TenantDirectoryBackfillTests
{
    [Fact]
    public async Task A_tenant_missing_from_the_directory_is_listed_again_at_the_next_start()
    {
        var fixture = new ClusterFixture();
        await fixture.InitializeAsync();
        var tenant = (await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest("Unlisted Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null))).Value!.Tenant;
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var forget = new NpgsqlCommand("DELETE FROM bob_tenants", connection);
            await forget.ExecuteNonQueryAsync();
        }

        var restarted = await fixture.RestartAsync();
        try
        {
            var listed = await restarted.Grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync(new TenantQuery(null, null, null, 1, 100));

            Assert.Equal(["platform", tenant.Id], listed.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
            var row = listed.Items.Single(i => i.Id == tenant.Id);
            Assert.Equal(("Unlisted Co", "starter", 1, "active", 15_000), (row.Name, row.Plan, row.PricebookVersion, row.Status, row.CreditsIncluded));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
