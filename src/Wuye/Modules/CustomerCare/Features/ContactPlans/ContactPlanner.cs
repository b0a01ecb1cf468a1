using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.CustomerCare.Features.ContactPlans;

/// <summary>Chooses a plan's households: the lived-in homes of the zone (or project), the longest not visited first (never visited
/// before any), then by home. Read in the caller's scope (the demo's: everything).</summary>
internal static class ContactPlanner
{
    public sealed record Pick(Guid UnitId, Guid? ZoneId, DateTimeOffset? LastContactAt);

    public static async Task<List<Pick>> ChooseAsync(
        WuyeDb db,
        Guid projectId,
        Guid? zoneId,
        DateOnly today,
        int take,
        CancellationToken ct
    )
    {
        var homes = await db.OccupantRefs()
            .AsNoTracking()
            .Where(o =>
                o.ProjectId == projectId
                && (zoneId == null || o.ZoneId == zoneId)
                && o.Relation != OccupantRelation.Family
                && (o.Since == null || o.Since <= today)
                && (o.Until == null || o.Until >= today)
            )
            .Join(db.UnitRefs().Where(u => u.ArchivedAt == null), o => o.UnitId, u => u.Id, (o, u) => new { u.Id, u.ZoneId })
            .Distinct()
            .OrderBy(u => u.Id)
            .Take(5000)
            .ToListAsync(ct);
        var ids = homes.Select(h => h.Id).ToList();
        var last = await db.Set<CareVisit>()
            .AsNoTracking()
            .Where(v => ids.Contains(v.UnitId))
            .GroupBy(v => v.UnitId)
            .Select(g => new { g.Key, Last = g.Max(v => v.VisitedAt) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        return
        [
            .. homes
                .Select(h => new Pick(h.Id, h.ZoneId, last.TryGetValue(h.Id, out var at) ? at : null))
                .OrderBy(p => p.LastContactAt ?? DateTimeOffset.MinValue)
                .ThenBy(p => p.UnitId)
                .Take(take),
        ];
    }

    /// <summary>Adds a plan with its households (in the order chosen) to the unit of work; the caller saves.</summary>
    public static ContactPlan Add(WuyeDb db, PlanFor f, List<Pick> picks)
    {
        var plan = new ContactPlan
        {
            CompanyId = f.CompanyId,
            ProjectId = f.ProjectId,
            ZoneId = f.ZoneId,
            StewardUserId = f.StewardUserId,
            StewardName = f.StewardName,
            Month = f.Month,
            Office = f.Office,
            Target = ContactPlan.TargetFor(f.Office, f.Month),
        };
        db.Add(plan);
        db.AddRange(
            picks.Select(
                (p, i) =>
                    new ContactPlanItem
                    {
                        CompanyId = f.CompanyId,
                        ProjectId = f.ProjectId,
                        ZoneId = p.ZoneId,
                        UnitId = p.UnitId,
                        PlanId = plan.Id,
                        Position = i + 1,
                        LastContactAt = p.LastContactAt,
                    }
            )
        );
        return plan;
    }

    public sealed record PlanFor(
        Guid CompanyId,
        Guid ProjectId,
        Guid? ZoneId,
        Guid StewardUserId,
        string StewardName,
        DateOnly Month,
        bool Office
    );
}
