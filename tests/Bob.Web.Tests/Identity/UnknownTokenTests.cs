using Bob.Grains.Abstractions.Common;
using Bob.Web.Tests.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Bob.Web.Tests.Identity;

/// <summary>Issue 18: a made-up bearer token costs no grain activation and no query. Tokens carry a MAC under the
/// cluster's key, which the web node checks before it asks a token's grain.</summary>
public sealed class UnknownTokenTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task Random_well_formed_tokens_are_refused_without_activating_a_token_grain()
    {
        var tenant = await app.SignupAsync();
        Assert.Contains('.', tenant.Token);
        await (await app.Bearer(tenant.Token).GetAsync("/api/auth/me")).OkJsonAsync();
        var before = await TokenGrainActivationsAsync();

        for (var i = 0; i < 20; i++)
        {
            var forged = $"{Ids.RandomToken(32)}.{Ids.RandomToken(16)}";
            await (await app.Bearer(forged).GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
        }
        var unsigned = await app.Bearer(Ids.RandomToken(32)).GetAsync("/api/chat/events");
        var cookie = app.CreateClient();
        cookie.DefaultRequestHeaders.Add("Cookie", $"bob_session={Ids.RandomToken(32)}.{Ids.RandomToken(16)}");
        var viaCookie = await cookie.GetAsync("/api/auth/me");

        await unsigned.AssertProblemAsync(401, "invalid_token");
        await viaCookie.AssertProblemAsync(401, "invalid_token");
        Assert.True(await TokenGrainActivationsAsync() <= before);
        await (await app.Bearer(tenant.Token).GetAsync("/api/auth/me")).OkJsonAsync();
    }

    [Fact]
    public async Task A_token_whose_mac_was_changed_is_refused()
    {
        var tenant = await app.SignupAsync();
        var dot = tenant.Token.LastIndexOf('.');
        var tampered = tenant.Token[..dot] + "." + (tenant.Token[dot + 1] == 'A' ? 'B' : 'A') + tenant.Token[(dot + 2)..];

        await (await app.Bearer(tampered).GetAsync("/api/auth/me")).AssertProblemAsync(401, "invalid_token");
    }

    private async Task<int> TokenGrainActivationsAsync()
    {
        var management = app.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("AccessTokenGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
