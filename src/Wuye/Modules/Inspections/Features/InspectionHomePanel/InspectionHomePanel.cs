using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.QpiMetrics;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.InspectionHomePanel;

internal sealed record InspectionHomeRow(Guid Id, string ProjectName, string Place, DateTimeOffset CheckedAt, int Findings);

/// <summary>What the panel shows: the latest inspections of the user's posts and the month's quality figures of their projects.</summary>
internal sealed record InspectionHome(
    bool LinkInspections,
    List<InspectionHomeRow> Recent,
    string Month,
    List<ProjectScore> Scores,
    int OpenNotices,
    int ClosedNotices
);

/// <summary>
/// The inspections on the home pages of those who take no part in inspecting but live with its results: the guard,
/// the monitoring center, stewards and the service desk see the latest inspections of their posts; the regulator
/// and the owners' committee see their projects' public figures (the month's QPI score and rank, notices open and closed).
/// Everything is read through the scoped sets, so each sees only their own projects.
/// </summary>
internal sealed class InspectionHomePanel(WuyeDb db, TimeProvider clock, QpiMetricsQuery metrics) : IHomePanelSource
{
    public const string Partial = "/Modules/Inspections/Pages/Home/_QpiPanel.cshtml";

    private static readonly string[] Staff = [Roles.SecurityGuard, Roles.MonitoringCenter, Roles.Steward, Roles.CustomerService];
    private static readonly string[] Public = [Roles.Regulator, Roles.OwnersCommittee];

    public async Task<HomePanel?> PanelAsync(DataScope scope, string role, CancellationToken ct)
    {
        var staff = Staff.Contains(role);
        if (!staff && !Public.Contains(role))
            return null;
        var month = Qpi.MonthOf(ChinaTime.Today(clock));
        var recent = staff
            ? await db.Set<Inspection>()
                .AsNoTracking()
                .OrderByDescending(i => i.CheckedAt)
                .Take(5)
                .Select(i => new InspectionHomeRow(
                    i.Id,
                    db.ProjectRefs().Where(p => p.Id == i.ProjectId).Select(p => p.Name).FirstOrDefault() ?? "",
                    i.Place,
                    i.CheckedAt,
                    db.Set<Finding>().Count(f => f.InspectionId == i.Id)
                ))
                .ToListAsync(ct)
            : [];
        var scores = staff ? [] : (await metrics.ComputeAsync(month, null, null, ct)).Ranking;
        var notices = db.Set<ImprovementNotice>().AsNoTracking();
        var open = await notices.CountAsync(n => n.Status != NoticeStatus.Closed, ct);
        var closed = await notices.CountAsync(n => n.Status == NoticeStatus.Closed, ct);
        return new HomePanel(30, Partial, new InspectionHome(staff, recent, month.ToString("yyyy-MM"), scores, open, closed));
    }
}
