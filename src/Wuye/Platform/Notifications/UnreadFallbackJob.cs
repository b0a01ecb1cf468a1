using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Platform.Notifications;

/// <summary>
/// An important message still unread in the app after <see cref="ChannelOptions.UnreadFallbackHours"/> goes out by SMS
/// to the people who chose "SMS only when unread": their held SMS twin is released (once; idempotent by its state).
/// </summary>
public sealed class UnreadFallbackJob(IServiceScopeFactory scopes, ILogger<UnreadFallbackJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var hours = services.GetRequiredService<IOptions<ChannelOptions>>().Value.UnreadFallbackHours;
        var before = now.AddHours(-hours);
        var reason = DeliveryPolicy.FallbackOnly + "%";
        var due = await db.Set<OutboxMessage>()
            .Where(m =>
                m.Channel == NotificationChannel.Sms
                && m.Status == OutboxStatus.Suppressed
                && !m.Fallback
                && m.Urgency == MessageUrgency.Important
                && EF.Functions.Like(m.LastError!, reason)
                && m.CreatedAt <= before
                && db.Set<OutboxMessage>()
                    .Where(a => a.GroupId == m.GroupId && a.Channel == NotificationChannel.InApp)
                    .Join(db.Set<Notification>().IgnoreQueryFilters(), a => a.Id, n => n.OutboxMessageId, (a, n) => n)
                    .Any(n => n.ReadAt == null)
            )
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.Id)
            .Take(500)
            .ToListAsync(ct);
        foreach (var m in due)
        {
            m.Fallback = true;
            m.Status = OutboxStatus.Pending;
            m.NextAttemptAt = now;
            m.LastError = null;
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
