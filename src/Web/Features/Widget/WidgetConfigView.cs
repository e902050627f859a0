using Bob.Grains.Abstractions.Personas;
using Bob.Grains.Abstractions.WidgetKeys;

namespace Bob.Web.Features.Widget;

/// <summary>What the widget needs to draw itself (<c>GET /api/widget/config</c>): the key's appearance, with the
/// persona's name and greeting where the tenant set none, and a text colour Bob chose to be readable on the primary.</summary>
public static class WidgetConfigView
{
    public const string PanelBackground = "#ffffff";

    public static object For(WidgetKeyBinding key, PersonaView persona)
    {
        var appearance = key.Appearance ?? WidgetAppearance.Default;
        var name = appearance.DisplayName ?? persona.Name;
        return new
        {
            key_id = key.KeyId,
            persona = new { id = persona.Id, name = persona.Name },
            persona_name = name,
            greeting = appearance.Greeting ?? $"Hi! I'm {name}. How can I help you today?",
            colors = new { primary = appearance.PrimaryColor, text = ReadableColors.TextOn(appearance.PrimaryColor), background = PanelBackground },
            position = appearance.Position,
        };
    }
}
