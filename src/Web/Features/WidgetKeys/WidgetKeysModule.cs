using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Features.WidgetKeys;

public sealed record WidgetKeyBody(string? Name, IReadOnlyList<string>? AllowedOrigins, AppearanceBody? Appearance, bool? RequireIdentity = null)
{
    public WidgetKeyInput ToInput() => new(Name, AllowedOrigins, Appearance?.ToAppearance(), RequireIdentity);
}

/// <summary>A widget key's identity secret, shown once: the business's server signs its visitors with it (docs/WIDGET.md).</summary>
public sealed record IdentitySecretIssued(string Secret);

/// <summary>The widget's look, replaced as a whole when sent: omitted fields take their defaults (docs/WIDGET.md).</summary>
public sealed record AppearanceBody(string? DisplayName, string? Greeting, string? PrimaryColor, string? Position)
{
    public WidgetAppearance ToAppearance() => new(DisplayName, Greeting,
        PrimaryColor ?? WidgetAppearance.DefaultPrimaryColor, Position ?? WidgetAppearance.BottomRight);
}

public sealed record EmbedCode(string Html, string Key, string Position);

public sealed class WidgetKeysModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/widget-keys").WithTags("Widget keys").RequirePermission(Permissions.WidgetManage);

        app.MapGet("/", async (Caller caller, IClusterClient cluster) => TypedResults.Ok(await Catalog(cluster, caller).ListAsync())).WithName("ListWidgetKeys")
            .Describe<IReadOnlyList<WidgetKeyView>>("List widget keys with their allowed origins", StatusCodes.Status200OK, 401, 403, 503);
        app.MapPost("/", async (WidgetKeyBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await WidgetKeyActions.CreateAsync(cluster, caller, body.ToInput()))
                .ToHttp(context, k => TypedResults.Created($"/api/widget-keys/{k.Id}", k))).WithName("CreateWidgetKey")
            .Describe<WidgetKeyView>("Issue a widget key for a list of allowed origins (and its appearance)", StatusCodes.Status201Created, 400, 401, 403, 409, 503);
        app.MapGet("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster) =>
            await Catalog(cluster, caller).GetAsync(id) is { } key ? TypedResults.Ok(key) : NotFound()).WithName("GetWidgetKey")
            .Describe<WidgetKeyView>("One widget key", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapPatch("/{id:bobid}", async (string id, WidgetKeyBody body, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Catalog(cluster, caller).UpdateAsync(id, body.ToInput())).ToHttp(context))
            .WithName("UpdateWidgetKey")
            .Describe<WidgetKeyView>("Rename a widget key, change its allowed origins, replace its appearance or require signed-in visitors (requireIdentity)", StatusCodes.Status200OK, 400, 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/identity-secret", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Catalog(cluster, caller).IssueIdentitySecretAsync(id)).ToHttp(context, secret => TypedResults.Created((string?)null, new IdentitySecretIssued(secret))))
            .WithName("IssueWidgetIdentitySecret")
            .Describe<IdentitySecretIssued>("Issue the key's identity secret (shown once) for signing visitors; the one it replaces verifies for 24 h more", StatusCodes.Status201Created, 401, 403, 404, 503);
        app.MapPost("/{id:bobid}/rotate", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Catalog(cluster, caller).RotateAsync(id)).ToHttp(context)).WithName("RotateWidgetKey")
            .Describe<WidgetKeyView>("Issue a new key value; the old one stops working at once", StatusCodes.Status200OK, 401, 403, 404, 503);
        app.MapDelete("/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context) =>
            (await Catalog(cluster, caller).RevokeAsync(id)).ToHttp(context)).WithName("RevokeWidgetKey")
            .DescribeNoContent("Revoke a widget key at once on every node", 401, 403, 404, 503);
        app.MapGet("/{id:bobid}/embed-code", async (string id, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
            await Catalog(cluster, caller).GetAsync(id) is { } key
                ? TypedResults.Ok(WidgetKeyActions.EmbedCodeFor(key, PublicUrl.Of(context, configuration)))
                : NotFound()).WithName("WidgetEmbedCode")
            .Describe<EmbedCode>("The script tag to paste into a website", StatusCodes.Status200OK, 401, 403, 404, 503);
    }

    private static IResult NotFound() => Problems.From(Failure.NotFound("Widget key"));

    private static IWidgetKeyCatalogGrain Catalog(IClusterClient cluster, Caller caller) => cluster.GetGrain<IWidgetKeyCatalogGrain>(caller.Tenant);
}
