using Bob.Grains.Abstractions.Billing;
using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Npgsql;

namespace Bob.Grains.Tests.Conversations;

/// <summary>
/// What a tenant's credit meter holds and has charged, for the tests that prove a turn's hold is finished exactly once: the
/// test holds one credit itself first, so a leaked hold shows as two held and a hold given back twice (taking the test's own)
/// as none.
/// </summary>
public sealed class HeldCreditsProbe(IGrainFactory grains, string connectionString)
{
    public async Task<TenantId> SignupAsync()
    {
        var signup = await grains.GetGrain<IAccountsGrain>(0).SignupAsync(
            new SignupRequest("Held Credits Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
        Assert.True(signup.IsSuccess, signup.Failure?.Detail);
        return new TenantId(signup.Value!.Tenant.Id);
    }

    /// <summary>The test's own hold, taken as a turn would take one.</summary>
    public async Task HoldOneAsync(TenantId tenant)
    {
        Assert.Equal(1, (await Meter(tenant).HoldAsync(CreditPolicies.HardStop)).Held);
        Assert.Equal(1, await HeldAsync(tenant));
    }

    /// <summary>The credits held now: what the plan includes, less what is used and what remains.</summary>
    public async Task<int> HeldAsync(TenantId tenant)
    {
        var included = (await grains.GetGrain<ITenantGrain>(tenant).GetPlanAsync())!.Limits.IncludedCredits;
        var balance = await Meter(tenant).BalanceAsync();
        return included - balance.Used - balance.Remaining;
    }

    /// <summary>Only the test's own hold is left, and (when the database can be read) the meter has charged what the stored answers cost.</summary>
    public async Task AssertOnlyTheTestsHoldAsync(TenantId tenant, string after, bool checkStored = true)
    {
        var held = await HeldAsync(tenant);
        Assert.True(held == 1, $"After the {after} turn {held} credits are held, not the test's own 1.");
        if (checkStored)
        {
            Assert.Equal(await StoredCreditsAsync(tenant), (await Meter(tenant).BalanceAsync()).Used);
        }
    }

    private ICreditMeterGrain Meter(TenantId tenant) => grains.GetGrain<ICreditMeterGrain>(tenant.Value);

    private async Task<int> StoredCreditsAsync(TenantId tenant)
    {
        // Unpooled: a test that made the database unavailable terminated the pool's connections.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var sum = new NpgsqlCommand("SELECT COALESCE(SUM(credits), 0)::int FROM bob_messages WHERE tenant_id = $1", connection);
        sum.Parameters.Add(new() { Value = tenant.Value });
        return (int)(await sum.ExecuteScalarAsync())!;
    }
}
