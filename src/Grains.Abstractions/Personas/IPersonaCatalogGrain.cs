using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.Personas;

/// <summary>A tenant's personas, keyed by tenant id: which exist, which one is active, and a copy of the active one
/// so a chat turn needs one call to know who is speaking.</summary>
[Alias("bob.IPersonaCatalogGrain")]
public interface IPersonaCatalogGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Result<PersonaView>> CreateAsync(PersonaInput input);

    /// <summary>Creates the default persona and activates it, unless the tenant already has personas.</summary>
    [Alias("EnsureDefault")]
    Task<PersonaView> EnsureDefaultAsync();

    [Alias("List")]
    Task<IReadOnlyList<PersonaView>> ListAsync();

    [Alias("Get")]
    Task<PersonaView?> GetAsync(string personaId);

    [Alias("Update")]
    Task<Result<PersonaView>> UpdateAsync(string personaId, PersonaInput input);

    [Alias("Activate")]
    Task<Result<PersonaView>> ActivateAsync(string personaId);

    [Alias("Delete")]
    Task<Outcome> DeleteAsync(string personaId);

    [Alias("GetVersions")]
    Task<Result<IReadOnlyList<PersonaVersion>>> GetVersionsAsync(string personaId);

    /// <summary>The persona that answers chats, or the one asked for when it exists.</summary>
    [Alias("GetSpeaker")]
    Task<PersonaView> GetSpeakerAsync(string? personaId);
}
