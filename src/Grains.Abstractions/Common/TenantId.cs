namespace Bob.Grains.Abstractions.Common;

/// <summary>A tenant's id: the unique slug made from its business name at signup.</summary>
[GenerateSerializer, Immutable, Alias("bob.TenantId")]
public readonly record struct TenantId([property: Id(0)] string Value)
{
    /// <summary>The operator's own tenant: platform admins belong to it and it answers anonymous public chat by default.</summary>
    public static readonly TenantId Platform = new("platform");

    public override string ToString() => Value;
}
