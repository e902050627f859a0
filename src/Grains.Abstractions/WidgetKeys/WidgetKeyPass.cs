using Bob.Grains.Abstractions.Common;

namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// A widget key's answer to a web node for one origin and visitor address: the binding (or why not), and on success
/// <see cref="Admits"/> requests taken from the key's one-minute budget, the first for the request that asked. The node
/// may admit the rest itself for <see cref="KeepFor"/> after it asked; the key answers a revocation or a new binding only
/// once every pass it handed out before has run out. <see cref="Window"/> names the budget's minute, so admits a node
/// did not use can be given back to it (<see cref="UnusedAdmits"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetKeyPass")]
public sealed record WidgetKeyPass(
    [property: Id(0)] Result<WidgetKeyBinding> Binding,
    [property: Id(1)] int Admits,
    [property: Id(2)] TimeSpan KeepFor,
    [property: Id(3)] long Window);

/// <summary>What a node gives back of an earlier pass for the same origin and address: the admits it did not use, in
/// the budget minute that pass was taken from (ignored once that minute is over).</summary>
[GenerateSerializer, Immutable, Alias("bob.UnusedAdmits")]
public sealed record UnusedAdmits(
    [property: Id(0)] long Window,
    [property: Id(1)] int Count);
