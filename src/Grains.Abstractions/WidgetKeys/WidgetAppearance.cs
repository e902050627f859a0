namespace Bob.Grains.Abstractions.WidgetKeys;

/// <summary>
/// How the widget looks on the sites that embed one key: the name in its header (null: the active persona's), the
/// greeting (null: "Hi! I'm {name}…"), the primary colour (<c>#rrggbb</c>; Bob picks a readable text colour for it)
/// and the corner (<c>bottom-right</c> or <c>bottom-left</c>; a script tag's <c>data-position</c> overrides it).
/// </summary>
[GenerateSerializer, Immutable, Alias("bob.WidgetAppearance")]
public sealed record WidgetAppearance(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Greeting,
    [property: Id(2)] string PrimaryColor,
    [property: Id(3)] string Position)
{
    public const string DefaultPrimaryColor = "#4f46e5";
    public const string BottomRight = "bottom-right";
    public const string BottomLeft = "bottom-left";
    public const int DisplayNameMax = 40;
    public const int GreetingMax = 300;

    public static readonly WidgetAppearance Default = new(null, null, DefaultPrimaryColor, BottomRight);
}
