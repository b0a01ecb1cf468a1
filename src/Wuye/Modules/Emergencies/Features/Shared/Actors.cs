using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.Shared;

/// <summary>Who is acting (id and name, for the timeline) and whom to tell: the people on call, the residents of buildings.</summary>
internal sealed class Actors(WuyeDb db, Notifier notifier, TimeProvider clock)
{
    public async Task<(Guid? Id, string Name)> MeAsync(CancellationToken ct)
    {
        var user = db.Scope.UserId;
        if (user is null)
            return (null, "系统");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        return (user, name);
    }

    /// <summary>The users holding any of <paramref name="roles"/> at the project (or its company).</summary>
    public async Task<List<Guid>> OnCallAsync(IEnumerable<string> roles, Guid companyId, Guid projectId, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var role in roles.Distinct())
            ids.AddRange(await notifier.UsersWithRoleAsync(role, companyId, projectId, ct));
        return [.. ids.Distinct()];
    }

    /// <summary>The accounts of the current owners, family and tenants of the units in these buildings (or of these units).</summary>
    public async Task<List<Guid>> ResidentsAsync(Guid projectId, Guid[] buildingIds, Guid[]? unitIds, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var units = db.UnitRefs();
        return await (
            from o in db.OccupantRefs()
            join p in db.PersonRefs() on o.PersonId equals p.Id
            where
                o.ProjectId == projectId
                && p.UserId != null
                && (o.Until == null || o.Until >= today)
                && (unitIds == null ? units.Any(u => u.Id == o.UnitId && buildingIds.Contains(u.BuildingId)) : unitIds.Contains(o.UnitId))
            select p.UserId!.Value
        )
            .Distinct()
            .ToListAsync(ct);
    }
}
