using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.Inspections.Features.SupervisionReminders;
using Wuye.Modules.Inspections.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

/// <summary>前期驻点项目督察: two checks a day per site, the weekly report due Friday 17:00 with the reminder's state, and the surveys.</summary>
internal sealed class SupervisionModel(WuyeDb db, TimeProvider clock) : InspectionPage(InspectionRoles.MayOpenSupervision)
{
    public DateOnly Today { get; private set; }
    public DateOnly ThisWeek => CheckPeriods.Start(CheckFrequency.Weekly, Today);
    public List<SupervisionReminder> Reminders { get; private set; } = [];
    public List<(string Site, List<SupervisionDay> Days)> Daily { get; private set; } = [];
    public List<(SupervisionWeeklyReport Report, string Site)> Reports { get; private set; } = [];
    public List<SurveyScheduleRow> Surveys { get; private set; } = [];

    /// <summary>When the reminder job first told someone about a survey still to come (or overdue), by row.</summary>
    public Dictionary<SurveyScheduleRow, DateTimeOffset> SurveyReminded { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool CanCheck => db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager);
    public bool CanReport => CanCheck || db.Scope.HasRole(Roles.ProjectManager) || db.Scope.HasRole(Roles.CustomerService);
    public bool CanSurvey => CanCheck || db.Scope.HasRole(Roles.ProjectManager);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        Reminders = await SupervisionReminderList.RemindersAsync(db, clock, ct);
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        var first = Today.AddDays(-6);
        var checks = await db.Set<SupervisionCheck>()
            .AsNoTracking()
            .Where(c => c.CheckedOn >= first && c.CheckedOn <= Today)
            .GroupBy(c => new { c.ProjectId, c.CheckedOn })
            .Select(x => new
            {
                x.Key.ProjectId,
                x.Key.CheckedOn,
                N = x.Count(),
            })
            .ToListAsync(ct);
        foreach (var site in checks.Select(c => c.ProjectId).Distinct())
        {
            var name = Projects.FirstOrDefault(p => p.Id == site).Name;
            if (name is null)
                continue;
            var days = new List<SupervisionDay>();
            for (var d = first; d <= Today; d = d.AddDays(1))
            {
                var n = checks.FirstOrDefault(c => c.ProjectId == site && c.CheckedOn == d)?.N ?? 0;
                days.Add(new SupervisionDay(site, name, d, n, n >= SupervisionCheck.ChecksPerDay));
            }
            Daily.Add((name, days));
        }
        Daily = [.. Daily.OrderBy(d => d.Site)];
        var reports = await db.Set<SupervisionWeeklyReport>().AsNoTracking().OrderByDescending(r => r.WeekStart).Take(20).ToListAsync(ct);
        Reports = [.. reports.Select(r => (r, Projects.FirstOrDefault(p => p.Id == r.ProjectId).Name ?? ""))];
        Surveys = await SiteSurveys.ScheduleAsync(db, clock, null, ct);
        var open = Surveys.Where(r => r.Status is "due" or "overdue").ToList();
        if (open.Count > 0)
        {
            // The job's outbox keys are its marks; only keys of rows the user can see are matched.
            var since = clock.GetUtcNow().AddDays(-120);
            var sent = await db.Set<OutboxMessage>()
                .AsNoTracking()
                .Where(m => m.Channel == NotificationChannel.InApp && m.CreatedAt >= since && m.DedupeKey!.StartsWith("site-survey:"))
                .Select(m => new { m.DedupeKey, m.CreatedAt })
                .ToListAsync(ct);
            foreach (var row in open)
            {
                var key = SurveyReminderJob.Key(row.ProjectId, row.Respondent, row.Period, row.Status == "overdue") + ":";
                if (
                    sent.Where(m => m.DedupeKey!.StartsWith(key, StringComparison.Ordinal))
                        .Select(m => (DateTimeOffset?)m.CreatedAt)
                        .Min() is
                    { } at
                )
                    SurveyReminded[row] = at;
            }
        }
    }

    public static string China(DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("MM-dd HH:mm");
}
