using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Platform.Audit;

public sealed record ChangeLogDto(
    Guid Id,
    DateTimeOffset At,
    Guid? UserId,
    string? UserName,
    string EntityType,
    Guid EntityId,
    ChangeAction Action,
    System.Text.Json.JsonElement? Before,
    System.Text.Json.JsonElement? After
);

/// <summary>The history of a record: GET /api/v1/change-logs?entityId=…</summary>
public static class ChangeLogEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/change-logs", async (WuyeDb db, Guid? entityId, string? entityType, int? page, int? pageSize, CancellationToken ct) =>
            {
                var (p, size) = Paging.Normalize(page, pageSize);
                var q = History(db, entityId, entityType);
                var total = await q.CountAsync(ct);
                var rows = await q.Skip((p - 1) * size).Take(size).ToListAsync(ct);
                return TypedResults.Ok(new Paged<ChangeLogDto>([.. rows.Select(ToDto)], p, size, total));
            })
            .WithTags("Audit")
            .WithSummary("Who changed what and when, newest first, within the user's scope");
    }

    public static IQueryable<ChangeLog> History(WuyeDb db, Guid? entityId, string? entityType)
    {
        var q = db.ChangeLogs.AsNoTracking();
        if (entityId is { } id)
            q = q.Where(l => l.EntityId == id);
        if (!string.IsNullOrWhiteSpace(entityType))
            q = q.Where(l => l.EntityType == entityType);
        return q.OrderByDescending(l => l.At).ThenByDescending(l => l.Id);
    }

    public static ChangeLogDto ToDto(ChangeLog l) =>
        new(
            l.Id,
            l.At,
            l.UserId,
            l.UserName,
            l.EntityType,
            l.EntityId,
            l.Action,
            l.Before is null ? null : System.Text.Json.JsonDocument.Parse(l.Before).RootElement,
            l.After is null ? null : System.Text.Json.JsonDocument.Parse(l.After).RootElement
        );
}
