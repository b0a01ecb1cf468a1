using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Platform.Notifications;

public sealed record NotificationDto(Guid Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

public sealed record MarkRead(Guid[]? Ids, bool? All) : IValidatable
{
    public void Validate(Validator v)
    {
        if ((Ids is null || Ids.Length == 0) && All != true)
            v.Add("ids", "请指定要标为已读的通知，或选择全部", "Give the notifications to mark read, or all");
        if (Ids is { Length: > 200 })
            v.Add("ids", "一次最多 200 条", "At most 200 at a time");
    }
}

/// <summary>/api/v1/notifications: the signed-in user's own notification centre.</summary>
public static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("Notifications");
        g.MapGet("/", async (WuyeDb db, bool? unread, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<Notification>().AsNoTracking();
                if (unread == true)
                    q = q.Where(n => n.ReadAt == null);
                return TypedResults.Ok(
                    await q.OrderByDescending(n => n.CreatedAt)
                        .ThenByDescending(n => n.Id)
                        .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .WithSummary("My notifications, newest first");

        g.MapGet("/unread-count", async (WuyeDb db, CancellationToken ct) =>
                TypedResults.Ok(new { count = await db.Set<Notification>().CountAsync(n => n.ReadAt == null, ct) })
            )
            .WithSummary("How many of my notifications are unread");

        g.MapPost("/read", async (WuyeDb db, TimeProvider clock, MarkRead body, CancellationToken ct) =>
            {
                var q = db.Set<Notification>().Where(n => n.ReadAt == null);
                if (body.All != true)
                    q = q.Where(n => body.Ids!.Contains(n.Id));
                var marked = await q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);
                return TypedResults.Ok(new { marked });
            })
            .WithSummary("Mark some or all of my notifications read");
    }
}
