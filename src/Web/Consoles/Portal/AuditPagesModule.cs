using Bob.Web.Auth;
using Bob.Web.Features.Audit;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Audit log page: the tenant's entries newest first, filtered and paged by the same query as <c>GET /api/audit</c>.</summary>
public sealed class AuditPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ConsolePage.Audit.Path, async (Caller caller, IClusterClient cluster, HttpContext context,
            string? cursor, string? limit, string? actor, string? action) =>
        {
            // The filter form sends empty fields for "any"; the API's query has them absent.
            var filter = new AuditFilter(Given(cursor), Given(limit), Given(actor), Given(action), null, null);
            var entries = await AuditLog.ListAsync(cluster, caller.Tenant, filter);
            var parameters = new { Viewer = PageViewer.Of(context), Filter = filter, Entries = entries.Value, entries.Failure };
            return entries.IsSuccess ? PageResults.Render<AuditPage>(parameters) : PageResults.RenderFailure<AuditPage>(entries.Failure!, parameters);
        }).MemberPage(ConsolePage.Audit);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
