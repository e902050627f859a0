using System.Text.Json.Nodes;
using Bob.Web.Tests.Chat;
using Npgsql;

namespace Bob.Web.Tests.Insights;

/// <summary>Helpers for the insights tests: reading the route, and rating an answer the way the feedback route stores it.</summary>
public static class InsightsApi
{
    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonObject> InsightsAsync(this BobWebApp app, string token, string query = "") =>
        await (await app.Bearer(token).GetAsync($"/api/insights{query}")).OkJsonAsync();

    /// <summary>A visitor's rating, written straight into the feedback table (the widget's feedback route is another change's).</summary>
    public static async Task RateAsync(this BobWebApp app, string tenant, string sessionId, string messageId, int rating, string? comment = null, DateTimeOffset? at = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO bob_message_feedback (tenant_id, session_id, message_id, rating, comment, created_at) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (tenant_id, session_id, message_id) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = EXCLUDED.created_at",
            connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = sessionId });
        command.Parameters.Add(new() { Value = messageId });
        command.Parameters.Add(new() { Value = (short)rating });
        command.Parameters.Add(new() { Value = (object?)comment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = at ?? DateTimeOffset.UtcNow });
        await command.ExecuteNonQueryAsync();
    }
}
