using Npgsql;
using Wuye.Platform.Database;

namespace Wuye.Platform.Health;

/// <summary>/healthz: the process answers. /readyz: the database answers and every migration is applied.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                var pending = await MigrationRunner.PendingAsync(conn, ct);
                return pending.Count == 0
                    ? Results.Ok(new { status = "ready", migrations = MigrationRunner.All.Count })
                    : Results.Json(new { status = "migrations pending", pending }, statusCode: 503);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return Results.Json(new { status = "database unreachable", error = ex.Message }, statusCode: 503);
            }
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
