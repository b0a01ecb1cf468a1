using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// The night roll-call (夜间点名), every minute: at each call time of a project's night (its <see cref="RollCallSettings"/>) it calls
/// every post staffed at that time (the staff duty roster where it has rostered the post for those hours, else the rota:
/// <see cref="PostGuards"/>), telling the guard on it (in-app and on their other channels); a call unanswered for the
/// set minutes is made again, then escalated to the project's security supervisor through the outbox. Idempotent by the records: one
/// call per post and call time (a unique key), one step per answer period, outbox keys per call and step.
/// </summary>
internal sealed class RollCallJob(IServiceScopeFactory scopes, ILogger<RollCallJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var guards = services.GetRequiredService<PostGuards>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var projects = await db.Set<SecurityPost>()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .Select(p => new { p.CompanyId, p.ProjectId })
            .Distinct()
            .ToListAsync(ct);
        var stored = await db.Set<RollCallSettings>().AsNoTracking().ToDictionaryAsync(s => s.ProjectId, ct);
        RollCallSettings Settings(Guid company, Guid project) =>
            stored.GetValueOrDefault(project) ?? RollCallSettings.Defaults(company, project);
        var names = await db.ProjectRefs().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var acted = 0;
        var today = ChinaTime.Today(services.GetRequiredService<TimeProvider>());
        foreach (var p in projects)
        {
            var s = Settings(p.CompanyId, p.ProjectId);
            var current = new[] { today.AddDays(-1), today }
                .SelectMany(n => s.Slots(n).Select(at => (Night: n, At: at)))
                .Where(x => x.At <= now && now < x.At.AddMinutes(s.IntervalMinutes))
                .OrderByDescending(x => x.At)
                .FirstOrDefault();
            if (current.At == default)
                continue;
            acted += await OpenAsync(db, notifier, guards, s, current.Night, current.At, now, ct);
        }
        var open = await db.Set<RollCall>()
            .Where(c => c.AnsweredAt == null && c.EscalatedAt == null && c.LastCalledAt <= now.AddMinutes(-1))
            .OrderBy(c => c.LastCalledAt)
            .Take(500)
            .ToListAsync(ct);
        foreach (var call in open)
        {
            var s = Settings(call.CompanyId, call.ProjectId);
            var slot = ChinaTime.ToChina(call.SlotAt).ToString("HH:mm");
            switch (call.Advance(now, s.AnswerMinutes, s.Recalls))
            {
                case RollCallStep.Recalled when call.GuardUserId is { } guard:
                    await notifier.NotifyAsync(
                        [guard],
                        call.CompanyId,
                        $"再次点名：{call.PostName} {slot}",
                        $"{call.PostName} {slot} 的点名尚未应答，请在 {s.AnswerMinutes} 分钟内在手机上点“到”。",
                        RollCallLinks.Console,
                        $"roll-call:{call.Id:N}:{call.Calls}",
                        ct
                    );
                    acted++;
                    break;
                case RollCallStep.Escalated:
                    var to = new List<Guid>();
                    foreach (var role in SecurityRoles.Escalated)
                        to.AddRange(await notifier.UsersWithRoleAsync(role, call.CompanyId, call.ProjectId, ct));
                    await notifier.NotifyAsync(
                        to,
                        call.CompanyId,
                        $"点名未应答：{call.PostName} {slot}",
                        $"{names.GetValueOrDefault(call.ProjectId)} {call.PostName}（{call.GuardName ?? "无人"}）{slot} "
                            + $"的夜间点名经 {call.Calls} 次呼叫未应答，"
                            + "请立即核实岗位情况。",
                        RollCallLinks.Console,
                        $"roll-call-escalated:{call.Id:N}",
                        ct
                    );
                    acted++;
                    break;
                case RollCallStep.Recalled:
                    acted++;
                    break;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance made these calls first (the unique key of post and call time says so).
            db.ChangeTracker.Clear();
            return 0;
        }
        return acted;
    }

    /// <summary>
    /// Calls each post staffed at <paramref name="at"/> (roster first, else rota) that has not been called for it yet; the call is
    /// the first guard's on it (one with an account first).
    /// </summary>
    private static async Task<int> OpenAsync(
        WuyeDb db,
        Notifier notifier,
        PostGuards postGuards,
        RollCallSettings s,
        DateOnly night,
        DateTimeOffset at,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var called = await db.Set<RollCall>()
            .Where(c => c.ProjectId == s.ProjectId && c.SlotAt == at)
            .Select(c => c.SecurityPostId)
            .ToListAsync(ct);
        var posts = await db.Set<SecurityPost>()
            .AsNoTracking()
            .Where(p => p.ProjectId == s.ProjectId && p.ArchivedAt == null && !called.Contains(p.Id))
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .ToListAsync(ct);
        var guards = await postGuards.AtAsync(s.ProjectId, at, ct);
        var staffed = posts.Where(p => guards[p.Id].Any()).Select(p => (Post: p, Guard: guards[p.Id].First())).ToList();
        var count = 0;
        foreach (var (post, first) in staffed)
        {
            var call = RollCall.Open(post, night, at, first.UserId, first.Name, now);
            db.Add(call);
            count++;
            if (first.UserId is not { } guard)
                continue;
            var slot = ChinaTime.ToChina(at).ToString("HH:mm");
            await notifier.NotifyAsync(
                [guard],
                call.CompanyId,
                $"夜间点名：{call.PostName} {slot}",
                $"请在 {s.AnswerMinutes} 分钟内在手机上点“到”应答（{call.PostName} {slot}）。",
                RollCallLinks.Console,
                $"roll-call:{call.Id:N}:1",
                ct
            );
        }
        return count;
    }
}

internal static class RollCallLinks
{
    public const string Console = "/security/roll-calls";
}
