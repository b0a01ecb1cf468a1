using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>The master data's answer to <see cref="IPlaceDirectory"/>: the projects and units the reader may see.</summary>
internal sealed class PlaceDirectory(WuyeDb db) : IPlaceDirectory
{
    public async Task<PlaceKeys?> ProjectAsync(Guid projectId, CancellationToken ct) =>
        await db.Set<Project>()
            .AsNoTracking()
            .Where(p => p.Id == projectId)
            .Select(p => new PlaceKeys(p.CompanyId, p.Id, null, null, p.ArchivedAt != null))
            .FirstOrDefaultAsync(ct);

    public async Task<PlaceKeys?> UnitAsync(Guid unitId, CancellationToken ct) =>
        await db.Set<Unit>()
            .AsNoTracking()
            .Where(u => u.Id == unitId)
            .Select(u => new PlaceKeys(u.CompanyId, u.ProjectId, u.ZoneId, u.Id, u.ArchivedAt != null))
            .FirstOrDefaultAsync(ct);
}
