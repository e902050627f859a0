using System.Globalization;
using Bob.Grains.Abstractions.Common;
using Bob.Web.Auth;
using Bob.Web.Features.Audit;
using Carter;

namespace Bob.Web.Consoles.Portal;

/// <summary>The Audit log page: the tenant's entries newest first, filtered and paged by the same query as <c>GET /api/audit</c>,
/// with the page's From and To days (<see cref="AuditDays"/>) turned into the API's times.</summary>
public sealed class AuditPagesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ConsolePage.Audit.Path, async (Caller caller, IClusterClient cluster, HttpContext context,
            string? cursor, string? limit, string? actor, string? action, string? from, string? to) =>
        {
            // The filter form sends empty fields for "any"; the API's query has them absent.
            var days = new AuditDays(Given(from), Given(to));
            var filter = new AuditFilter(Given(cursor), Given(limit), Given(actor), Given(action), days.ApiFrom, days.ApiTo);
            Result<AuditPageView> entries = days.Invalid() is { } invalid ? invalid : await AuditLog.ListAsync(cluster, caller.Tenant, filter);
            var parameters = new { Viewer = PageViewer.Of(context), Filter = filter, Days = days, Entries = entries.Value, entries.Failure };
            return entries.IsSuccess ? PageResults.Render<AuditPage>(parameters) : PageResults.RenderFailure<AuditPage>(entries.Failure!, parameters);
        }).MemberPage(ConsolePage.Audit);

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The page's day range as typed (<c>yyyy-MM-dd</c>, what a date input sends): calendar days in UTC, both
/// included. The API's <c>from</c> is the From day's start and its <c>to</c> (exclusive) the start of the day after To.</summary>
public sealed record AuditDays(string? From, string? To)
{
    public string? ApiFrom => DayStart(From, 0);

    public string? ApiTo => DayStart(To, 1);

    public Failure? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (From is not null && !TryParse(From, out _))
        {
            errors["from"] = ["From must be a date (YYYY-MM-DD)."];
        }
        if (To is not null && !TryParse(To, out _))
        {
            errors["to"] = ["To must be a date (YYYY-MM-DD)."];
        }
        if (errors.Count == 0 && TryParse(From, out var from) && TryParse(To, out var to) && to < from)
        {
            errors["to"] = ["To must be on or after From."];
        }
        return errors.Count == 0 ? null : Failure.Validation(errors);
    }

    private static bool TryParse(string? day, out DateOnly date) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string? DayStart(string? day, int plusDays) =>
        TryParse(day, out var date)
            ? date.AddDays(plusDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;
}
