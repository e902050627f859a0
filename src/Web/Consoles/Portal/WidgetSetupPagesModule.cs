using Bob.Grains.Abstractions.Common;
using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.WidgetKeys;
using Bob.Web.Auth;
using Bob.Web.Features.WidgetKeys;
using Bob.Web.Http;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>Widget Setup: the tenant's widget keys, their allowed origins, look and embed code; rotate and revoke.</summary>
public sealed class WidgetSetupPagesModule : ICarterModule
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["created"] = "Key created. Copy its embed code into your site.",
        ["saved"] = "Saved. Sites using this key pick up the change on their next page load.",
        ["rotated"] = "Key rotated: the old value no longer works. Update the embed code on your sites.",
        ["revoked"] = "Key revoked: the widget no longer answers with it.",
    };

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var path = ConsolePage.Widget.Path;
        app.MapGet(path, (Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration, string? done) =>
            RenderAsync(caller, cluster, context, configuration, done is not null ? Notices.GetValueOrDefault(done) : null)).MemberPage(ConsolePage.Widget);

        app.MapPost(path, async (Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        {
            var form = await PageForm.ReadAsync(context);
            var created = await WidgetKeyActions.CreateAsync(cluster, caller, InputFrom(form, withAppearance: false));
            return created.IsSuccess
                ? PageResults.SeeOther($"{path}?done=created#{created.Value!.Id}-title")
                : await RenderAsync(caller, cluster, context, configuration, null, WidgetSetupPage.NewKey, form, created.Failure);
        }).MemberPage(ConsolePage.Widget);

        app.MapPost(path + "/{id:bobid}", async (string id, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        {
            var form = await PageForm.ReadAsync(context);
            var saved = await WidgetKeyActions.Catalog(cluster, caller).UpdateAsync(id, InputFrom(form, withAppearance: true));
            return saved.IsSuccess
                ? PageResults.SeeOther($"{path}?done=saved#{id}-title")
                : await RenderAsync(caller, cluster, context, configuration, null, id, form, saved.Failure);
        }).MemberPage(ConsolePage.Widget);

        app.MapPost(path + "/{id:bobid}/rotate", async (string id, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        {
            var rotated = await WidgetKeyActions.Catalog(cluster, caller).RotateAsync(id);
            return rotated.IsSuccess
                ? PageResults.SeeOther($"{path}?done=rotated#{id}-title")
                : await RenderAsync(caller, cluster, context, configuration, null, id, null, rotated.Failure);
        }).MemberPage(ConsolePage.Widget);

        app.MapPost(path + "/{id:bobid}/revoke", async (string id, Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration) =>
        {
            var revoked = await WidgetKeyActions.Catalog(cluster, caller).RevokeAsync(id);
            return revoked.IsSuccess
                ? PageResults.SeeOther($"{path}?done=revoked")
                : await RenderAsync(caller, cluster, context, configuration, null, id, null, revoked.Failure);
        }).MemberPage(ConsolePage.Widget);
    }

    /// <summary>The form as the API's body: origins one per line; the appearance replaced as a whole, as a PATCH does.</summary>
    private static WidgetKeyInput InputFrom(PageForm form, bool withAppearance)
    {
        var origins = (form["allowedOrigins"] ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var appearance = withAppearance
            ? new AppearanceBody(form["appearance.displayName"], form["appearance.greeting"], form["appearance.primaryColor"], form["appearance.position"]).ToAppearance()
            : null;
        return new WidgetKeyInput(form["name"], origins, appearance);
    }

    private static async Task<IResult> RenderAsync(Caller caller, IClusterClient cluster, HttpContext context, IConfiguration configuration,
        string? notice, string? failedKeyId = null, PageForm? form = null, Failure? failure = null)
    {
        var keys = WidgetKeyActions.Catalog(cluster, caller).ListAsync();
        var persona = cluster.GetGrain<IPersonaCatalogGrain>(caller.Tenant).GetSpeakerAsync(null);
        var parameters = new
        {
            Viewer = PageViewer.Of(context), Keys = await keys, Persona = await persona, PublicUrl = PublicUrl.Of(context, configuration),
            Notice = notice, FailedKeyId = failedKeyId, Form = form, Failure = failure,
        };
        return failure is null ? PageResults.Render<WidgetSetupPage>(parameters) : PageResults.RenderFailure<WidgetSetupPage>(failure, parameters);
    }
}
