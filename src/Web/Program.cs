using Bob.Web.Auth;
using Bob.Web.Consoles;
using Bob.Web.Features.Conversations;
using Bob.Web.Features.Demo;
using Bob.Web.Features.Health;
using Bob.Web.Features.Widget;
using Bob.Web.Runtime;
using Bob.Web.Http;
using Bob.Hosting.Health;
using Bob.Hosting.Management;
using Carter;

if (HealthProbeCommand.IsRequested(args))
{
    return await HealthProbeCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
PublicUrl.Validate(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimitMiddleware.MaxBodyBytes);
builder.AddBobObservability();

await builder.AddBobOrleansAsync();
builder.Services
    .AddBobProblemDetails()
    .AddBobAuth()
    .AddBobTrustedProxies(builder.Configuration)
    .AddBobRateLimits(builder.Configuration)
    .AddBobStreams(builder.Configuration)
    .AddBobHealthChecks()
    .Configure<RouteOptions>(routes => routes.SetParameterPolicy<BobIdRouteConstraint>(BobIdRouteConstraint.Name))
    // Host names are checked by HostFilterMiddleware (same AllowedHosts setting, problem answers); the in-box filter stands aside.
    .PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = ["*"])
    .AddBobOpenApi()
    .AddSingleton<WidgetAssets>()
    .AddSingleton<WidgetKeyPasses>()
    .AddBobConsoles()
    .AddBobDemo(builder.Configuration)
    .AddCarter();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseMiddleware<RequestIdMiddleware>();
app.UseBobSecurityHeaders();
app.UseMiddleware<AccessLog>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<HostFilterMiddleware>();
app.UseMiddleware<BodySizeLimitMiddleware>();
app.UseRouting();
app.UseBobManagementPort();
app.UseRateLimiter();
app.UseMiddleware<StorableInputMiddleware>();
app.UseAuthentication();
app.UseMiddleware<ActingUserMiddleware>();
app.UseMiddleware<CsrfMiddleware>();
app.UseAuthorization();
app.UseMiddleware<SuspendedTenantGuard>();

app.MapBobApiReference();
app.MapBobHealthChecks();
app.MapBobManagementEndpoints();
app.MapCarter();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so WebApplicationFactory can host the real pipeline in tests.</summary>
public partial class Program;
