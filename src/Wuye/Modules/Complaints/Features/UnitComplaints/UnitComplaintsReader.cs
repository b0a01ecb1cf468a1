using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Features.UnitComplaints;

/// <summary>The complaints module's answer to <see cref="IUnitComplaints"/>, within the reader's scope.</summary>
internal sealed class UnitComplaintsReader(WuyeDb db) : IUnitComplaints
{
    public Task<List<UnitComplaintSummary>> ForUnitsAsync(IReadOnlyCollection<Guid> unitIds, DateTimeOffset since, CancellationToken ct) =>
        db.Set<Complaint>()
            .AsNoTracking()
            .Where(c => unitIds.Contains(c.UnitId) && (c.Status == ComplaintStatus.Open || c.ReceivedAt >= since))
            .OrderByDescending(c => c.ReceivedAt)
            .ThenBy(c => c.Id)
            .Take(500)
            .Select(c => new UnitComplaintSummary(c.UnitId, c.Number, c.Description, c.Status == ComplaintStatus.Open, c.ReceivedAt))
            .ToListAsync(ct);

    public Task<List<UnitComplaintSummary>> RaisedDuringAsync(
        Guid projectId,
        IReadOnlyCollection<Guid> buildingIds,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var all = buildingIds.Count == 0;
        var units = db.UnitRefs();
        return db.Set<Complaint>()
            .AsNoTracking()
            .Where(c =>
                c.ProjectId == projectId
                && c.ReceivedAt >= from
                && c.ReceivedAt < to
                && (all || units.Any(u => u.Id == c.UnitId && buildingIds.Contains(u.BuildingId)))
            )
            .OrderBy(c => c.ReceivedAt)
            .ThenBy(c => c.Id)
            .Take(200)
            .Select(c => new UnitComplaintSummary(c.UnitId, c.Number, c.Description, c.Status == ComplaintStatus.Open, c.ReceivedAt))
            .ToListAsync(ct);
    }
}
