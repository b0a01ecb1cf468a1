using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.HomeOverview;

/// <summary>
/// The master data on a role's home page: an owner's homes, or the counts, companies and projects
/// in the user's scope. Every figure comes from the records the user may see (the query filters
/// scope them, so a steward's counts are their zone's).
/// </summary>
internal sealed class HomeOverviewPanel(WuyeDb db, TimeProvider clock) : IHomePanelSource
{
    public const string Partial = "/Modules/MasterData/Pages/Home/_Overview.cshtml";

    public async Task<HomePanel?> PanelAsync(DataScope scope, string role, CancellationToken ct)
    {
        var m = new HomeOverview();
        if (role == Roles.Owner)
        {
            var userId = scope.UserId;
            m.IsOwner = true;
            m.MyUnits = await (
                from o in db.UnitOccupants()
                join p in db.People() on o.PersonId equals p.Id
                join u in db.Units() on o.UnitId equals u.Id
                join b in db.Buildings() on u.BuildingId equals b.Id
                join pr in db.Projects() on u.ProjectId equals pr.Id
                where p.UserId == userId
                orderby pr.Name, b.Name, u.Number
                select new HomeOverview.UnitRow(u.Id, pr.Name, b.Name, u.Number, u.Area, o.Relation, u.WarrantyEnd)
            ).ToListAsync(ct);
            return new HomePanel(10, Partial, m);
        }

        m.Companies = await db.Companies().CountAsync(c => c.ArchivedAt == null, ct);
        m.Projects = await db.Projects().CountAsync(p => p.ArchivedAt == null, ct);
        m.Zones = await db.Zones().CountAsync(z => z.ArchivedAt == null, ct);
        m.Buildings = await db.Buildings().CountAsync(b => b.ArchivedAt == null, ct);
        m.Units = await db.Units().CountAsync(u => u.ArchivedAt == null, ct);
        m.Area = await db.Units().Where(u => u.ArchivedAt == null).SumAsync(u => u.Area ?? 0, ct);
        var today = ChinaTime.Today(clock);
        m.Residents = await db.UnitOccupants()
            .Where(o => o.Until == null || o.Until >= today)
            .Select(o => o.PersonId)
            .Distinct()
            .CountAsync(ct);

        if (role is Roles.Regulator or Roles.PlatformAdmin)
        {
            m.CompanyRows = await db.Companies()
                .Where(c => c.ArchivedAt == null)
                .OrderBy(c => c.Name)
                .Select(c => new HomeOverview.CompanyRow(
                    c.Id,
                    c.Name,
                    db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null),
                    db.Units().Count(u => u.CompanyId == c.Id && u.ArchivedAt == null)
                ))
                .Take(50)
                .ToListAsync(ct);
        }
        m.ProjectRows = await db.Projects()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .Select(p => new HomeOverview.ProjectRow(
                p.Id,
                p.Name,
                db.Companies().Where(c => c.Id == p.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "",
                p.Kind,
                db.Units().Count(u => u.ProjectId == p.Id && u.ArchivedAt == null),
                db.UnitOccupants()
                    .Where(o =>
                        o.ProjectId == p.Id
                        && (o.Until == null || o.Until >= today)
                        && db.Units().Any(u => u.Id == o.UnitId && u.ArchivedAt == null)
                    )
                    .Select(o => o.UnitId)
                    .Distinct()
                    .Count()
            ))
            .Take(50)
            .ToListAsync(ct);
        return new HomePanel(10, Partial, m);
    }
}

internal sealed class HomeOverview
{
    public bool IsOwner { get; set; }
    public int Companies { get; set; }
    public int Projects { get; set; }
    public int Zones { get; set; }
    public int Buildings { get; set; }
    public int Units { get; set; }
    public int Residents { get; set; }
    public decimal Area { get; set; }
    public List<ProjectRow> ProjectRows { get; set; } = [];
    public List<CompanyRow> CompanyRows { get; set; } = [];
    public List<UnitRow> MyUnits { get; set; } = [];

    public sealed record ProjectRow(Guid Id, string Name, string Company, ProjectKind Kind, int Units, int Occupied);

    public sealed record CompanyRow(Guid Id, string Name, int Projects, int Units);

    public sealed record UnitRow(
        Guid Id,
        string Project,
        string Building,
        string Number,
        decimal? Area,
        OccupantRelation Relation,
        DateOnly? WarrantyEnd
    );
}
