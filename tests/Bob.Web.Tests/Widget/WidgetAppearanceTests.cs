using System.Net;
using System.Net.Http.Json;
using Bob.Web.Features.Widget;
using Bob.Web.Tests.Chat;

namespace Bob.Web.Tests.Widget;

/// <summary>A tenant styles its widget per key (<c>appearance</c> on the widget-key API); the config serves it.</summary>
public sealed class WidgetAppearanceTests(BobWebApp app) : IClassFixture<BobWebApp>
{
    [Fact]
    public async Task A_new_key_has_the_default_appearance_and_the_config_picks_a_readable_text_colour()
    {
        var tenant = await app.SignupAsync();

        var key = await (await app.Bearer(tenant.Token).GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}")).OkJsonAsync();
        var config = await (await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).OkJsonAsync();

        Assert.Equal("#4f46e5", key["appearance"]!["primaryColor"]!.GetValue<string>());
        Assert.Equal("bottom-right", key["appearance"]!["position"]!.GetValue<string>());
        Assert.Equal(tenant.WidgetKeyId, config["key_id"]!.GetValue<string>());
        Assert.Equal("Bob", config["persona_name"]!.GetValue<string>());
        Assert.Equal("#ffffff", config["colors"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Appearance_set_on_a_key_reaches_the_config_and_the_embed_code()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var updated = await (await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new
        {
            appearance = new { displayName = "  Ada from Support ", greeting = "Welcome! Ask me about orders.", primaryColor = "#FFD400", position = "bottom-left" },
        })).OkJsonAsync();
        var config = await (await app.Widget(tenant.WidgetKey).GetAsync("/api/widget/config")).OkJsonAsync();
        var embed = await (await owner.GetAsync($"/api/widget-keys/{tenant.WidgetKeyId}/embed-code")).OkJsonAsync();

        Assert.Equal("Ada from Support", updated["appearance"]!["displayName"]!.GetValue<string>());
        Assert.Equal("Ada from Support", config["persona_name"]!.GetValue<string>());
        Assert.Equal("Welcome! Ask me about orders.", config["greeting"]!.GetValue<string>());
        Assert.Equal("#ffd400", config["colors"]!["primary"]!.GetValue<string>());
        Assert.Equal("#000000", config["colors"]!["text"]!.GetValue<string>());
        Assert.Equal("bottom-left", config["position"]!.GetValue<string>());
        Assert.Contains("data-position=\"bottom-left\"", embed["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bottom-left", embed["position"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_patch_without_appearance_keeps_it_and_one_with_appearance_replaces_it_whole()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);
        await (await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { appearance = new { greeting = "Hello there", primaryColor = "#0f766e" } })).OkJsonAsync();

        var renamed = await (await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { name = "Main site" })).OkJsonAsync();
        var replaced = await (await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { appearance = new { position = "bottom-left" } })).OkJsonAsync();

        Assert.Equal("Hello there", renamed["appearance"]!["greeting"]!.GetValue<string>());
        Assert.Equal("#0f766e", renamed["appearance"]!["primaryColor"]!.GetValue<string>());
        Assert.Null(replaced["appearance"]!["greeting"]);
        Assert.Equal("#4f46e5", replaced["appearance"]!["primaryColor"]!.GetValue<string>());
        Assert.Equal("bottom-left", replaced["appearance"]!["position"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_bad_appearance_field_is_reported_and_nothing_changes()
    {
        var tenant = await app.SignupAsync();
        var owner = app.Bearer(tenant.Token);

        var patch = await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new
        {
            appearance = new { displayName = new string('n', 41), greeting = new string('g', 301), primaryColor = "red", position = "top-left" },
        });
        var create = await owner.PostAsJsonAsync("/api/widget-keys", new { name = "styled", allowedOrigins = new[] { ChatApi.ShopOrigin }, appearance = new { primaryColor = "#12345" } });

        var problem = await patch.AssertProblemAsync(400, "validation_failed");
        Assert.Equal(["appearance.displayName", "appearance.greeting", "appearance.position", "appearance.primaryColor"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await create.AssertProblemAsync(400, "validation_failed");
        var withNul = await owner.PatchAsJsonAsync($"/api/widget-keys/{tenant.WidgetKeyId}", new { appearance = new { greeting = "line one\u0000line two" } });
        Assert.Equal(["appearance.greeting"], (await withNul.AssertProblemAsync(400, "validation_failed"))["errors"]!.AsObject().Select(e => e.Key));
        var keys = await (await owner.GetAsync("/api/widget-keys")).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonArray>();
        Assert.Single(keys!);
        Assert.Equal("#4f46e5", keys![0]!["appearance"]!["primaryColor"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("#4f46e5")]
    [InlineData("#ffd400")]
    [InlineData("#777777")]
    [InlineData("#767676")]
    [InlineData("#000000")]
    [InlineData("#ffffff")]
    [InlineData("#ff0000")]
    [InlineData("#00ff00")]
    [InlineData("#0000ff")]
    [InlineData("#808080")]
    public void The_chosen_text_colour_reads_at_4_5_to_1_or_better(string primary)
    {
        var text = ReadableColors.TextOn(primary);

        Assert.True(ReadableColors.ContrastRatio(primary, text) >= 4.5, $"{text} on {primary}: {ReadableColors.ContrastRatio(primary, text):0.00}:1");
    }

    [Fact]
    public void No_colour_at_all_leaves_text_below_4_5_to_1()
    {
        var worst = double.MaxValue;
        for (var grey = 0; grey < 256; grey += 1)
        {
            foreach (var color in new[] { $"#{grey:x2}{grey:x2}{grey:x2}", $"#{grey:x2}0000", $"#00{grey:x2}00", $"#0000{grey:x2}", $"#{grey:x2}{grey:x2}00", $"#ff{grey:x2}{255 - grey:x2}" })
            {
                worst = Math.Min(worst, ReadableColors.ContrastRatio(color, ReadableColors.TextOn(color)));
            }
        }

        Assert.True(worst >= 4.5, $"worst contrast {worst:0.000}:1");
    }

    [Fact]
    public void Contrast_ratios_match_the_WCAG_reference_values()
    {
        Assert.Equal(21.0, ReadableColors.ContrastRatio("#000000", "#ffffff"), 2);
        Assert.Equal(4.54, ReadableColors.ContrastRatio("#767676", "#ffffff"), 2);
        Assert.Equal(1.0, ReadableColors.ContrastRatio("#4f46e5", "#4f46e5"), 2);
    }
}
