using Bob.Grains.Abstractions.Personas;
using Microsoft.Extensions.Options;

namespace Bob.Grains.Personas;

[GenerateSerializer, Alias("bob.PersonaState")]
public sealed class PersonaState
{
    /// <summary>The kept versions, oldest first: at most <see cref="PersonaOptions.VersionsKept"/>.</summary>
    [Id(0)] public List<PersonaVersion> Versions { get; set; } = [];

    /// <summary>The number the next save gets; 0 in a state written before versions were bounded (then it follows the last kept one).</summary>
    [Id(1)] public int NextVersion { get; set; }
}

public sealed class PersonaGrain(
    [PersistentState("persona", "bob")] IPersistentState<PersonaState> persona,
    IOptions<PersonaOptions> options,
    TimeProvider time) : Grain, IPersonaGrain
{
    public async Task<PersonaVersion> SaveAsync(PersonaInput content)
    {
        var state = persona.State;
        var number = state.NextVersion > 0 ? state.NextVersion : (state.Versions.LastOrDefault()?.Version ?? 0) + 1;
        var version = new PersonaVersion(number, content, time.GetUtcNow());
        state.Versions.Add(version);
        var excess = state.Versions.Count - options.Value.VersionsKept;
        if (excess > 0)
        {
            state.Versions.RemoveRange(0, excess);
        }
        state.NextVersion = number + 1;
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
