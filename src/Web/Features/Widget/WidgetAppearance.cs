using Bob.Grains.Abstractions.Personas;

namespace Bob.Web.Features.Widget;

/// <summary>What the widget needs to draw itself (snake_case, like every chat payload).</summary>
public sealed record WidgetConfig(WidgetPersona Persona, string PersonaName, string Greeting, WidgetColors Colors, string Position);

public sealed record WidgetPersona(string Id, string Name);

public sealed record WidgetColors(string Primary, string Text, string Background);

/// <summary>Colours and position are defaults until tenants can style the widget.</summary>
public static class WidgetAppearance
{
    public static WidgetConfig For(PersonaView persona) => new(
        new WidgetPersona(persona.Id, persona.Name),
        persona.Name,
        $"Hi! I'm {persona.Name}. How can I help you today?",
        new WidgetColors("#4f46e5", "#ffffff", "#ffffff"),
        "bottom-right");
}
