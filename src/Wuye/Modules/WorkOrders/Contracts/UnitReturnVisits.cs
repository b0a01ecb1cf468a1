using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Contracts;

/// <summary>A household's return visit (回访) after a job: when, and whether the owner was satisfied.</summary>
public sealed record UnitReturnVisit(Guid UnitId, DateTimeOffset VisitedAt, bool Satisfied, string? Comment);

/// <summary>What other modules may read of return visits: those done for a project's households since a moment.</summary>
public interface IUnitReturnVisits
{
    /// <summary>The return visits done since <paramref name="since"/> in <paramref name="projectId"/> the reader may see (only
    /// <paramref name="unitIds"/> when given), newest first.</summary>
    Task<List<UnitReturnVisit>> DoneSinceAsync(
        Guid projectId,
        IReadOnlyCollection<Guid>? unitIds,
        DateTimeOffset since,
        CancellationToken ct
    );
}

internal sealed class UnitReturnVisitsReader(WuyeDb db) : IUnitReturnVisits
{
    public Task<List<UnitReturnVisit>> DoneSinceAsync(
        Guid projectId,
        IReadOnlyCollection<Guid>? unitIds,
        DateTimeOffset since,
        CancellationToken ct
    )
    {
        var q = db.Set<ReturnVisit>()
            .AsNoTracking()
            .Where(v => v.ProjectId == projectId && v.UnitId != null && v.Status == ReturnVisitStatus.Done && v.VisitedAt >= since);
        if (unitIds is not null)
            q = q.Where(v => unitIds.Contains(v.UnitId!.Value));
        return q.OrderByDescending(v => v.VisitedAt)
            .ThenBy(v => v.Id)
            .Take(5000)
            .Select(v => new UnitReturnVisit(v.UnitId!.Value, v.VisitedAt!.Value, v.Satisfied == true, v.Comment))
            .ToListAsync(ct);
    }
}
