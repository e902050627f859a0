using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Identity;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Web.Auth;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var app = endpoints.MapGroup("/api/widget-keys").WithTags("Widget keys").RequirePermission(Permissions.WidgetManage)
            .ProducesProblems(401, 403, 503);

        app.MapGet("/", ListWidgetKeysAsync).WithName("ListWidgetKeys").WithSummary("List widget keys with their allowed origins");
        app.MapPost("/", CreateWidgetKeyAsync).WithName("CreateWidgetKey").WithSummary("Issue a widget key for a list of allowed origins (and its appearance)");
        app.MapGet("/{id:bobid}", GetWidgetKeyAsync).WithName("GetWidgetKey").WithSummary("One widget key");
        app.MapPatch("/{id:bobid}", UpdateWidgetKeyAsync).WithName("UpdateWidgetKey")
            .WithSummary("Rename a widget key, change its allowed origins, replace its appearance or require signed-in visitors (requireIdentity)");
        app.MapPost("/{id:bobid}/identity-secret", IssueWidgetIdentitySecretAsync).WithName("IssueWidgetIdentitySecret")
            .WithSummary("Issue the key's identity secret (shown once) for signing visitors; the one it replaces verifies for 24 h more");
        app.MapPost("/{id:bobid}/rotate", RotateWidgetKeyAsync).WithName("RotateWidgetKey").WithSummary("Issue a new key value; the old one stops working at once");
        app.MapDelete("/{id:bobid}", RevokeWidgetKeyAsync).WithName("RevokeWidgetKey").WithSummary("Revoke a widget key at once on every node");
        app.MapGet("/{id:bobid}/embed-code", WidgetEmbedCodeAsync).WithName("WidgetEmbedCode").WithSummary("The script tag to paste into a website");
    }

    public static async Task<Ok<IReadOnlyList<WidgetKeyView>>> ListWidgetKeysAsync(Caller caller, IClusterClient cluster) =>
        TypedResults.Ok(await Catalog(cluster, caller).ListAsync());

    public static async Task<Results<Created<WidgetKeyView>, Problem<Status400, Status409>>> CreateWidgetKeyAsync(WidgetKeyBody body, Caller caller, IClusterClient cluster) =>
        (await WidgetKeyActions.CreateAsync(cluster, caller, body.ToInput())).CreatedOr(k => $"/api/widget-keys/{k.Id}", Problem<Status400, Status409>.For);

    public static async Task<Results<Ok<WidgetKeyView>, Problem<Status404>>> GetWidgetKeyAsync(string id, Caller caller, IClusterClient cluster) =>
        await Catalog(cluster, caller).GetAsync(id) is { } key ? TypedResults.Ok(key) : Problem<Status404>.For(NotFound);

    public static async Task<Results<Ok<WidgetKeyView>, Problem<Status400, Status404>>> UpdateWidgetKeyAsync(string id, WidgetKeyBody body, Caller caller, IClusterClient cluster) =>
        (await Catalog(cluster, caller).UpdateAsync(id, body.ToInput())).OkOr(Problem<Status400, Status404>.For);

    public static async Task<Results<Created<IdentitySecretIssued>, Problem<Status404>>> IssueWidgetIdentitySecretAsync(string id, Caller caller, IClusterClient cluster)
    {
        var issued = await Catalog(cluster, caller).IssueIdentitySecretAsync(id);
        return issued.IsSuccess ? TypedResults.Created((string?)null, new IdentitySecretIssued(issued.Value!)) : Problem<Status404>.For(issued.Failure!);
    }

    public static async Task<Results<Ok<WidgetKeyView>, Problem<Status404>>> RotateWidgetKeyAsync(string id, Caller caller, IClusterClient cluster) =>
        (await Catalog(cluster, caller).RotateAsync(id)).OkOr(Problem<Status404>.For);

    public static async Task<Results<NoContent, Problem<Status404>>> RevokeWidgetKeyAsync(string id, Caller caller, IClusterClient cluster) =>
        (await Catalog(cluster, caller).RevokeAsync(id)).NoContentOr(Problem<Status404>.For);

    public static async Task<Results<Ok<EmbedCode>, Problem<Status404>>> WidgetEmbedCodeAsync(
        string id, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        await Catalog(cluster, caller).GetAsync(id) is { } key
            ? TypedResults.Ok(WidgetKeyActions.EmbedCodeFor(key, PublicUrl.Of(context, configuration)))
            : Problem<Status404>.For(NotFound);

    private static Failure NotFound => Failure.NotFound("Widget key");

    private static IWidgetKeyCatalogGrain Catalog(IClusterClient cluster, Caller caller) => WidgetKeyActions.Catalog(cluster, caller);
}
