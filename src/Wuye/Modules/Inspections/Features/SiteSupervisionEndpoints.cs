using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record SupervisionCheckInput(Guid? ProjectId, string? Topics, string? Observation, bool? CorrectedOnSite) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "驻点项目", "Site")
        .Required("topics", Topics, "检查内容", "Topics").MaxLength("topics", Topics, 200, "检查内容", "Topics")
        .Required("observation", Observation, "检查记录", "Observation").MaxLength("observation", Observation, 1000, "检查记录", "Observation");
}

/// <summary>A week's report; <see cref="WeekStart"/> (any day of that week) hands in a past week's missed report, late.</summary>
public sealed record WeeklyReportInput(Guid? ProjectId, int? SignedHouseholds, int? UnsignedHouseholds, string? Problems, string? CustomerOpinions,
    string? Improvements, string? DeveloperNews, string? SiteStatus, string? NextWeekPlan, DateOnly? WeekStart = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "驻点项目", "Site").Required("signedHouseholds", SignedHouseholds, "签约户数", "Signed households")
         .Required("unsignedHouseholds", UnsignedHouseholds, "未签约户数", "Unsigned households")
         .Range("signedHouseholds", SignedHouseholds, 0, 100000, "签约户数", "Signed households").Range("unsignedHouseholds", UnsignedHouseholds, 0, 100000, "未签约户数", "Unsigned households")
         .Required("problems", Problems, "存在问题及原因分析", "Problems and causes").MaxLength("problems", Problems, 2000, "存在问题", "Problems");
        foreach (var (field, value) in new[] { ("customerOpinions", CustomerOpinions), ("improvements", Improvements), ("developerNews", DeveloperNews), ("siteStatus", SiteStatus), ("nextWeekPlan", NextWeekPlan) })
            v.MaxLength(field, value, 2000, "内容", "Text");
    }
}

public sealed record SupervisionCheckDto(Guid Id, Guid ProjectId, DateOnly CheckedOn, DateTimeOffset CheckedAt, string Topics, string Observation, bool CorrectedOnSite);
public sealed record SupervisionDay(Guid ProjectId, string ProjectName, DateOnly Day, int Checks, bool MeetsTwiceDaily);
public sealed record WeeklyReportDto(Guid Id, Guid ProjectId, DateOnly WeekStart, DateTimeOffset DueAt, DateTimeOffset SubmittedAt, bool Late,
    int SignedHouseholds, int UnsignedHouseholds, string Problems);
/// <summary>A site whose report for the week is not in; RemindedAt / FlaggedLateAt say what the reminder job has done about it.</summary>
public sealed record SupervisionReminder(Guid ProjectId, string ProjectName, DateOnly WeekStart, DateTimeOffset DueAt, string Status, double HoursLeft,
    DateTimeOffset? RemindedAt, DateTimeOffset? FlaggedLateAt);

/// <summary>
/// Supervision of pre-handover sites (seed 002 篇3): two checks a day per site, and a weekly written
/// report due Friday 17:00. A site is under supervision while it has supervision checks in the last
/// 30 days; the reminder list names those whose report for this week is not in, before and after the deadline.
/// </summary>
public static class SiteSupervisionEndpoints
{
    public const int ChecksPerDay = 2;

    /// <summary>How many past weeks a missed report can still be handed in for (late).</summary>
    public const int MakeUpWeeks = 4;

    /// <summary>Friday 17:00 China time of the week starting on <paramref name="weekStart"/> (a Monday).</summary>
    public static DateTimeOffset DueAt(DateOnly weekStart) =>
        new DateTimeOffset(weekStart.AddDays(4).ToDateTime(new TimeOnly(17, 0)), Qpi.ChinaOffset).ToUniversalTime();

    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-supervision").WithTags("Inspections");
        string[] staff = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService];

        g.MapPost("/checks", async Task<Created<SupervisionCheckDto>> (WuyeDb db, TimeProvider clock, SupervisionCheckInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                ?? throw Qpi.Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            var now = clock.GetUtcNow();
            var check = new SupervisionCheck
            {
                CompanyId = project.CompanyId, ProjectId = project.Id, SupervisorUserId = Qpi.Me(db), CheckedAt = now, CheckedOn = Qpi.Today(clock),
                Topics = body.Topics!.Trim(), Observation = body.Observation!.Trim(), CorrectedOnSite = body.CorrectedOnSite ?? false,
            };
            db.Add(check);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/site-supervision/checks/{check.Id}",
                new SupervisionCheckDto(check.Id, check.ProjectId, check.CheckedOn, check.CheckedAt, check.Topics, check.Observation, check.CorrectedOnSite));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Record a supervision check of a pre-handover site");

        g.MapGet("/daily", async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        {
            var last = to ?? Qpi.Today(clock);
            var first = from ?? last.AddDays(-6);
            if (first > last || last.DayNumber - first.DayNumber > 92) throw Qpi.Invalid("from", "日期范围应在 93 天以内且起始不晚于结束", "The range must be at most 93 days, from before to");
            var checks = await db.Set<SupervisionCheck>().AsNoTracking()
                .Where(c => (projectId == null || c.ProjectId == projectId) && c.CheckedOn >= first && c.CheckedOn <= last)
                .GroupBy(c => new { c.ProjectId, c.CheckedOn }).Select(x => new { x.Key.ProjectId, x.Key.CheckedOn, N = x.Count() }).ToListAsync(ct);
            var sites = checks.Select(c => c.ProjectId).Distinct().ToList();
            var names = await db.ProjectRefs().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var days = new List<SupervisionDay>();
            foreach (var site in sites.Where(names.ContainsKey))
                for (var d = first; d <= last; d = d.AddDays(1))
                {
                    var n = checks.FirstOrDefault(c => c.ProjectId == site && c.CheckedOn == d)?.N ?? 0;
                    days.Add(new SupervisionDay(site, names[site], d, n, n >= ChecksPerDay));
                }
            return TypedResults.Ok(days.OrderBy(d => d.ProjectName).ThenBy(d => d.Day).ToList());
        }).WithSummary("Supervision checks per site and day, against two a day");

        g.MapPost("/weekly-reports", async Task<Created<WeeklyReportDto>> (WuyeDb db, TimeProvider clock, WeeklyReportInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                ?? throw Qpi.Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            var now = clock.GetUtcNow();
            var thisWeek = InspectionService.PeriodStart(CheckFrequency.Weekly, Qpi.Today(clock));
            var week = body.WeekStart is { } given ? InspectionService.PeriodStart(CheckFrequency.Weekly, given) : thisWeek;
            if (week > thisWeek) throw Qpi.Invalid("weekStart", "不能提交尚未开始的一周的周报", "That week has not begun");
            if (week < thisWeek.AddDays(-7 * MakeUpWeeks))
                throw Qpi.Invalid("weekStart", $"只能补交最近 {MakeUpWeeks} 周的周报", $"Only the last {MakeUpWeeks} weeks' reports can be handed in late");
            if (await db.Set<SupervisionWeeklyReport>().AnyAsync(r => r.ProjectId == project.Id && r.WeekStart == week, ct))
                throw new RuleException("site_supervision.report_exists", $"{week:MM-dd} 起这一周的报告已提交", $"The report for the week of {week:yyyy-MM-dd} is already in");
            var report = new SupervisionWeeklyReport
            {
                CompanyId = project.CompanyId, ProjectId = project.Id, WeekStart = week, AuthorUserId = Qpi.Me(db), SubmittedAt = now,
                SignedHouseholds = body.SignedHouseholds!.Value, UnsignedHouseholds = body.UnsignedHouseholds!.Value, Problems = body.Problems!.Trim(),
                CustomerOpinions = body.CustomerOpinions?.Trim(), Improvements = body.Improvements?.Trim(), DeveloperNews = body.DeveloperNews?.Trim(),
                SiteStatus = body.SiteStatus?.Trim(), NextWeekPlan = body.NextWeekPlan?.Trim(), Late = now > DueAt(week),
            };
            db.Add(report);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/site-supervision/weekly-reports/{report.Id}", new WeeklyReportDto(report.Id, report.ProjectId, week, DueAt(week),
                now, report.Late, report.SignedHouseholds, report.UnsignedHouseholds, report.Problems));
        }).RequireRoles(staff).WithSummary("Submit this week's written report (due Friday 17:00)");

        g.MapGet("/weekly-reports", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var paged = await db.Set<SupervisionWeeklyReport>().AsNoTracking().Where(r => projectId == null || r.ProjectId == projectId)
                .OrderByDescending(r => r.WeekStart).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(new Paged<WeeklyReportDto>([.. paged.Items.Select(r => new WeeklyReportDto(r.Id, r.ProjectId, r.WeekStart, DueAt(r.WeekStart),
                r.SubmittedAt, r.Late, r.SignedHouseholds, r.UnsignedHouseholds, r.Problems))], paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Weekly reports of pre-handover sites");

        g.MapGet("/reminders", async (WuyeDb db, TimeProvider clock, CancellationToken ct) => TypedResults.Ok(await RemindersAsync(db, clock, ct)))
            .WithSummary("Sites whose weekly report for this week is not in yet (due, or overdue after Friday 17:00)");
    }

    /// <summary>This week's missing reports, due or overdue, and last week's still missing (overdue) — handed in late from the form.</summary>
    public static async Task<List<SupervisionReminder>> RemindersAsync(WuyeDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = Qpi.Today(clock);
        var thisWeek = InspectionService.PeriodStart(CheckFrequency.Weekly, today);
        var lastWeek = await RemindersAsync(db, clock, thisWeek.AddDays(-7), thisWeek.AddDays(-3), ct);
        return [.. lastWeek, .. await RemindersAsync(db, clock, thisWeek, today, ct)];
    }

    /// <summary>Sites supervised in the 30 days up to <paramref name="until"/> whose report for <paramref name="week"/> is not in.</summary>
    private static async Task<List<SupervisionReminder>> RemindersAsync(WuyeDb db, TimeProvider clock, DateOnly week, DateOnly until, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = until.AddDays(-30);
        var sites = await db.Set<SupervisionCheck>().AsNoTracking().Where(c => c.CheckedOn >= since && c.CheckedOn <= until).Select(c => c.ProjectId).Distinct().ToListAsync(ct);
        var reported = await db.Set<SupervisionWeeklyReport>().AsNoTracking().Where(r => r.WeekStart == week && sites.Contains(r.ProjectId)).Select(r => r.ProjectId).ToListAsync(ct);
        var names = await db.ProjectRefs().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var due = DueAt(week);
        var marks = await db.Set<SupervisionReportMark>().AsNoTracking().Where(m => m.WeekStart == week && sites.Contains(m.ProjectId))
            .Select(m => new { m.ProjectId, m.Kind, m.At }).ToListAsync(ct);
        DateTimeOffset? Mark(Guid site, ReportMarkKind kind) => marks.FirstOrDefault(m => m.ProjectId == site && m.Kind == kind)?.At;
        return [.. sites.Where(s => !reported.Contains(s) && names.ContainsKey(s)).OrderBy(s => names[s])
            .Select(s => new SupervisionReminder(s, names[s], week, due, now > due ? "overdue" : "due", Math.Round((due - now).TotalHours, 1),
                Mark(s, ReportMarkKind.Reminder), Mark(s, ReportMarkKind.Late)))];
    }
}
