using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Contracts;

/// <summary>A household's unpaid charges past their due date: how much, and since when.</summary>
public sealed record UnitArrearsSummary(Guid UnitId, decimal Amount, DateOnly OldestDue);

/// <summary>What other modules may read of fees: the arrears of a project's households (a customer segment, a visit).</summary>
public interface IUnitArrears
{
    /// <summary>The units of <paramref name="projectId"/> the reader may see with charges due before <paramref name="asOf"/> still
    /// unpaid (only <paramref name="unitIds"/> when given).</summary>
    Task<List<UnitArrearsSummary>> InProjectAsync(Guid projectId, IReadOnlyCollection<Guid>? unitIds, DateOnly asOf, CancellationToken ct);
}

internal sealed class UnitArrearsReader(WuyeDb db) : IUnitArrears
{
    public async Task<List<UnitArrearsSummary>> InProjectAsync(
        Guid projectId,
        IReadOnlyCollection<Guid>? unitIds,
        DateOnly asOf,
        CancellationToken ct
    )
    {
        var lines = db.Set<BillLine>().AsNoTracking().Where(l => l.ProjectId == projectId && l.DueDate < asOf && l.Paid < l.Amount);
        if (unitIds is not null)
            lines = lines.Where(l => unitIds.Contains(l.UnitId));
        var rows = await lines
            .GroupBy(l => l.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Amount = g.Sum(l => l.Amount - l.Paid),
                OldestDue = g.Min(l => l.DueDate),
            })
            .OrderBy(x => x.UnitId)
            .ToListAsync(ct);
        return [.. rows.Select(r => new UnitArrearsSummary(r.UnitId, r.Amount, r.OldestDue))];
    }
}
