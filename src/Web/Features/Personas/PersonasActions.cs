using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Web.Auth;

namespace Bob.Web.Features.Personas;

/// <summary>The tenant's persona catalog and the input a persona is made from, as the API and the Personas page both use them.</summary>
public static class PersonasActions
{
    public static IPersonaCatalogGrain Catalog(IClusterClient cluster, Caller caller) => cluster.GetGrain<IPersonaCatalogGrain>(caller.Tenant);

    /// <summary>The API's body and the Personas page's form become the same input; missing optional fields become empty,
    /// and name and tone are then refused by the persona rules if absent.</summary>
    public static PersonaInput Input(string? name, string? description, string? tone, string? systemPrompt) =>
        new(name ?? "", description ?? "", tone ?? "", systemPrompt ?? "");
}
