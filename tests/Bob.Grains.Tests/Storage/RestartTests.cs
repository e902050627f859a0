using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Tests.Infrastructure;
using Npgsql;

namespace Bob.Grains.Tests.Storage;

/// <summary>Each test here owns its cluster, because it stops it.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task State_survives_a_full_cluster_restart()
    {
        var fixture = new ClusterFixture();
        await fixture.InitializeAsync();
        var email = $"{Guid.NewGuid():N}@example.com";
        var signup = (await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest("Restart Co", email, "a-long-password", null))).Value!;
        var personas = fixture.Grains.GetGrain<IPersonaCatalogGrain>(signup.Tenant.Id);
        var created = (await personas.CreateAsync(new PersonaInput("Ava", "Support", "formal", "Be precise."))).Value!;
        await personas.UpdateAsync(created.Id, new PersonaInput("Ava", "Support", "concise", "Be brief."));

        var restarted = await fixture.RestartAsync();
        try
        {
            var login = await restarted.Grains.GetGrain<IAccountsGrain>(0).LoginAsync(email, "a-long-password", "203.0.113.7");
            Assert.True(login.IsSuccess);
            var persona = await restarted.Grains.GetGrain<IPersonaCatalogGrain>(signup.Tenant.Id).GetAsync(created.Id);
            Assert.Equal(2, persona!.Version);
            Assert.Equal("concise", persona.Tone);
            var versions = await restarted.Grains.GetGrain<IPersonaCatalogGrain>(signup.Tenant.Id).GetVersionsAsync(created.Id);
            Assert.Equal([2, 1], versions.Value!.Select(v => v.Version));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task Storage_allows_one_row_per_grain_identity()
    {
        var fixture = new ClusterFixture();
        await fixture.InitializeAsync();
        try
        {
            await fixture.Grains.GetGrain<IAccountsGrain>(0).SignupAsync(new SignupRequest("Unique Row Co", $"{Guid.NewGuid():N}@example.com", "a-long-password", null));
            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using var duplicate = new NpgsqlCommand(
                "INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version) " +
                "SELECT service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version FROM orleans_storage LIMIT 1", connection);

            var error = await Assert.ThrowsAsync<PostgresException>(() => duplicate.ExecuteNonQueryAsync());

            Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
