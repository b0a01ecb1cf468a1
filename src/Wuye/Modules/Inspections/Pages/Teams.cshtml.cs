using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.RankTeams;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

/// <summary>班组互查: teams, the week's checks with their fixes, the month's ranking and red flag, the quarter's leader points.</summary>
internal sealed class TeamsModel(WuyeDb db, TimeProvider clock, IOptions<InspectionsOptions> options)
    : InspectionPage(InspectionRoles.MayOpenNotices)
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public string Month { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public List<TeamMonthRow> Ranking { get; private set; } = [];
    public List<TeamDto> Teams { get; private set; } = [];
    public List<MutualCheckDto> Checks { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<StaffOption> Staff { get; private set; } = [];
    public string Quarter { get; private set; } = "";
    public List<TeamMonthRow> QuarterRanking { get; private set; } = [];
    public List<LeaderPoints> LeaderPoints { get; private set; } = [];
    public bool CanRecord =>
        db.Scope.IsGlobal
        || new[] { Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard }.Any(db.Scope.HasRole);
    public bool CanAddTeam =>
        db.Scope.IsGlobal || new[] { Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager }.Any(db.Scope.HasRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        if (!Qpi.TryMonth(MonthText, out var month))
            month = Qpi.MonthOf(Today);
        Month = month.ToString("yyyy-MM");
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
        if (ProjectId is { } pid && Projects.All(p => p.Id != pid))
            ProjectId = null;
        Teams = await db.Set<InspectionTeam>()
            .AsNoTracking()
            .Where(t => ProjectId == null || t.ProjectId == ProjectId)
            .OrderBy(t => t.Name)
            .Select(t => new TeamDto(t.Id, t.ProjectId, t.Name, t.LeaderUserId, t.LeaderName))
            .ToListAsync(ct);
        var next = month.AddMonths(1);
        var checks = await db.Set<TeamMutualCheck>()
            .AsNoTracking()
            .Where(c => (ProjectId == null || c.ProjectId == ProjectId) && c.CheckedOn >= month && c.CheckedOn < next)
            .OrderByDescending(c => c.CheckedOn)
            .Take(100)
            .ToListAsync(ct);
        Checks = await MutualCheckViews.ToDtosAsync(db, clock, checks, ct);
        Ranking = await TeamRanking.RankAsync(db, clock, ProjectId, month, next, ct);
        var q = (month.Month - 1) / 3 + 1;
        Quarter = $"{month.Year}-Q{q}";
        var qStart = new DateOnly(month.Year, (q - 1) * 3 + 1, 1);
        QuarterRanking = await TeamRanking.RankAsync(db, clock, ProjectId, qStart, qStart.AddMonths(3), ct);
        LeaderPoints = await TeamRanking.LeaderPointsAsync(db, QuarterRanking, options.Value.LeaderPoints, ct);
        if (
            ProjectId is { } p
            && CanAddTeam
            && await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(x => x.Id == p, ct) is { } project
        )
            Staff = await QpiStaff.ForProjectAsync(db, project.Id, project.CompanyId, ct);
    }

    public string TeamName(Guid id) => Teams.FirstOrDefault(t => t.Id == id)?.Name ?? "";

    public string ProjectName(Guid id) => Projects.FirstOrDefault(p => p.Id == id).Name ?? "";
}
