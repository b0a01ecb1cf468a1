using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Contracts;

/// <summary>A return visit (回访) done after a job, as a regulator's figures count it: whose, when, whether the owner was satisfied
/// (no household, no comment).</summary>
public sealed class ReturnVisitOutcome
{
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public DateTimeOffset VisitedAt { get; init; }
    public bool Satisfied { get; init; }
}

/// <summary>The view, read off the shared context (it composes into the reader's query and keeps its scope).</summary>
public static class ReturnVisitOutcomeReads
{
    /// <summary>The return visits done that the reader may see (Regulation's owners' satisfaction figure).</summary>
    public static IQueryable<ReturnVisitOutcome> ReturnVisitOutcomes(this WuyeDb db) =>
        db.Set<ReturnVisit>()
            .Where(v => v.Status == ReturnVisitStatus.Done && v.VisitedAt != null)
            .Select(v => new ReturnVisitOutcome
            {
                CompanyId = v.CompanyId,
                ProjectId = v.ProjectId,
                VisitedAt = v.VisitedAt!.Value,
                Satisfied = v.Satisfied == true,
            });
}
