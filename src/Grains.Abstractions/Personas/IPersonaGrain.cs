namespace Bob.Grains.Abstractions.Personas;

/// <summary>One persona's content and its version history, keyed "tenantId/personaId".
/// Reached through <see cref="IPersonaCatalogGrain"/>, which owns the tenant's list and the active choice.</summary>
[Alias("bob.IPersonaGrain")]
public interface IPersonaGrain : IGrainWithStringKey
{
    /// <summary>Stores a new version (version 1 when the persona is new) and returns it.</summary>
    [Alias("Save")]
    Task<PersonaVersion> SaveAsync(PersonaInput content);

    [Alias("GetCurrent")]
    Task<PersonaVersion?> GetCurrentAsync();

    [Alias("GetVersions")]
    Task<IReadOnlyList<PersonaVersion>> GetVersionsAsync();

    [Alias("Delete")]
    Task DeleteAsync();
}
