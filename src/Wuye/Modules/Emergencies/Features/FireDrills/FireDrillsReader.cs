using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Contracts;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Emergencies.Features.FireDrills;

/// <summary>The last completed fire drill of each project, under the reader's scope.</summary>
internal sealed class FireDrillsReader(WuyeDb db) : IFireDrills
{
    public async Task<Dictionary<Guid, DateTimeOffset>> LastCompletedAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0)
            return [];
        var ids = projectIds.ToList();
        var rows = await db.Set<Drill>()
            .AsNoTracking()
            .Where(d => ids.Contains(d.ProjectId) && d.Kind == PlanKind.Fire && d.CompletedAt != null)
            .GroupBy(d => d.ProjectId)
            .Select(g => new { Project = g.Key, Last = g.Max(d => d.CompletedAt!.Value) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Project, r => r.Last);
    }
}
