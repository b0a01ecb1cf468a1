using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffAssessments;

/// <summary>
/// The two staff indicators of 002/篇4 for one project on one day (the month's last day, or today in the current month),
/// with the counts they are computed from; a rate is null when there is nobody to count.
/// </summary>
internal sealed record StaffIndicatorsDto(
    Guid ProjectId,
    string ProjectName,
    string Month,
    DateOnly Day,
    int ManagementStaff,
    int ManagementPassed,
    decimal? ManagementTrainingPassRate,
    int SpecialOperationStaff,
    int SpecialOperationCertified,
    decimal? CertifiedRate
);

/// <summary>
/// 002/篇4 indicators 22 and 23, computed from the records:
/// <list type="bullet">
/// <item>22 管理层员工专业培训合格率 (target 100%): of the project's current management staff — the members of its staff register
/// marked as leaders (班组长、主管) — those with a passed result in a 专业技能 (professional) training session held in the twelve
/// months up to the day.</item>
/// <item>23 特种作业员工持证上岗率 (target 100%): of the project's current staff with a special-operation certificate on record
/// (issued by the day), those for whom every kind they hold is covered on the day by a valid certificate of that kind.</item>
/// </list>
/// Both read the records as they are now: for a past month, today's staff register and each certificate's current expiry (a renewal
/// moves it in place), so a lapse since renewed does not show. A month after this one is refused.
/// </summary>
internal static class StaffIndicators
{
    public const decimal Target = 100m;
    public const string Page = "/staff/assessments";

    public static DateOnly DayOf(DateOnly month, DateOnly today) =>
        month.AddMonths(1).AddDays(-1) is var last && last < today ? last : today;

    public static async Task<List<StaffIndicatorsDto>> ComputeAsync(
        WuyeDb db,
        IQueryable<ProjectRef> projects,
        DateOnly month,
        DateOnly today,
        CancellationToken ct
    )
    {
        var day = DayOf(month, today);
        var since = day.AddYears(-1);
        var staff = db.StaffRefs().Where(s => s.ArchivedAt == null);
        var sessions = db.Set<TrainingSession>()
            .Where(t => t.Topic == TrainingTopic.Professional && t.HeldOn > since && t.HeldOn <= day)
            .Select(t => t.Id);
        var passes = db.Set<TrainingAttendance>().Where(a => a.Passed == true && sessions.Contains(a.SessionId));
        var certificates = db.Set<Certificate>().Where(c => c.IssuedOn <= day);
        var rows = await projects
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                Managers = staff.Count(s => s.ProjectId == p.Id && s.IsLeader),
                Passed = staff.Count(s => s.ProjectId == p.Id && s.IsLeader && passes.Any(a => a.StaffMemberId == s.Id)),
                Special = staff.Count(s => s.ProjectId == p.Id && certificates.Any(c => c.StaffMemberId == s.Id)),
                Certified = staff.Count(s =>
                    s.ProjectId == p.Id
                    && certificates.Any(c => c.StaffMemberId == s.Id)
                    && certificates
                        .Where(c => c.StaffMemberId == s.Id)
                        .All(c => certificates.Any(v => v.StaffMemberId == s.Id && v.Kind == c.Kind && v.ExpiresOn >= day))
                ),
            })
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new StaffIndicatorsDto(
                r.Id,
                r.Name,
                $"{month:yyyy-MM}",
                day,
                r.Managers,
                r.Passed,
                Rate(r.Passed, r.Managers),
                r.Special,
                r.Certified,
                Rate(r.Certified, r.Special)
            )),
        ];
    }

    /// <summary>A month after this one has no figures yet: 400 on <c>month</c> rather than today's figures under its name.</summary>
    public static DateOnly NotAfterThisMonth(DateOnly month, DateOnly today) =>
        month > StaffTalk.MonthOf(today)
            ? throw ValidationException.For("month", "不能查看未来月份", "The month cannot be after this one")
            : month;

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/staff-assessments")
            .WithTags("Staff")
            .MapGet("/indicators", async (WuyeDb db, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
            {
                var today = ChinaTime.Today(clock);
                var from = NotAfterThisMonth(StaffTalkViews.MonthOrThis(month, today), today);
                var projects = StaffTalkViews.KeptProjects(db);
                if (projectId is { } p)
                    projects = projects.Where(x => x.Id == p);
                return TypedResults.Ok(await ComputeAsync(db, projects, from, today, ct));
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary(
                "002 indicators 22 (管理层员工专业培训合格率) and 23 (特种作业员工持证上岗率) per kept project for a month, with their counts"
            );
}

/// <summary>The project manager's line when the management staff's professional training is not all passed (indicator 22).</summary>
internal sealed class IndicatorHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role != Roles.ProjectManager)
            return [];
        var today = ChinaTime.Today(clock);
        var rows = await StaffIndicators.ComputeAsync(db, StaffTalkViews.KeptProjects(db, role), StaffTalk.MonthOf(today), today, ct);
        return
        [
            new(
                Loc.T("管理层员工未通过专业培训", "Managers without a passed professional training"),
                rows.Sum(r => r.ManagementStaff - r.ManagementPassed),
                StaffIndicators.Page
            ),
        ];
    }
}
