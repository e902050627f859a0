using Bob.Grains.Abstractions.Personas;

namespace Bob.Web.Features.Widget;

/// <summary>What the widget needs to draw itself. Colours and position are defaults until tenants can style the widget.</summary>
public static class WidgetAppearance
{
    public static object For(PersonaView persona) => new
    {
        persona = new { id = persona.Id, name = persona.Name },
        persona_name = persona.Name,
        greeting = $"Hi! I'm {persona.Name}. How can I help you today?",
        colors = new { primary = "#4f46e5", text = "#ffffff", background = "#ffffff" },
        position = "bottom-right",
    };
}
