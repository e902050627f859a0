using Bob.Web.Auth;
using Bob.Web.Features.Health;
using Bob.Web.Hosting;
using Bob.Web.Http;
using Carter;
using Microsoft.AspNetCore.HttpLogging;

var builder = WebApplication.CreateBuilder(args);
PublicUrl.Validate(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimitMiddleware.MaxBodyBytes);
if (builder.Configuration.GetValue("Bob:Logging:Json", false))
{
    builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
}

await builder.AddBobOrleansAsync();
builder.Services
    .AddBobProblemDetails()
    .AddBobAuth()
    .AddBobRateLimits(builder.Configuration)
    .AddBobHealthChecks()
    .Configure<RouteOptions>(routes => routes.SetParameterPolicy<BobIdRouteConstraint>(BobIdRouteConstraint.Name))
    .AddHttpLogging(o =>
    {
        // One structured line per request; bodies and headers stay out of the logs (they carry tokens and visitors' words).
        o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
        o.CombineLogs = true;
    })
    // Host names are checked by HostFilterMiddleware (same AllowedHosts setting, problem answers); the in-box filter stands aside.
    .PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"])
    .AddOpenApi()
    .AddCarter();

var app = builder.Build();
app.UseMiddleware<RequestIdMiddleware>();
app.UseBobSecurityHeaders();
app.UseHttpLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<HostFilterMiddleware>();
app.UseMiddleware<BodySizeLimitMiddleware>();
app.UseRouting();
app.UseRateLimiter();
app.UseMiddleware<StorableInputMiddleware>();
app.UseAuthentication();
app.UseMiddleware<CsrfMiddleware>();
app.UseAuthorization();

// One document, at one address. The generator also takes ?documentName= and answers an unknown one with plain text
// echoing it; here any other name is a 404 problem.
app.MapOpenApi("/openapi/v1.json").AddEndpointFilter((context, next) => context.HttpContext.Request.Query.ContainsKey("documentName")
    ? ValueTask.FromResult<object?>(Problems.From(Bob.Grains.Abstractions.Common.Failure.NotFound("OpenAPI document")))
    : next(context));
app.MapBobHealthChecks();
app.MapCarter();
await app.RunAsync();

/// <summary>Entry point, public so WebApplicationFactory can host the real pipeline in tests.</summary>
public partial class Program;
