using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.Fees.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Segments;

/// <summary>A household with the segments its records put it in, and why.</summary>
internal sealed record HouseholdSegments(Guid UnitId, string Label, Guid? ZoneId, List<SegmentHit> Segments);

/// <summary>
/// Computes customer segments from the records (never stored): MasterData's occupants and the owners' committee, Fees' arrears,
/// Complaints' complaints, WorkOrders' return visits, and this module's household profiles (business, manual tags), all read
/// within the reader's scope through the modules' contracts.
/// </summary>
internal sealed class SegmentCalculator(
    WuyeDb db,
    TimeProvider clock,
    IUnitArrears arrears,
    IUnitComplaints complaints,
    IUnitReturnVisits visits
)
{
    /// <summary>The project's households the reader may see (only <paramref name="unitIds"/> when given), label order.</summary>
    public async Task<List<HouseholdSegments>> ForProjectAsync(Guid projectId, IReadOnlyCollection<Guid>? unitIds, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var q = db.UnitRefs().AsNoTracking().Where(u => u.ProjectId == projectId && u.ArchivedAt == null);
        if (unitIds is not null)
            q = q.Where(u => unitIds.Contains(u.Id));
        var units = await q.OrderBy(u => u.Label)
            .ThenBy(u => u.Id)
            .Take(5000)
            .Select(u => new
            {
                u.Id,
                u.Label,
                u.ZoneId,
                u.CompanyId,
            })
            .ToListAsync(ct);
        if (units.Count == 0)
            return [];
        var ids = units.Select(u => u.Id).ToList();
        var company = units[0].CompanyId;
        var committee = db
            .RoleAssignments.IgnoreQueryFilters()
            .Where(r => r.Role == Roles.OwnersCommittee && r.CompanyId == company && (r.ProjectId == null || r.ProjectId == projectId))
            .Select(r => r.UserId);
        var people = db.PersonRefs();
        var committeeUnits = (
            await db.OccupantRefs()
                .AsNoTracking()
                .Where(o =>
                    ids.Contains(o.UnitId)
                    && (o.Until == null || o.Until >= today)
                    && people.Any(p => p.Id == o.PersonId && p.UserId != null && committee.Contains(p.UserId.Value))
                )
                .Select(o => o.UnitId)
                .Distinct()
                .ToListAsync(ct)
        ).ToHashSet();
        var profiles = await db.Set<HouseholdProfile>()
            .AsNoTracking()
            .Where(h => h.ProjectId == projectId && ids.Contains(h.UnitId))
            .ToDictionaryAsync(h => h.UnitId, ct);
        var owed = (await arrears.InProjectAsync(projectId, unitIds is null ? null : ids, today, ct)).ToDictionary(a => a.UnitId);
        var now = clock.GetUtcNow();
        var yearAgo = now.AddDays(-SegmentRules.QualityDays);
        var complained = (await complaints.ForUnitsAsync(ids, yearAgo, ct)).ToLookup(c => c.UnitId);
        var visited = (await visits.DoneSinceAsync(projectId, unitIds is null ? null : ids, yearAgo, ct)).ToLookup(v => v.UnitId);
        var recentFrom = now.AddDays(-SegmentRules.RecentComplaintDays);
        var dissatisfiedFrom = now.AddDays(-SegmentRules.DissatisfiedDays);
        return
        [
            .. units.Select(u =>
            {
                var profile = profiles.GetValueOrDefault(u.Id);
                var a = owed.GetValueOrDefault(u.Id);
                var c = complained[u.Id].ToList();
                var v = visited[u.Id].ToList();
                var facts = new HouseholdFacts(
                    committeeUnits.Contains(u.Id),
                    profile?.BusinessName is not null,
                    a?.Amount ?? 0,
                    a?.OldestDue,
                    c.Count(x => x.ReceivedAt >= recentFrom || x.Open),
                    c.Count,
                    v.Count(x => !x.Satisfied && x.VisitedAt >= dissatisfiedFrom),
                    v.Count(x => !x.Satisfied),
                    v.Count(x => x.Satisfied),
                    profile?.Tags ?? []
                );
                return new HouseholdSegments(u.Id, u.Label, u.ZoneId, SegmentRules.Of(facts, today));
            }),
        ];
    }
}
