using Bob.Grains.Abstractions.Common;

namespace Bob.Web.Http;

/// <summary>
/// <c>{id:bobid}</c>: a route segment only matches a well-formed id (<c>[A-Za-z0-9_-]{1,128}</c>), so a malformed one
/// is a plain 404 problem and never reaches a grain key.
/// </summary>
public sealed class BobIdRouteConstraint : IRouteConstraint
{
    public const string Name = "bobid";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && Ids.IsValid(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
