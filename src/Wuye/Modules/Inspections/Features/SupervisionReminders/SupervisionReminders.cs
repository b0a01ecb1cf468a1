using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.SupervisionReminders;

/// <summary>A site whose report for the week is not in; RemindedAt / FlaggedLateAt say what the reminder job has done about it.</summary>
internal sealed record SupervisionReminder(
    Guid ProjectId,
    string ProjectName,
    DateOnly WeekStart,
    DateTimeOffset DueAt,
    string Status,
    double HoursLeft,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? FlaggedLateAt
);

/// <summary>Sites whose weekly report is not in: a site is under supervision while it has supervision checks in the last 30 days.</summary>
internal static class SupervisionReminderList
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-supervision").WithTags("Inspections");

        g.MapGet("/reminders", async (WuyeDb db, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await RemindersAsync(db, clock, ct))
            )
            .WithSummary("Sites whose weekly report for this week is not in yet (due, or overdue after Friday 17:00)");
    }

    /// <summary>This week's missing reports, due or overdue, and last week's still missing (overdue) — handed in late from the
    /// form.</summary>
    public static async Task<List<SupervisionReminder>> RemindersAsync(WuyeDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var thisWeek = CheckPeriods.Start(CheckFrequency.Weekly, today);
        var lastWeek = await RemindersAsync(db, clock, thisWeek.AddDays(-7), thisWeek.AddDays(-3), ct);
        return [.. lastWeek, .. await RemindersAsync(db, clock, thisWeek, today, ct)];
    }

    /// <summary>Sites supervised in the 30 days up to <paramref name="until"/> whose report for <paramref name="week"/> is not
    /// in.</summary>
    private static async Task<List<SupervisionReminder>> RemindersAsync(
        WuyeDb db,
        TimeProvider clock,
        DateOnly week,
        DateOnly until,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var since = until.AddDays(-30);
        var sites = await db.Set<SupervisionCheck>()
            .AsNoTracking()
            .Where(c => c.CheckedOn >= since && c.CheckedOn <= until)
            .Select(c => c.ProjectId)
            .Distinct()
            .ToListAsync(ct);
        var reported = await db.Set<SupervisionWeeklyReport>()
            .AsNoTracking()
            .Where(r => r.WeekStart == week && sites.Contains(r.ProjectId))
            .Select(r => r.ProjectId)
            .ToListAsync(ct);
        var names = await db.ProjectRefs().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var due = SupervisionWeeklyReport.DueAt(week);
        var marks = await db.Set<SupervisionReportMark>()
            .AsNoTracking()
            .Where(m => m.WeekStart == week && sites.Contains(m.ProjectId))
            .Select(m => new
            {
                m.ProjectId,
                m.Kind,
                m.At,
            })
            .ToListAsync(ct);
        DateTimeOffset? Mark(Guid site, ReportMarkKind kind) => marks.FirstOrDefault(m => m.ProjectId == site && m.Kind == kind)?.At;
        return
        [
            .. sites
                .Where(s => !reported.Contains(s) && names.ContainsKey(s))
                .OrderBy(s => names[s])
                .Select(s => new SupervisionReminder(
                    s,
                    names[s],
                    week,
                    due,
                    now > due ? "overdue" : "due",
                    Math.Round((due - now).TotalHours, 1),
                    Mark(s, ReportMarkKind.Reminder),
                    Mark(s, ReportMarkKind.Late)
                )),
        ];
    }
}
