using Bob.Grains.Abstractions.Personas;

namespace Bob.Grains.Personas;

[GenerateSerializer, Alias("bob.PersonaState")]
public sealed class PersonaState
{
    [Id(0)] public List<PersonaVersion> Versions { get; set; } = [];
}

public sealed class PersonaGrain(
    [PersistentState("persona", "bob")] IPersistentState<PersonaState> persona,
    TimeProvider time) : Grain, IPersonaGrain
{
    public async Task<PersonaVersion> SaveAsync(PersonaInput content)
    {
        var version = new PersonaVersion(persona.State.Versions.Count + 1, content, time.GetUtcNow());
        persona.State.Versions.Add(version);
        await persona.WriteStateAsync();
        return version;
    }

    public Task<PersonaVersion?> GetCurrentAsync() => Task.FromResult(persona.State.Versions.LastOrDefault());

    public Task<IReadOnlyList<PersonaVersion>> GetVersionsAsync() =>
        Task.FromResult<IReadOnlyList<PersonaVersion>>([.. persona.State.Versions.AsEnumerable().Reverse()]);

    public async Task DeleteAsync()
    {
        await persona.ClearStateAsync();
    }
}
