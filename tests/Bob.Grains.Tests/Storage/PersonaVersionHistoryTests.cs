using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Personas;

namespace Bob.Grains.Tests.Storage;

/// <summary>A persona keeps its last <c>Bob:Personas:VersionsKept</c> versions; numbers keep counting past the dropped ones.</summary>
public sealed class PersonaVersionHistoryTests(BoundedStorageCluster fixture) : IClassFixture<BoundedStorageCluster>
{
    [Fact]
    public async Task Edits_past_the_bound_drop_the_oldest_versions_and_numbering_continues()
    {
        var personas = fixture.Grains.GetGrain<IPersonaCatalogGrain>(await fixture.SignupAsync());
        var created = (await personas.CreateAsync(new PersonaInput("Ava", "Support", "formal", "Be precise."))).Value!;
        string[] tones = ["friendly", "concise", "playful", "empathetic", "professional"];
        foreach (var tone in tones)
        {
            Assert.True((await personas.UpdateAsync(created.Id, new PersonaInput("Ava", "Support", tone, $"Be {tone}."))).IsSuccess);
        }

        var versions = (await personas.GetVersionsAsync(created.Id)).Value!;
        Assert.Equal([6, 5, 4], versions.Select(v => v.Version));
        Assert.Equal(["professional", "empathetic", "playful"], versions.Select(v => v.Content.Tone));
        var current = (await personas.GetAsync(created.Id))!;
        Assert.Equal(6, current.Version);
        Assert.Equal("professional", current.Tone);

        var next = (await personas.UpdateAsync(created.Id, new PersonaInput("Ava", "Support", "formal", "Be formal."))).Value!;
        Assert.Equal(7, next.Version);
        Assert.Equal([7, 6, 5], (await personas.GetVersionsAsync(created.Id)).Value!.Select(v => v.Version));
    }

    [Fact]
    public async Task A_state_stored_without_the_next_number_continues_after_its_last_version()
    {
        var key = GrainKeys.Scoped(new TenantId($"t_{Guid.NewGuid():N}"), "persona_legacy");
        var grain = fixture.Grains.GetGrain<IPersonaGrain>(key);
        var content = new PersonaInput("Old", "Stored by an older release", "formal", "Be old.");
        var legacy = new PersonaState { Versions = [new(1, content, DateTimeOffset.UnixEpoch), new(2, content, DateTimeOffset.UnixEpoch)] };
        await fixture.GrainStorage.WriteStateAsync("persona", grain.GetGrainId(), new GrainState<PersonaState>(legacy));

        var saved = await grain.SaveAsync(content with { Tone = "concise" });

        Assert.Equal(3, saved.Version);
        Assert.Equal([3, 2, 1], (await grain.GetVersionsAsync()).Select(v => v.Version));
        Assert.Equal(3, (await grain.GetCurrentAsync())!.Version);
    }
}
