using Npgsql;
using Wuye.Platform.Database;

namespace Wuye.Platform.Health;

/// <summary>/healthz: the process answers. /readyz: the database answers and every migration is applied.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", async (NpgsqlDataSource db, ILogger<DatabaseHandle> log, CancellationToken ct) =>
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
                    // The driver's text (host, port, user) is for the log, not for anonymous callers.
                    log.LogWarning(ex, "/readyz: the database is unreachable");
                    return Results.Json(new { status = "database unreachable" }, statusCode: 503);
                }
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
