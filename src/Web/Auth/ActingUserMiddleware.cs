using Bob.Grains.Abstractions.Audit;

namespace Bob.Web.Auth;

/// <summary>
/// Names the signed-in caller for the grains this request calls (<see cref="AuditActor.SetCurrent"/>), so whatever they
/// change is audited under that user without every grain method taking the actor as a parameter.
/// </summary>
public sealed class ActingUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (Caller.From(context.User) is { } caller)
        {
            AuditActor.SetCurrent(caller.Tenant, caller.UserId, caller.Email);
        }
        return next(context);
    }
}
