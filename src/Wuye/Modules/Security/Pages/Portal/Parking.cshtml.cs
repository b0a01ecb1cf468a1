using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages.Portal;

/// <summary>One car park as an owner sees it: the free temporary spaces now, and its rules.</summary>
internal sealed record PublicCarPark(string Project, string Name, string? Rules, int VisitorTotal, List<string> FreeVisitorSpaces);

/// <summary>
/// 车位公示 (000#34): for an owner, the car parks of the projects of their homes, with the temporary spaces free now and the rules.
/// Car parks are project records an owner's scope does not reach, so they are read by the owner's own project ids, in queries of
/// their own.
/// </summary>
internal sealed class ParkingModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock) : PageModel
{
    public List<PublicCarPark> Parks { get; private set; } = [];

    /// <summary>Violations of the household's cars (registered at the owner's homes to someone living there now), newest first.</summary>
    public List<ParkingViolation> Violations { get; private set; } = [];

    /// <summary>The passes of the owner's cars suspended for repeat violations (万科#15), not yet reinstated.</summary>
    public List<ViolationStep> Suspended { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        var units = db.Scope.Units;
        var today = ChinaTime.Today(clock);
        // "My cars" are the household's cars now: registered at one of the owner's homes to a person who lives there today. A car
        // left registered to the previous occupant, with its violations and suspensions, is not the new owner's to see. Read with
        // the owner's own filters on; violations and steps (project records) are then read by these ids alone.
        var mine = await db.VehicleRefs()
            .Where(v =>
                v.ArchivedAt == null
                && v.UnitId != null
                && units.Contains(v.UnitId.Value)
                && db.OccupantRefs()
                    .Any(o =>
                        o.UnitId == v.UnitId
                        && o.PersonId == v.PersonId
                        && (o.Since == null || o.Since <= today)
                        && (o.Until == null || o.Until >= today)
                    )
            )
            .Select(v => v.Id)
            .ToListAsync(ct);
        Violations = await db.Set<ParkingViolation>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(v => v.VehicleId != null && mine.Contains(v.VehicleId.Value))
            .OrderByDescending(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .Take(20)
            .ToListAsync(ct);
        Suspended = await db.Set<ViolationStep>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(ViolationStep.InForce)
            .Where(s => s.VehicleId != null && mine.Contains(s.VehicleId.Value))
            .OrderByDescending(s => s.TakenAt)
            .ThenBy(s => s.Id)
            .Take(20)
            .ToListAsync(ct);
        var projects = await db.OwnUnitRefs().Select(u => u.ProjectId).Distinct().ToListAsync(ct);
        var names = await db.ProjectRefs().Where(p => projects.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var parks = await db.Set<CarPark>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(c => projects.Contains(c.ProjectId))
            .OrderBy(c => c.ProjectId)
            .ThenBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Take(50)
            .ToListAsync(ct);
        var ids = parks.Select(p => p.Id).ToList();
        var spaces = await db.Set<CarParkSpace>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(s => ids.Contains(s.CarParkId) && s.Kind == SpaceKind.Visitor)
            .OrderBy(s => s.Code)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.CarParkId,
                s.Code,
                Taken = s.TakenAt != null,
            })
            .Take(5000)
            .ToListAsync(ct);
        Parks =
        [
            .. parks.Select(p => new PublicCarPark(
                names.GetValueOrDefault(p.ProjectId, ""),
                p.Name,
                p.Rules,
                spaces.Count(s => s.CarParkId == p.Id),
                [.. spaces.Where(s => s.CarParkId == p.Id && !s.Taken).Select(s => s.Code)]
            )),
        ];
        return Page();
    }
}
