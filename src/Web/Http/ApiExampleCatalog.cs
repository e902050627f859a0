using Microsoft.OpenApi;

namespace Bob.Web.Http;

/// <summary>
/// A worked example for every route group (OpenAPI tag) of the reference: the tag's description carries it in curl,
/// JavaScript and Python, and the example's own operation carries it as <c>x-codeSamples</c>. A tag without one fails
/// the OpenAPI tests, so a new group comes with its example.
/// </summary>
public static class ApiExampleCatalog
{
    public static IReadOnlyList<ApiExample> All { get; } =
    [
        new("Auth", "POST", "/api/auth/login", ExampleAuth.None, """{"email":"owner@business.com","password":"your_password"}""",
            "Log in to get a `token` (send it as `Authorization: Bearer …`) and a `csrfToken` (for cookie sessions). Sign up, accept invitations and log out here too."),
        new("Tenant", "PUT", "/api/tenant/plan", ExampleAuth.Bearer, """{"plan":"pro"}""",
            "Your business: its overview, plan and settings. A plan change is refused with 409 `seat_limit_reached` or `integration_limit_reached` while you use more than the new plan includes. No payment is taken through the API."),
        new("Team", "POST", "/api/team/invitations", ExampleAuth.Bearer, """{"email":"agent@business.com","role":"agent"}""",
            "Members, roles and invitations. Each member and pending invitation takes a seat (viewers are free)."),
        new("Personas", "POST", "/api/personas", ExampleAuth.Bearer,
            """{"name":"Ada","description":"Front desk","tone":"friendly","systemPrompt":"Answer briefly and kindly."}""",
            "How the assistant speaks: name, tone and instructions. One persona is active; every change is versioned."),
        new("Knowledge", "POST", "/api/knowledge", ExampleAuth.Bearer,
            """{"title":"Shipping","content":"Orders ship within two working days.","tags":["orders"]}""",
            "The articles the assistant answers from and cites."),
        new("Widget keys", "POST", "/api/widget-keys", ExampleAuth.Bearer,
            """{"name":"Shop","allowedOrigins":["https://your-customer-site.com"]}""",
            "Public keys for the embeddable widget, each with the origins allowed to use it, its appearance and rotation."),
        new("Widget", "POST", "/api/widget/chat", ExampleAuth.WidgetKey, """{"session_id":"ses_123","message":"Hello, I need help with my order"}""",
            "Path 2, the embeddable widget on your own site: a widget key plus an allowed browser Origin. No login."),
        new("Chat", "POST", "/api/chat/message", ExampleAuth.Bearer, """{"session_id":"ses_123","message":"Hello, I need help with my order"}""",
            "Path 1 (`POST /api/chat`, same-origin and anonymous) and path 3 (signed in, `chat.manage`): talk to the assistant. Do not put a token in public pages: use path 1 or the widget there."),
        new("Mission Control", "GET", "/api/chat/sessions?status=waiting", ExampleAuth.Bearer, null,
            "Every conversation as it happens: list, read, take over, reply as a human and release; a live event stream."),
        new("Usage", "GET", "/api/usage", ExampleAuth.Bearer, null,
            "This billing period's credits, overage and messages, day by day."),
        new("Insights", "GET", "/api/insights?from=2026-11-01&to=2026-11-30", ExampleAuth.Bearer, null,
            "How the assistant is doing, per UTC day: conversations, the share it settled without a human, handoffs and why, the median first answer, visitors' ratings, and the questions it could not ground."),
        new("Webhooks", "POST", "/api/webhooks", ExampleAuth.Bearer,
            """{"url":"https://crm.example.com/bob-webhooks","events":["message.created","handoff.requested"],"description":"CRM"}""",
            "Signed HTTP posts of Bob's events to your endpoints (see the Webhooks section for each event's payload and how to verify the `webhook-signature`)."),
        new("Governance", "PUT", "/api/governance", ExampleAuth.Bearer,
            """{"blockedTopics":["politics"],"piiRedaction":true,"handoffKeywords":["refund"],"creditPolicy":"hard_stop","retentionDays":90,"publicChat":false}""",
            "Guardrails: blocked topics, personal data masking, handoff keywords, the credit policy, retention and public chat."),
        new("Audit", "GET", "/api/audit?limit=20", ExampleAuth.Bearer, null,
            "Who changed what and when, newest first, with cursor paging."),
        new("Pricebook", "GET", "/api/pricebook", ExampleAuth.None, null,
            "The live plans and prices (public), and the platform admin's drafts and publishing."),
        new("Platform admin", "PUT", "/api/admin/tenants/t_123/plan", ExampleAuth.Bearer, """{"plan":"enterprise"}""",
            "The platform admin's view of every tenant: list, read, suspend and resume, change a plan (under the tenant's own limits), audit log."),
    ];

    /// <summary>Gives each tag its description with the example.</summary>
    public static void DescribeTags(OpenApiDocument document)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var example in All)
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == example.Tag);
            if (tag is null)
            {
                document.Tags.Add(new OpenApiTag { Name = example.Tag, Description = example.Markdown() });
            }
            else
            {
                tag.Description = example.Markdown();
            }
        }
    }

    /// <summary>Adds <c>x-codeSamples</c> to the operation an example calls.</summary>
    public static void AddCodeSamples(OpenApiOperation operation, string method, string? relativePath)
    {
        // The description's path keeps route constraints ({id:bobid}); the example's is written as the document shows it ({id}).
        var path = "/" + System.Text.RegularExpressions.Regex.Replace(relativePath ?? "", @"\{(\w+):[^}]*\}", "{$1}").TrimEnd('/');
        var example = All.FirstOrDefault(e => e.Method == method && Template(e.Path) == path);
        if (example is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-codeSamples"] = new JsonNodeExtension(example.CodeSamples());
        }
    }

    /// <summary>The example's path as the route's template: its query dropped, the tenant id placeholder back to <c>{id}</c>.</summary>
    private static string Template(string path) => path.Split('?')[0].Replace("t_123", "{id}", StringComparison.Ordinal);
}
