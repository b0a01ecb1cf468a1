using Wuye.Modules.MasterData.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Jobs;

/// <summary>
/// Each morning at the project's review time (China time; default 08:30) produces that day's
/// review for every project that has none yet. Runs every minute; the review's unique key
/// (project, date) makes a second run or a second instance a no-op.
/// </summary>
public sealed class DailyReviewJob(IServiceScopeFactory scopes, ILogger<DailyReviewJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var reviews = services.GetRequiredService<DailyReviewService>();
        var clock = services.GetRequiredService<TimeProvider>();
        var local = ChinaTime.Now(clock);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var done = await db.Set<DailyReview>().AsNoTracking().Where(r => r.ReviewDate == today).Select(r => r.ProjectId).ToListAsync(ct);
        var times = await db.Set<ComplaintSettings>().AsNoTracking().ToDictionaryAsync(s => s.ProjectId, s => s.ReviewTime, ct);
        var projects = await db.ProjectRefs().AsNoTracking().Where(p => p.ArchivedAt == null && !done.Contains(p.Id)).Select(p => new { p.Id, p.CompanyId }).ToListAsync(ct);
        var made = 0;
        foreach (var p in projects)
        {
            if (time < times.GetValueOrDefault(p.Id, new TimeOnly(8, 30))) continue;
            if ((await reviews.ProduceAsync(p.CompanyId, p.Id, today, refresh: false, ct)).Created) made++;
            db.ChangeTracker.Clear();
        }
        return made;
    }
}

/// <summary>
/// Timed escalation: a VIP or major complaint still open goes to the project manager after the
/// project's hours (when not at once) and to company management after its longer hours; any
/// complaint past its promised reply goes to the project manager. Each (complaint, level) is
/// raised once: the escalation row's unique key stops a second run or instance.
/// </summary>
public sealed class ComplaintEscalationJob(IServiceScopeFactory scopes, ILogger<ComplaintEscalationJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var svc = services.GetRequiredService<ComplaintService>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var open = await db.Set<Complaint>().AsNoTracking().Where(c => c.Status == ComplaintStatus.Open && c.EscalationLevel < 2
                && (c.Vip || c.Major != null || (c.EscalationLevel == 0 && c.ReplyDueAt < now)))
            .OrderBy(c => c.ReceivedAt).Take(1000).ToListAsync(ct);
        if (open.Count == 0) return 0;
        var settings = await db.Set<ComplaintSettings>().AsNoTracking().ToDictionaryAsync(s => s.ProjectId, ct);
        var acted = 0;
        foreach (var snapshot in open)
        {
            var s = settings.GetValueOrDefault(snapshot.ProjectId) ?? ComplaintSettings.Defaults(snapshot.CompanyId, snapshot.ProjectId);
            var age = now - snapshot.ReceivedAt;
            var flagged = snapshot.Vip || snapshot.Major is not null;
            int? level = null;
            string reason = "";
            if (flagged && age >= TimeSpan.FromHours(s.CompanyAfterHours))
                (level, reason) = (2, Loc.T($"VIP/重大投诉受理 {s.CompanyAfterHours} 小时仍未关闭", $"VIP or major complaint still open {s.CompanyAfterHours} hours after receipt"));
            else if (snapshot.EscalationLevel < 1 && flagged && age >= TimeSpan.FromHours(s.ProjectManagerAfterHours))
                (level, reason) = (1, Loc.T($"VIP/重大投诉受理 {s.ProjectManagerAfterHours} 小时", $"VIP or major complaint received {s.ProjectManagerAfterHours} hours ago"));
            else if (snapshot.EscalationLevel < 1 && now > snapshot.ReplyDueAt)
                (level, reason) = (1, Loc.T($"已超过承诺答复时间 {ChinaTime.Text(snapshot.ReplyDueAt)}", $"past the promised reply time {ChinaTime.Text(snapshot.ReplyDueAt)}"));
            if (level is not { } lv || lv <= snapshot.EscalationLevel) continue;
            var c = await db.Set<Complaint>().FirstAsync(x => x.Id == snapshot.Id, ct);
            await svc.RaiseAsync(c, lv, "系统", reason, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                acted++;
            }
            catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Raised (or changed) a moment ago by another run; nothing of ours was written.
            }
            db.ChangeTracker.Clear();
        }
        return acted;
    }
}
