using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Inspections.Contracts;

/// <summary>
/// A QPI 扣分项 (deduction finding) as other modules see it: where and when it was found, the points it cost, what was found,
/// the check item's code, and who answers for it (the responsible person of its
/// improvement notice, when one was issued).
/// </summary>
public sealed class DeductionFindingRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public DateOnly FoundOn { get; init; }
    public decimal Points { get; init; }
    public required string Description { get; init; }
    public required string CheckItemCode { get; init; }
    public Guid? ResponsibleUserId { get; init; }
}

/// <summary>The views, read off the shared context (they compose into the reader's query and keep its scope).</summary>
public static class InspectionReads
{
    public static IQueryable<DeductionFindingRef> DeductionFindings(this WuyeDb db)
    {
        var results = db.Set<InspectionResult>();
        var items = db.Set<CheckItem>();
        var notices = db.Set<ImprovementNotice>();
        return db.Set<Finding>()
            .Where(f => f.Type == FindingType.Deduction)
            .Select(f => new DeductionFindingRef
            {
                Id = f.Id,
                CompanyId = f.CompanyId,
                ProjectId = f.ProjectId,
                FoundOn = f.FoundOn,
                Points = f.Points,
                Description = f.Description,
                CheckItemCode = results
                    .Where(r => r.Id == f.ResultId)
                    .Select(r => items.Where(i => i.Id == r.CheckItemId).Select(i => i.Code).FirstOrDefault())
                    .FirstOrDefault()
                    ?? "",
                ResponsibleUserId = notices.Where(n => n.FindingId == f.Id).Select(n => (Guid?)n.ResponsibleUserId).FirstOrDefault(),
            });
    }
}
