using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>
/// The choices of the account forms (invitations, a staff member's sign-in): only the roles the user may grant, and the places in their
/// scope.
/// </summary>
internal static class AccountChoices
{
    /// <summary>
    /// The roles some grant of the user may give (<see cref="Roles.MayGrant"/>), among those <paramref name="fits"/> lets through.
    /// </summary>
    public static List<Option> GrantableRoles(DataScope scope, Func<Roles.Info, bool> fits) =>
        [
            .. Roles
                .All.Where(r => fits(r) && (scope.IsGlobal || scope.Roles.Any(g => Roles.MayGrant(g, r.Code))))
                .Select(r => new Option(r.Code, Loc.T(r.Zh, r.En))),
        ];

    /// <summary>The roles a staff member's account may be given with it: company, project and zone roles the user may grant.</summary>
    public static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> StaffRoles = (db, _, _) =>
        Task.FromResult(
            GrantableRoles(db.Scope, r =>
                r.Level is Roles.RoleLevel.Company or Roles.RoleLevel.Project or Roles.RoleLevel.Zone && r.Code != Roles.OwnersCommittee
            )
        );

    /// <summary>Every zone the user sees, named with its project.</summary>
    public static Task<List<Option>> ZonesAsync(WuyeDb db, CancellationToken ct) =>
        db.Zones()
            .AsNoTracking()
            .Where(z => z.ArchivedAt == null)
            .Join(
                db.Projects(),
                z => z.ProjectId,
                p => p.Id,
                (z, p) =>
                    new
                    {
                        z.Id,
                        z.Name,
                        Project = p.Name,
                    }
            )
            .OrderBy(z => z.Project)
            .ThenBy(z => z.Name)
            .ThenBy(z => z.Id)
            .Take(2000)
            .Select(z => new Option(z.Id.ToString(), z.Project + " / " + z.Name))
            .ToListAsync(ct);

    /// <summary>The units the user sees (a steward's: their zone's), named with their project and building.</summary>
    public static Task<List<Option>> UnitsAsync(WuyeDb db, CancellationToken ct) =>
        (
            from u in db.Units().AsNoTracking()
            join b in db.Buildings() on u.BuildingId equals b.Id
            join p in db.Projects() on u.ProjectId equals p.Id
            where u.ArchivedAt == null
            orderby p.Name, b.Name, u.Number, u.Id
            select new Option(u.Id.ToString(), p.Name + " " + b.Name + " " + u.Number)
        )
            .Take(2000)
            .ToListAsync(ct);

    public static Task<List<Option>> RegulatorsAsync(WuyeDb db, CancellationToken ct) =>
        db.Set<Regulator>()
            .AsNoTracking()
            .OrderBy(r => r.Name)
            .ThenBy(r => r.Id)
            .Select(r => new Option(r.Id.ToString(), r.Name))
            .ToListAsync(ct);
}
