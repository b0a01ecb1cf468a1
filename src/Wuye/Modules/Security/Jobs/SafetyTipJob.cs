using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// Safety tips by time slot (安全提示, 万科#4), every minute: each schedule whose slot of today (China time) is under way is pushed
/// once to the guard on its post at that moment (<see cref="PostGuards"/>: the staff duty roster where it has rostered that
/// hour of the post, else the rota): a record to acknowledge and a notification in-app and on the guard's other
/// channels. Idempotent by the records: one push per schedule and day (a unique key), outbox key per push.
/// </summary>
internal sealed class SafetyTipJob(IServiceScopeFactory scopes, ILogger<SafetyTipJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var time = TimeOnly.FromDateTime(ChinaTime.ToChina(now).DateTime);
        var due = await (
            from s in db.Set<SafetyTipSchedule>()
            join t in db.Set<SafetyTip>() on s.SafetyTipId equals t.Id
            join p in db.Set<SecurityPost>() on s.SecurityPostId equals p.Id
            where
                s.From <= time
                && time < s.To
                && t.ArchivedAt == null
                && p.ArchivedAt == null
                && !db.Set<SafetyTipDelivery>().Any(d => d.SafetyTipScheduleId == s.Id && d.Day == today)
            orderby s.From, p.Name
            select new
            {
                Schedule = s,
                Tip = t,
                Post = p,
            }
        )
            .AsNoTracking()
            .Take(1000)
            .ToListAsync(ct);
        // A schedule taken off and put back (a new schedule id) for the same tip, post and an overlapping slot: pushed once a day.
        var tipIds = due.Select(x => x.Tip.Id).Distinct().ToList();
        var pushed = await db.Set<SafetyTipDelivery>()
            .AsNoTracking()
            .Where(d => d.Day == today && tipIds.Contains(d.SafetyTipId))
            .Select(d => new
            {
                d.SafetyTipId,
                d.SecurityPostId,
                d.SlotFrom,
                d.SlotTo,
            })
            .ToListAsync(ct);
        due =
        [
            .. due.Where(x =>
            {
                var (from, to) = x.Schedule.Slot.On(today);
                return !pushed.Any(d =>
                    d.SafetyTipId == x.Tip.Id
                    && d.SecurityPostId == x.Post.Id
                    && d.SlotFrom < to.ToUniversalTime()
                    && from.ToUniversalTime() < d.SlotTo
                );
            }),
        ];
        if (due.Count == 0)
            return 0;
        // The guard on each post now: the staff duty roster's where it has rostered the hour, the rota elsewhere.
        var guards = services.GetRequiredService<PostGuards>();
        var onNow = new Dictionary<Guid, PostGuard>();
        foreach (var project in due.Select(x => x.Post.ProjectId).Distinct())
        foreach (var post in await guards.AtAsync(project, now, ct))
            onNow[post.Key] = post.First();
        foreach (var x in due)
        {
            var guard = onNow.GetValueOrDefault(x.Post.Id);
            var d = SafetyTipDelivery.Push(x.Schedule, x.Tip, x.Post, today, guard?.UserId, guard?.Name, now);
            db.Add(d);
            if (guard?.UserId is { } user)
                await notifier.NotifyAsync(
                    [user],
                    d.CompanyId,
                    $"安全提示：{d.Title}",
                    $"{d.Body}（{d.PostName} {x.Schedule.Slot}，请在 {x.Schedule.To:HH\\:mm} 前在手机上确认已读）",
                    TipLinks.Page,
                    $"safety-tip:{d.SafetyTipScheduleId:N}:{today:yyyyMMdd}",
                    ct
                );
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
            when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Another instance pushed these first (the unique key of schedule and day says so).
            db.ChangeTracker.Clear();
            return 0;
        }
        return due.Count;
    }
}

internal static class TipLinks
{
    public const string Page = "/security/tips";
}
