using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Pages.Home;

/// <summary>
/// The home page of each role. Every figure comes from the records the user may see: the
/// query filters scope them, so a steward's counts are their zone's and an owner's their units'.
/// </summary>
public sealed class RoleModel(WuyeDb db, ScopeAccessor accessor, TimeProvider clock, IEnumerable<IHomeTaskSource> taskSources) : PageModel
{
    public Roles.Info? Role { get; private set; }
    public DataScope Scope => accessor.Scope;
    public int Companies { get; private set; }
    public int Projects { get; private set; }
    public int Zones { get; private set; }
    public int Buildings { get; private set; }
    public int Units { get; private set; }
    public int Residents { get; private set; }
    public decimal Area { get; private set; }
    public List<ProjectRow> ProjectRows { get; private set; } = [];
    public List<CompanyRow> CompanyRows { get; private set; } = [];
    public List<UnitRow> MyUnits { get; private set; } = [];
    /// <summary>What waits for the user in this role, from every module.</summary>
    public List<HomeTask> Tasks { get; private set; } = [];

    public sealed record ProjectRow(Guid Id, string Name, string Company, ProjectKind Kind, int Units, int Occupied);
    public sealed record CompanyRow(Guid Id, string Name, int Projects, int Units);
    public sealed record UnitRow(Guid Id, string Project, string Building, string Number, decimal? Area, OccupantRelation Relation, DateOnly? WarrantyEnd);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Role = Roles.All.FirstOrDefault(r => r.Home == "/home/" + slug);
        if (slug == "none") return Page();
        if (Role is null) return NotFound();
        if (!Scope.IsGlobal && !Scope.Roles.Contains(Role.Code)) return LocalRedirect(HomePages.For(Scope));
        foreach (var source in taskSources) Tasks.AddRange(await source.TasksAsync(Scope, Role.Code, ct));

        if (Role.Code == Roles.Owner)
        {
            var userId = Scope.UserId;
            MyUnits = await (from o in db.UnitOccupants
                             join p in db.People on o.PersonId equals p.Id
                             join u in db.Units on o.UnitId equals u.Id
                             join b in db.Buildings on u.BuildingId equals b.Id
                             join pr in db.Projects on u.ProjectId equals pr.Id
                             where p.UserId == userId
                             orderby pr.Name, b.Name, u.Number
                             select new UnitRow(u.Id, pr.Name, b.Name, u.Number, u.Area, o.Relation, u.WarrantyEnd)).ToListAsync(ct);
            return Page();
        }

        Companies = await db.Companies.CountAsync(c => c.ArchivedAt == null, ct);
        Projects = await db.Projects.CountAsync(p => p.ArchivedAt == null, ct);
        Zones = await db.Zones.CountAsync(z => z.ArchivedAt == null, ct);
        Buildings = await db.Buildings.CountAsync(b => b.ArchivedAt == null, ct);
        Units = await db.Units.CountAsync(u => u.ArchivedAt == null, ct);
        Area = await db.Units.Where(u => u.ArchivedAt == null).SumAsync(u => u.Area ?? 0, ct);
        var today = ChinaTime.Today(clock);
        Residents = await db.UnitOccupants.Where(o => o.Until == null || o.Until >= today).Select(o => o.PersonId).Distinct().CountAsync(ct);

        if (Role.Code is Roles.Regulator or Roles.PlatformAdmin)
        {
            CompanyRows = await db.Companies.Where(c => c.ArchivedAt == null).OrderBy(c => c.Name)
                .Select(c => new CompanyRow(c.Id, c.Name, db.Projects.Count(p => p.CompanyId == c.Id && p.ArchivedAt == null),
                    db.Units.Count(u => u.CompanyId == c.Id && u.ArchivedAt == null)))
                .Take(50).ToListAsync(ct);
        }
        ProjectRows = await db.Projects.Where(p => p.ArchivedAt == null).OrderBy(p => p.Name)
            .Select(p => new ProjectRow(p.Id, p.Name,
                db.Companies.Where(c => c.Id == p.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "",
                p.Kind,
                db.Units.Count(u => u.ProjectId == p.Id && u.ArchivedAt == null),
                db.UnitOccupants.Where(o => o.ProjectId == p.Id && (o.Until == null || o.Until >= today)
                        && db.Units.Any(u => u.Id == o.UnitId && u.ArchivedAt == null)).Select(o => o.UnitId).Distinct().Count()))
            .Take(50).ToListAsync(ct);
        return Page();
    }

    public static string KindName(ProjectKind k) => k == ProjectKind.Office ? Loc.T("写字楼", "Office") : Loc.T("住宅小区", "Residential");
    public static string RelationName(OccupantRelation r) => r switch
    {
        OccupantRelation.Owner => Loc.T("业主", "Owner"),
        OccupantRelation.Tenant => Loc.T("租户", "Tenant"),
        _ => Loc.T("家庭成员", "Family"),
    };
}
