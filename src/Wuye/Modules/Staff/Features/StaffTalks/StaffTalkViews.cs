using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffTalks;

internal sealed record StaffTalkDto(
    Guid Id,
    Guid CompanyId,
    Guid ProjectId,
    string? ProjectName,
    Guid StaffMemberId,
    string StaffName,
    Guid HeldById,
    string HeldByName,
    DateOnly HeldOn,
    string Topic,
    string? Notes,
    string? Issue,
    string? FollowUp,
    DateOnly? FollowedUpOn,
    bool Open
);

/// <summary>
/// A project's talks against the quota: the month's talks (of <c>MonthQuota</c>), the quarter's staff talked with (of the
/// project's current staff register), and the issues raised not yet followed up — all counted from the talks.
/// </summary>
internal sealed record TalkProgressDto(
    Guid ProjectId,
    string ProjectName,
    string Month,
    int MonthTalks,
    int MonthQuota,
    int MonthShort,
    string Quarter,
    int QuarterStaffTalked,
    int QuarterStaff,
    int QuarterShort,
    int OpenIssues
);

/// <summary>The talks a reader may see (the keepers of the places: talks are not shown to the staff talked with) and the quota.</summary>
internal static class StaffTalkViews
{
    public const string Page = "/staff/talks";

    public static IQueryable<StaffTalk> Visible(WuyeDb db)
    {
        var all = db.Set<StaffTalk>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects) = (kept.Companies, kept.Projects);
        return all.Where(t => companies.Contains(t.CompanyId) || projects.Contains(t.ProjectId));
    }

    /// <summary>The projects whose talks the reader keeps (not archived), by name.</summary>
    public static IQueryable<ProjectRef> KeptProjects(WuyeDb db)
    {
        var q = db.ProjectRefs().AsNoTracking().Where(p => p.ArchivedAt == null);
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return q;
        var (companies, projects) = (kept.Companies, kept.Projects);
        return q.Where(p => companies.Contains(p.CompanyId) || projects.Contains(p.Id));
    }

    /// <summary>
    /// The kept projects where the user holds <paramref name="role"/> itself: a home line for that role counts its places only
    /// (a company manager who is also one project's manager gets that project's figures on the project manager's line).
    /// </summary>
    public static IQueryable<ProjectRef> KeptProjects(WuyeDb db, string role)
    {
        var q = KeptProjects(db);
        if (db.Scope.IsGlobal)
            return q;
        var grants = db.Scope.Grants.Where(g => g.Role == role).ToList();
        Guid[] companies = [.. grants.Where(g => g.Project == null && g.Zone == null && g.Company != null).Select(g => g.Company!.Value)];
        Guid[] projects = [.. grants.Where(g => g.Project != null).Select(g => g.Project!.Value)];
        return q.Where(p => companies.Contains(p.CompanyId) || projects.Contains(p.Id));
    }

    /// <summary>"2026-11" into the first day of that month, or this month when none is given; 400 on <c>month</c> if malformed.</summary>
    public static DateOnly MonthOrThis(string? month, DateOnly today)
    {
        if (month is null)
            return StaffTalk.MonthOf(today);
        if (
            DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            && m.Year is >= 2000 and <= 2100
        )
            return m;
        throw ValidationException.For("month", "月份格式应为 2026-11", "Month must look like 2026-11");
    }

    public static string QuarterName(DateOnly quarter) => $"{quarter.Year}-Q{(quarter.Month - 1) / 3 + 1}";

    /// <summary>Each of <paramref name="projects"/>' progress in the month starting <paramref name="month"/>, counted in SQL.</summary>
    public static async Task<List<TalkProgressDto>> ProgressAsync(
        WuyeDb db,
        IQueryable<ProjectRef> projects,
        DateOnly month,
        int quota,
        CancellationToken ct
    )
    {
        var next = month.AddMonths(1);
        var quarter = StaffTalk.QuarterOf(month);
        var quarterEnd = quarter.AddMonths(3);
        var talks = db.Set<StaffTalk>().AsNoTracking();
        var staff = db.StaffRefs().Where(s => s.ArchivedAt == null);
        var rows = await projects
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                MonthTalks = talks.Count(t => t.ProjectId == p.Id && t.HeldOn >= month && t.HeldOn < next),
                QuarterStaff = staff.Count(s => s.ProjectId == p.Id),
                Talked = staff.Count(s =>
                    s.ProjectId == p.Id
                    && talks.Any(t => t.ProjectId == p.Id && t.StaffMemberId == s.Id && t.HeldOn >= quarter && t.HeldOn < quarterEnd)
                ),
                Open = talks.Count(t => t.ProjectId == p.Id && t.Issue != null && t.FollowedUpOn == null),
            })
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new TalkProgressDto(
                r.Id,
                r.Name,
                $"{month:yyyy-MM}",
                r.MonthTalks,
                quota,
                Math.Max(0, quota - r.MonthTalks),
                QuarterName(quarter),
                r.Talked,
                r.QuarterStaff,
                r.QuarterStaff - r.Talked,
                r.Open
            )),
        ];
    }

    public static async Task<List<StaffTalkDto>> ToDtosAsync(WuyeDb db, IReadOnlyList<StaffTalk> talks, CancellationToken ct)
    {
        var projectIds = talks.Select(t => t.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return
        [
            .. talks.Select(t => new StaffTalkDto(
                t.Id,
                t.CompanyId,
                t.ProjectId,
                names.GetValueOrDefault(t.ProjectId),
                t.StaffMemberId,
                t.StaffName,
                t.HeldById,
                t.HeldByName,
                t.HeldOn,
                t.Topic,
                t.Notes,
                t.Issue,
                t.FollowUp,
                t.FollowedUpOn,
                t.IsOpen
            )),
        ];
    }
}
