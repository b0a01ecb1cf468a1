using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.QpiMetrics;

internal sealed record QpiRow(
    Guid InspectorUserId,
    string InspectorName,
    Guid ProjectId,
    string ProjectName,
    decimal RequiredPoints,
    decimal DonePoints,
    decimal Coverage,
    decimal RequiredChecks,
    decimal DoneChecks,
    decimal FrequencyCompletion,
    int AllChecks,
    int TraceableChecks,
    decimal Traceability,
    int Suggestions,
    int Rectifications,
    int Deductions,
    int ClosedItems,
    decimal Closure,
    decimal SuggestionRatio,
    decimal RectificationRatio,
    decimal DeductionRatio,
    decimal DeductionPoints
)
{
    public static QpiRow From(Guid inspector, string inspectorName, Guid project, string projectName, QpiTally t) =>
        new(
            inspector,
            inspectorName,
            project,
            projectName,
            Math.Round(t.RequiredPoints, 2),
            Math.Round(t.DonePoints, 2),
            Math.Round(t.Coverage, 4),
            Math.Round(t.RequiredChecks, 2),
            Math.Round(t.DoneChecks, 2),
            Math.Round(t.FrequencyCompletion, 4),
            t.AllChecks,
            t.TraceableChecks,
            Math.Round(t.Traceability, 4),
            t.Suggestions,
            t.Rectifications,
            t.Deductions,
            t.ClosedItems,
            Math.Round(t.Closure, 4),
            Math.Round(t.SuggestionRatio, 4),
            Math.Round(t.RectificationRatio, 4),
            Math.Round(t.DeductionRatio, 4),
            t.DeductionPoints
        );
}

internal sealed record ProjectScore(Guid ProjectId, string ProjectName, decimal DeductionPoints, decimal Score, int Rank);

internal sealed record QpiReport(
    string Month,
    List<QpiRow> Rows,
    QpiRow Total,
    List<QpiRow> ByInspector,
    List<QpiRow> ByProject,
    List<ProjectScore> Ranking
);

/// <summary>
/// Seed 004's indicators for a month, per inspector and project, from the plans, results and findings
/// the caller may see. Done check points and checks count only performed results recorded against a
/// planned point (an ad hoc check is no planned point), weighed as <see cref="QpiCalculator.Done"/> says;
/// traceability and the finding ratios count every check performed in the month.
/// Findings count in the month they were found; closed means closed by a second verification, whenever.
/// </summary>
internal sealed class QpiMetricsQuery(WuyeDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet(
                "/inspection-metrics",
                async (
                    QpiMetricsQuery metrics,
                    TimeProvider clock,
                    string? month,
                    Guid? projectId,
                    Guid? inspectorUserId,
                    CancellationToken ct
                ) => TypedResults.Ok(await metrics.ComputeAsync(Qpi.MonthOrThis(month, clock), projectId, inspectorUserId, ct))
            )
            .WithTags("Inspections")
            .WithSummary(
                "QPI indicators of seed 004 per inspector, project and month (coverage, frequency completion, closure, traceability, "
                    + "finding ratios), project scores and ranking"
            );

    public async Task<QpiReport> ComputeAsync(DateOnly month, Guid? projectId, Guid? inspectorUserId, CancellationToken ct)
    {
        var next = month.AddMonths(1);
        var lines = await (
            from l in db.Set<InspectionPlanLine>().AsNoTracking()
            join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
            where
                p.StartMonth <= month
                && (p.EndMonth == null || p.EndMonth >= month)
                && (projectId == null || l.ProjectId == projectId)
                && (inspectorUserId == null || p.InspectorUserId == inspectorUserId)
            select new
            {
                l.Id,
                l.ProjectId,
                l.Frequency,
                p.InspectorUserId,
                p.InspectorName,
            }
        ).ToListAsync(ct);
        // Long-cycle points are done once in their quarter, half-year or year: read the whole calendar year.
        var yearStart = new DateOnly(month.Year, 1, 1);
        var yearEnd = yearStart.AddYears(1);
        var results = await db.Set<InspectionResult>()
            .AsNoTracking()
            .Where(r =>
                r.CheckedOn >= yearStart
                && r.CheckedOn < yearEnd
                && (projectId == null || r.ProjectId == projectId)
                && (inspectorUserId == null || r.InspectorUserId == inspectorUserId)
            )
            .Where(Qpi.Performed(db))
            .Select(r => new
            {
                r.InspectorUserId,
                r.ProjectId,
                r.PlanLineId,
                r.CheckedOn,
                r.Traceable,
            })
            .ToListAsync(ct);
        var inMonth = results.Where(r => r.CheckedOn >= month && r.CheckedOn < next).ToList();
        var findings = await db.Set<Finding>()
            .AsNoTracking()
            .Where(f =>
                f.FoundOn >= month
                && f.FoundOn < next
                && (projectId == null || f.ProjectId == projectId)
                && (inspectorUserId == null || f.InspectorUserId == inspectorUserId)
            )
            .Select(f => new
            {
                f.InspectorUserId,
                f.ProjectId,
                f.Type,
                f.Points,
                Closed = f.ClosedAt != null,
            })
            .ToListAsync(ct);

        var keys = lines
            .Select(l => (l.InspectorUserId, l.ProjectId))
            .Concat(inMonth.Select(r => (r.InspectorUserId, r.ProjectId)))
            .Concat(findings.Select(f => (f.InspectorUserId, f.ProjectId)))
            .Distinct()
            .ToList();
        var projectIds = keys.Select(k => k.ProjectId).Distinct().ToList();
        var projectNames = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var userIds = keys.Select(k => k.InspectorUserId).Distinct().ToList();
        var userNames = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var tallies = new List<(Guid Inspector, Guid Project, QpiTally Tally)>();
        foreach (var (inspector, project) in keys)
        {
            // A project the caller cannot see is not reported, even if a plan line still names it.
            if (!projectNames.ContainsKey(project))
                continue;
            var myLines = lines.Where(l => l.InspectorUserId == inspector && l.ProjectId == project).ToList();
            var mine = inMonth.Where(r => r.InspectorUserId == inspector && r.ProjectId == project).ToList();
            var done = myLines
                .Select(l =>
                    QpiCalculator.Done(
                        l.Frequency,
                        results.Where(r => r.PlanLineId == l.Id && r.InspectorUserId == inspector).Select(r => r.CheckedOn),
                        month
                    )
                )
                .ToList();
            var found = findings.Where(f => f.InspectorUserId == inspector && f.ProjectId == project).ToList();
            tallies.Add(
                (
                    inspector,
                    project,
                    new QpiTally(
                        RequiredPoints: QpiCalculator.RequiredPoints(myLines.Select(l => l.Frequency)),
                        DonePoints: done.Sum(d => d.Points),
                        RequiredChecks: QpiCalculator.RequiredChecks(myLines.Select(l => l.Frequency), month.Year, month.Month),
                        DoneChecks: done.Sum(d => d.Checks),
                        TraceableChecks: mine.Count(r => r.Traceable),
                        AllChecks: mine.Count,
                        Suggestions: found.Count(f => f.Type == FindingType.Suggestion),
                        Rectifications: found.Count(f => f.Type == FindingType.Rectification),
                        Deductions: found.Count(f => f.Type == FindingType.Deduction),
                        ClosedItems: found.Count(f => f.Closed && f.Type != FindingType.Rectification),
                        DeductionPoints: found.Where(f => f.Type == FindingType.Deduction).Sum(f => f.Points)
                    )
                )
            );
        }
        string User(Guid id) => userNames.GetValueOrDefault(id) ?? "";
        var rows = tallies
            .OrderBy(t => projectNames[t.Project])
            .ThenBy(t => User(t.Inspector))
            .Select(t => QpiRow.From(t.Inspector, User(t.Inspector), t.Project, projectNames[t.Project], t.Tally))
            .ToList();
        var total = QpiRow.From(Guid.Empty, Loc.T("合计", "Total"), Guid.Empty, "", QpiTally.Sum(tallies.Select(t => t.Tally)));
        var byInspector = tallies
            .GroupBy(t => t.Inspector)
            .Select(g => QpiRow.From(g.Key, User(g.Key), Guid.Empty, "", QpiTally.Sum(g.Select(t => t.Tally))))
            .OrderBy(r => r.InspectorName)
            .ToList();
        var byProject = tallies
            .GroupBy(t => t.Project)
            .Select(g => QpiRow.From(Guid.Empty, "", g.Key, projectNames[g.Key], QpiTally.Sum(g.Select(t => t.Tally))))
            .OrderBy(r => r.ProjectName)
            .ToList();
        // Ranking: only projects that were actually checked this month earn a score.
        var scored = byProject
            .Where(p => p.AllChecks > 0)
            .Select(p => (p, Score: QpiCalculator.Score(p.DeductionPoints)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.p.ProjectName)
            .ToList();
        var ranking = scored
            .Select(x => new ProjectScore(
                x.p.ProjectId,
                x.p.ProjectName,
                x.p.DeductionPoints,
                x.Score,
                1 + scored.Count(y => y.Score > x.Score)
            ))
            .ToList();
        return new QpiReport(month.ToString("yyyy-MM"), rows, total, byInspector, byProject, ranking);
    }
}
