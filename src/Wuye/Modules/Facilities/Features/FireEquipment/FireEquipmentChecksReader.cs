using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Contracts;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.Facilities.Features.FireEquipment;

/// <summary>The last maintenance task done on a fire-system asset of each project, under the reader's scope.</summary>
internal sealed class FireEquipmentChecksReader(WuyeDb db) : IFireEquipmentChecks
{
    public async Task<Dictionary<Guid, DateTimeOffset>> LastDoneAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0)
            return [];
        var ids = projectIds.ToList();
        var fire = db.AssetRefs().Where(a => a.Category == AssetCategory.FireSystem).Select(a => a.Id);
        var rows = await db.Set<MaintenanceTask>()
            .AsNoTracking()
            .Where(t => ids.Contains(t.ProjectId) && t.Status == MaintenanceTaskStatus.Done && t.DoneAt != null && fire.Contains(t.AssetId))
            .GroupBy(t => t.ProjectId)
            .Select(g => new { Project = g.Key, Last = g.Max(t => t.DoneAt!.Value) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Project, r => r.Last);
    }
}
