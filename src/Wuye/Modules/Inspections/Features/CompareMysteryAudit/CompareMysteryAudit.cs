using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.CompareMysteryAudit;

/// <summary>
/// One checklist line against the site's own records of the same month: how often the site checked
/// the item, what it found, and whether the two disagree (the audit failed what the site called fine).
/// </summary>
internal sealed record MysteryComparisonRow(
    Guid ItemId,
    string Description,
    string? CheckItemCode,
    bool? AuditPassed,
    int SiteChecks,
    int SiteFindings,
    bool Discrepancy,
    string Verdict
);

internal sealed record MysteryComparison(
    Guid AuditId,
    string Month,
    int Lines,
    int Failed,
    int Discrepancies,
    List<MysteryComparisonRow> Rows
);

/// <summary>Compare the audit with the site's own inspection records of the month.</summary>
internal static class CompareMysteryAuditEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mystery-audits").WithTags("Inspections").RequireRoles(MysteryAuditViews.Readers);

        g.MapGet("/{id:guid}/comparison", async Task<Results<Ok<MysteryComparison>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await CompareAsync(db, id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound()
            )
            .WithSummary("Compare the audit with the site's own inspection records of the month");
    }

    /// <summary>The audit line by line against the site's own inspection records of the month; null when the audit is not the
    /// caller's.</summary>
    public static async Task<MysteryComparison?> CompareAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var audit = await db.Set<MysteryAudit>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (audit is null)
            return null;
        var lines = await db.Set<MysteryAuditItem>().AsNoTracking().Where(i => i.AuditId == id).OrderBy(i => i.Position).ToListAsync(ct);
        var itemIds = lines.Where(l => l.CheckItemId != null).Select(l => l.CheckItemId!.Value).ToList();
        var next = audit.Month.AddMonths(1);
        var site = await db.Set<InspectionResult>()
            .AsNoTracking()
            .Where(Qpi.Performed(db))
            .Where(r =>
                r.ProjectId == audit.TargetProjectId && itemIds.Contains(r.CheckItemId) && r.CheckedOn >= audit.Month && r.CheckedOn < next
            )
            .Select(r => new { r.CheckItemId, Findings = db.Set<Finding>().Count(f => f.ResultId == r.Id) })
            .ToListAsync(ct);
        var codes = await db.Set<CheckItem>()
            .AsNoTracking()
            .Where(i => itemIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Code, ct);
        var rows = lines
            .Select(l =>
            {
                var mine = site.Where(s => s.CheckItemId == l.CheckItemId).ToList();
                var checks = mine.Count;
                var findings = mine.Sum(s => s.Findings);
                // Disagreement: the visitor found a problem the site's own records do not show.
                var discrepancy = l.Passed == false && l.CheckItemId != null && findings == 0;
                var verdict =
                    l.Passed is null ? Loc.T("未暗访", "Not yet audited")
                    : l.CheckItemId is null ? Loc.T("无对应自查标准", "No self-inspection item to compare")
                    : discrepancy
                        ? (
                            checks == 0
                                ? Loc.T("暗访发现问题，现场本月未自查", "Audit found a problem; the site did not check it this month")
                                : Loc.T("暗访发现问题，现场自查记录为合格", "Audit found a problem; the site's own checks recorded none")
                        )
                    : Loc.T("一致", "Consistent");
                return new MysteryComparisonRow(
                    l.Id,
                    l.Description,
                    l.CheckItemId is { } c ? codes.GetValueOrDefault(c) : null,
                    l.Passed,
                    checks,
                    findings,
                    discrepancy,
                    verdict
                );
            })
            .ToList();
        return (
            new MysteryComparison(
                audit.Id,
                audit.Month.ToString("yyyy-MM"),
                rows.Count,
                rows.Count(r => r.AuditPassed == false),
                rows.Count(r => r.Discrepancy),
                rows
            )
        );
    }
}
