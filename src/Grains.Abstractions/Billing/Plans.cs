namespace Bob.Grains.Abstractions.Billing;

/// <summary>
/// The plan ids (as stored and shown). A closed set: signup names <see cref="Starter"/> and the platform tenant
/// <see cref="Enterprise"/>, and every published pricebook version prices each of them exactly once, so no tenant can
/// be on a plan the live pricebook lacks. What a plan costs and includes lives only in the pricebook.
/// </summary>
public static class Plans
{
    public const string Starter = "starter";
    public const string Pro = "pro";
    public const string Enterprise = "enterprise";

    public static readonly IReadOnlyList<string> All = [Starter, Pro, Enterprise];
}
