using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Jobs;

/// <summary>
/// The weekly written report of a pre-handover site is due Friday 17:00 China time (seed 002 篇3). Within
/// <c>Wuye:Inspections:ReportReminderHours</c> (8) before that, the site's supervisors (who checked it in the
/// last 30 days) are reminded; once it has passed, the report is flagged late to them and the company's
/// managers. Each (site, week, kind) is acted on once: the mark's unique key stops a second run or instance,
/// and the mark and its messages commit together. Last week is looked at too, so a missed Friday is still flagged.
/// </summary>
internal sealed class WeeklyReportReminderJob(
    IServiceScopeFactory scopes,
    ILogger<WeeklyReportReminderJob> log,
    IOptions<InspectionsOptions> options
) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var lead = TimeSpan.FromHours(options.Value.ReportReminderHours);
        var today = ChinaTime.Today(clock);
        var thisWeek = CheckPeriods.Start(CheckFrequency.Weekly, today);
        var acted = 0;
        foreach (var week in new[] { thisWeek.AddDays(-7), thisWeek })
        {
            var due = SupervisionWeeklyReport.DueAt(week);
            ReportMarkKind? kind =
                now >= due ? ReportMarkKind.Late
                : now >= due - lead ? ReportMarkKind.Reminder
                : null;
            if (kind is not { } k)
                continue;
            // Sites under supervision that week: checked in the 30 days before its Friday.
            var friday = week.AddDays(4);
            var since = friday.AddDays(-30);
            var checks = await db.Set<SupervisionCheck>()
                .AsNoTracking()
                .Where(c => c.CheckedOn >= since && c.CheckedOn <= friday)
                .Select(c => new
                {
                    c.CompanyId,
                    c.ProjectId,
                    c.SupervisorUserId,
                })
                .Distinct()
                .ToListAsync(ct);
            var sites = checks.Select(c => c.ProjectId).Distinct().ToList();
            var reported = await db.Set<SupervisionWeeklyReport>()
                .AsNoTracking()
                .Where(r => r.WeekStart == week && sites.Contains(r.ProjectId))
                .Select(r => r.ProjectId)
                .ToListAsync(ct);
            var marked = await db.Set<SupervisionReportMark>()
                .AsNoTracking()
                .Where(m => m.WeekStart == week && m.Kind == k && sites.Contains(m.ProjectId))
                .Select(m => m.ProjectId)
                .ToListAsync(ct);
            var names = await db.ProjectRefs()
                .AsNoTracking()
                .Where(p => sites.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            foreach (var site in sites.Where(s => !reported.Contains(s) && !marked.Contains(s)))
            {
                var companyId = checks.First(c => c.ProjectId == site).CompanyId;
                var to = checks.Where(c => c.ProjectId == site).Select(c => c.SupervisorUserId).ToList();
                if (k == ReportMarkKind.Late)
                    to.AddRange(await notifier.UsersWithRoleAsync(Roles.CompanyManager, companyId, site, ct));
                var name = names.GetValueOrDefault(site) ?? "";
                var dueText = due.ToOffset(ChinaTime.Offset).ToString("MM-dd HH:mm");
                var (title, body) =
                    k == ReportMarkKind.Reminder
                        ? ($"{name} 驻点周报待提交", $"本周（{week:MM-dd} 起）的书面周报须在 {dueText} 前提交。")
                        : ($"{name} 驻点周报已逾期", $"{week:MM-dd} 起这一周的书面周报截至 {dueText} 未提交。");
                db.Add(
                    new SupervisionReportMark
                    {
                        CompanyId = companyId,
                        ProjectId = site,
                        WeekStart = week,
                        Kind = k,
                        At = now,
                        Notified = to.Distinct().Count(),
                    }
                );
                await notifier.NotifyAsync(
                    to,
                    companyId,
                    title,
                    body,
                    "/inspections/supervision",
                    $"weekly-report:{site:N}:{week:yyyyMMdd}:{k}",
                    ct
                );
                try
                {
                    await db.SaveChangesAsync(ct);
                    acted++;
                }
                catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another instance marked it first; nothing of ours was written.
                    db.ChangeTracker.Clear();
                }
            }
        }
        return acted;
    }
}
