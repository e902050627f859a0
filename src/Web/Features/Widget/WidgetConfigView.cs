using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Web.Features.Widget;

/// <summary>What the widget needs to draw itself (snake_case, like every chat payload).</summary>
public sealed record WidgetConfig(string KeyId, WidgetPersona Persona, string PersonaName, string Greeting, WidgetColors Colors, string Position);

public sealed record WidgetPersona(string Id, string Name);

/// <summary><see cref="Text"/> is the colour Bob chose to read on <see cref="Primary"/>.</summary>
public sealed record WidgetColors(string Primary, string Text, string Background);

/// <summary>The key's appearance, with the persona's name and greeting where the tenant set none, and a text colour
/// chosen to be readable on the primary colour.</summary>
public static class WidgetConfigView
{
    public const string PanelBackground = "#ffffff";

    public static WidgetConfig For(WidgetKeyBinding key, PersonaView persona) => For(key.KeyId, key.Appearance, persona);

    /// <summary>Also what Widget Setup's preview draws, so the preview shows what the widget will.</summary>
    public static WidgetConfig For(string keyId, WidgetAppearance? keyAppearance, PersonaView persona)
    {
        var appearance = keyAppearance ?? WidgetAppearance.Default;
        var name = appearance.DisplayName ?? persona.Name;
        return new WidgetConfig(
            keyId,
            new WidgetPersona(persona.Id, persona.Name),
            name,
            appearance.Greeting ?? $"Hi! I'm {name}. How can I help you today?",
            new WidgetColors(appearance.PrimaryColor, ReadableColors.TextOn(appearance.PrimaryColor), PanelBackground),
            appearance.Position);
    }
}
