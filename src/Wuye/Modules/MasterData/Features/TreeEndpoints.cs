using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

public sealed record ZoneDto(Guid Id, Guid ProjectId, string Name, Guid? StewardUserId, string? StewardName, int Buildings, int Units, bool Archived, uint Version);
public sealed record BuildingDto(Guid Id, Guid ProjectId, Guid? ZoneId, string Name, int? Floors, int Units, bool Archived, uint Version);
public sealed record UnitDto(Guid Id, Guid ProjectId, Guid? ZoneId, Guid BuildingId, string BuildingName, string Number, int? Floor,
    decimal? Area, string? UnitType, DateOnly? HandoverDate, DateOnly? WarrantyEnd, bool Archived, uint Version);
public sealed record OccupantDto(Guid Id, Guid UnitId, Guid PersonId, string PersonName, string? Phone, OccupantRelation Relation, string? Kinship, DateOnly? Since, DateOnly? Until, uint Version = 0);

public sealed record ZoneInput(Guid? ProjectId, string? Name, Guid? StewardUserId, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("name", Name, "片区名称", "Zone name").MaxLength("name", Name, 100, "片区名称", "Zone name");
}

public sealed record BuildingInput(Guid? ProjectId, Guid? ZoneId, string? Name, int? Floors, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("name", Name, "楼栋名称", "Building name").MaxLength("name", Name, 50, "楼栋名称", "Building name")
        .Range("floors", Floors, 1, 300, "楼层数", "Floors");
}

public sealed record UnitInput(Guid? BuildingId, string? Number, int? Floor, decimal? Area, string? UnitType, DateOnly? HandoverDate, DateOnly? WarrantyEnd, uint? Version) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("number", Number, "房号", "Unit number").MaxLength("number", Number, 30, "房号", "Unit number")
            .Range("floor", Floor, -10, 300, "楼层", "Floor").Range("area", Area, 0.01m, 100_000, "建筑面积", "Area")
            .MaxLength("unitType", UnitType, 30, "户型", "Unit type");
        if (HandoverDate is { } h && WarrantyEnd is { } w && w < h) v.Add("warrantyEnd", "保修截止早于交房日期", "Warranty ends before the handover date");
    }
}

/// <summary>The tree below a project: zones (with their steward), buildings, units.</summary>
internal static class TreeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        MapZones(api.MapGroup("/zones").WithTags("Zones"));
        MapBuildings(api.MapGroup("/buildings").WithTags("Buildings"));
        MapUnits(api.MapGroup("/units").WithTags("Units"));
    }

    internal static IQueryable<Zone> ZoneFilter(WuyeDb db, Guid? projectId, string? q, bool? archived)
        {
            var query = db.Zones().AsNoTracking().Where(z => (z.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(z => z.ProjectId == p);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(z => z.Name.Contains(q.Trim()));
            return query.OrderBy(z => z.Name);
        }

    private static void MapZones(RouteGroupBuilder g)
    {
        var Filter = ZoneFilter;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await Zone(db, Filter(db, projectId, q, archived)).ToPagedAsync(page, pageSize, ct)))
            .WithSummary("Zones the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(Zone(db, Filter(db, projectId, q, archived)), format, "片区", "zones",
                [Loc.T("片区", "Zone"), Loc.T("管家", "Steward"), Loc.T("楼栋数", "Buildings"), Loc.T("房屋数", "Units")],
                z => [z.Name, z.StewardName, z.Buildings.ToString(), z.Units.ToString()], ct))
            .WithSummary("The filtered zone list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<ZoneDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Zone(db, db.Zones().AsNoTracking().Where(z => z.Id == id)).FirstOrDefaultAsync(ct) is { } z ? TypedResults.Ok(z) : TypedResults.NotFound())
            .WithSummary("One zone");
        g.MapPost("/", async Task<Created<ZoneDto>> (WuyeDb db, ZoneInput body, CancellationToken ct) =>
        {
            var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            var zone = new Zone { CompanyId = project.CompanyId, ProjectId = project.Id, Name = body.Name!.Trim() };
            await ApplyAsync(db, zone, body, ct);
            db.Zones().Add(zone);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/zones/{zone.Id}", await Zone(db, db.Zones().AsNoTracking().Where(z => z.Id == zone.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Create a zone");
        g.MapPut("/{id:guid}", async Task<Results<Ok<ZoneDto>, NotFound>> (WuyeDb db, Guid id, ZoneInput body, CancellationToken ct) =>
        {
            var zone = await db.Zones().FirstOrDefaultAsync(z => z.Id == id, ct);
            if (zone is null) return TypedResults.NotFound();
            Api.CheckVersion(zone, body.Version);
            zone.Name = body.Name!.Trim();
            await ApplyAsync(db, zone, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Zone(db, db.Zones().AsNoTracking().Where(z => z.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Rename a zone or change its steward");
        g.MapArchive<Zone>("zone", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Zone zone, ZoneInput body, CancellationToken ct)
    {
        if (await db.Zones().AnyAsync(z => z.ProjectId == zone.ProjectId && z.Name == zone.Name && z.Id != zone.Id, ct))
            throw new RuleException("zone.duplicate_name", $"本项目已有名为“{zone.Name}”的片区", $"The project already has a zone named \"{zone.Name}\"");
        if (body.StewardUserId is { } steward)
        {
            // The steward must be staff of this company; the grant of the steward role itself is a role assignment.
            var ok = await db.Users.AnyAsync(u => u.Id == steward && u.CompanyId == zone.CompanyId, ct);
            if (!ok) throw Api.Invalid("stewardUserId", "管家必须是本公司的员工账号", "The steward must be a staff account of this company");
        }
        zone.StewardUserId = body.StewardUserId;
    }

    internal static IQueryable<Building> BuildingFilter(WuyeDb db, Guid? projectId, Guid? zoneId, string? q, bool? archived)
        {
            var query = db.Buildings().AsNoTracking().Where(b => (b.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(b => b.ProjectId == p);
            if (zoneId is { } z) query = query.Where(b => b.ZoneId == z);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(b => b.Name.Contains(q.Trim()));
            return query.OrderBy(b => b.Name);
        }

    private static void MapBuildings(RouteGroupBuilder g)
    {
        var Filter = BuildingFilter;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? zoneId, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await Building(db, Filter(db, projectId, zoneId, q, archived)).ToPagedAsync(page, pageSize, ct)))
            .WithSummary("Buildings the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? zoneId, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(Building(db, Filter(db, projectId, zoneId, q, archived)), format, "楼栋", "buildings",
                [Loc.T("楼栋", "Building"), Loc.T("楼层数", "Floors"), Loc.T("房屋数", "Units")],
                b => [b.Name, b.Floors?.ToString(), b.Units.ToString()], ct))
            .WithSummary("The filtered building list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<BuildingDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Building(db, db.Buildings().AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(ct) is { } b ? TypedResults.Ok(b) : TypedResults.NotFound())
            .WithSummary("One building");
        g.MapPost("/", async Task<Created<BuildingDto>> (WuyeDb db, BuildingInput body, CancellationToken ct) =>
        {
            var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            var building = new Building { CompanyId = project.CompanyId, ProjectId = project.Id, Name = body.Name!.Trim() };
            await ApplyAsync(db, building, body, ct);
            db.Buildings().Add(building);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/buildings/{building.Id}", await Building(db, db.Buildings().AsNoTracking().Where(b => b.Id == building.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Create a building");
        g.MapPut("/{id:guid}", async Task<Results<Ok<BuildingDto>, NotFound>> (WuyeDb db, Guid id, BuildingInput body, CancellationToken ct) =>
        {
            var building = await db.Buildings().FirstOrDefaultAsync(b => b.Id == id, ct);
            if (building is null) return TypedResults.NotFound();
            Api.CheckVersion(building, body.Version);
            building.Name = body.Name!.Trim();
            var moved = building.ZoneId != body.ZoneId;
            await ApplyAsync(db, building, body, ct);
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                if (moved) await MoveZoneCopiesAsync(db, building.Id, building.ZoneId, ct);
                await tx.CommitAsync(ct);
            }
            return TypedResults.Ok(await Building(db, db.Buildings().AsNoTracking().Where(b => b.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Edit a building");
        g.MapArchive<Building>("building", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Building building, BuildingInput body, CancellationToken ct)
    {
        if (await db.Buildings().AnyAsync(b => b.ProjectId == building.ProjectId && b.Name == building.Name && b.Id != building.Id, ct))
            throw new RuleException("building.duplicate_name", $"本项目已有名为“{building.Name}”的楼栋", $"The project already has a building named \"{building.Name}\"");
        if (body.ZoneId is { } zoneId && !await db.Zones().AnyAsync(z => z.Id == zoneId && z.ProjectId == building.ProjectId, ct))
            throw Api.Invalid("zoneId", "片区不属于这个项目", "The zone is not in this project");
        if (building.ZoneId != body.ZoneId && db.Entry(building).State != EntityState.Detached)
        {
            // Units copy their building's zone for the scope filters: they move with it (audited,
            // and write-checked against both zones when saved).
            foreach (var unit in await db.Units().Where(u => u.BuildingId == building.Id).ToListAsync(ct)) unit.ZoneId = body.ZoneId;
        }
        building.ZoneId = body.ZoneId;
        building.Floors = body.Floors;
    }

    /// <summary>
    /// Every other table that copies a unit's zone next to its unit id (occupants, parking,
    /// vehicles, and later modules' rows) follows the units of a moved building, in the same
    /// transaction as the move. Found from the model, so a new module's table is included.
    /// </summary>
    internal static async Task MoveZoneCopiesAsync(WuyeDb db, Guid buildingId, Guid? zoneId, CancellationToken ct)
    {
        var units = await db.Units().Where(u => u.BuildingId == buildingId).Select(u => u.Id).ToArrayAsync(ct);
        if (units.Length == 0) return;
        foreach (var et in db.Model.GetEntityTypes())
        {
            if (et.ClrType == typeof(Domain.Unit) || et.GetTableName() is not { } table) continue;
            var columns = et.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
            if (!columns.Contains("unit_id") || !columns.Contains("zone_id")) continue;
#pragma warning disable EF1002 // schema and table names come from the model, values are parameters
            await db.Database.ExecuteSqlRawAsync($"update {et.GetSchema()}.{table} set zone_id = {{0}} where unit_id = any({{1}}) and zone_id is distinct from {{0}}",
                [zoneId.HasValue ? zoneId.Value : DBNull.Value, units], ct);
#pragma warning restore EF1002
        }
    }

    public static IQueryable<Unit> UnitFilter(WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool? archived)
    {
        var query = db.Units().AsNoTracking().Where(u => (u.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p) query = query.Where(u => u.ProjectId == p);
        if (buildingId is { } b) query = query.Where(u => u.BuildingId == b);
        if (zoneId is { } z) query = query.Where(u => u.ZoneId == z);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.Number.Contains(q.Trim()));
        return query;
    }

    private static void MapUnits(RouteGroupBuilder g)
    {
        // A hot path (the benchmark's "list" and "detail"): compiled queries skip EF's per-call
        // expression work; the scope filters still apply, with the caller's scope as parameters.
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
            var isArchived = archived ?? false;
            var total = await CountUnits(db, projectId, buildingId, zoneId, search, isArchived);
            var items = new List<UnitDto>(size);
            await foreach (var u in PageUnits(db, projectId, buildingId, zoneId, search, isArchived, (p - 1) * size, size).WithCancellation(ct)) items.Add(u);
            return TypedResults.Ok(new Paged<UnitDto>(items, p, size, total));
        }).WithSummary("Units the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(Unit(db, UnitFilter(db, projectId, buildingId, zoneId, q, archived)), format, "房屋", "units",
                [Loc.T("楼栋", "Building"), Loc.T("房号", "Unit number"), Loc.T("楼层", "Floor"), Loc.T("建筑面积", "Area"), Loc.T("户型", "Unit type"),
                 Loc.T("交房日期", "Handover date"), Loc.T("保修截止", "Warranty end")],
                u => [u.BuildingName, u.Number, u.Floor?.ToString(), Api.Num(u.Area), u.UnitType, TableFile.Date(u.HandoverDate), TableFile.Date(u.WarrantyEnd)], ct))
            .WithSummary("The filtered unit list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<UnitDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await UnitById(db, id) is { } u ? TypedResults.Ok(u) : TypedResults.NotFound())
            .WithSummary("One unit");
        g.MapGet("/{id:guid}/occupants", async Task<Results<Ok<List<OccupantDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            if (!await db.Units().AnyAsync(u => u.Id == id, ct)) return TypedResults.NotFound();
            var rows = await (from o in db.UnitOccupants()
                              join p in db.People() on o.PersonId equals p.Id
                              where o.UnitId == id
                              orderby o.Relation, p.Name
                              select new { o, p.Name, p.Phone }).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(r => new OccupantDto(r.o.Id, r.o.UnitId, r.o.PersonId, r.Name, Mask.Phone(r.Phone), r.o.Relation, r.o.Kinship, r.o.Since, r.o.Until, r.o.Version)).ToList());
        }).WithSummary("Owners, family members and tenants of a unit (phones masked)");
        g.MapPost("/", async Task<Created<UnitDto>> (WuyeDb db, UnitInput body, CancellationToken ct) =>
        {
            var building = await Api.ParentAsync(db.Buildings(), body.BuildingId, "buildingId", "楼栋", "Building", ct);
            var unit = new Unit { CompanyId = building.CompanyId, ProjectId = building.ProjectId, ZoneId = building.ZoneId, BuildingId = building.Id, Number = body.Number!.Trim() };
            await ApplyAsync(db, unit, body, ct);
            db.Units().Add(unit);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/units/{unit.Id}", await Unit(db, db.Units().AsNoTracking().Where(u => u.Id == unit.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Create a unit");
        g.MapPut("/{id:guid}", async Task<Results<Ok<UnitDto>, NotFound>> (WuyeDb db, Guid id, UnitInput body, CancellationToken ct) =>
        {
            var unit = await db.Units().FirstOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null) return TypedResults.NotFound();
            Api.CheckVersion(unit, body.Version);
            if (body.BuildingId is { } b && b != unit.BuildingId)
                throw Api.Invalid("buildingId", "房屋不能换楼栋；请归档后在新楼栋中新建", "A unit cannot move to another building; archive it and create it there");
            unit.Number = body.Number!.Trim();
            await ApplyAsync(db, unit, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Unit(db, db.Units().AsNoTracking().Where(u => u.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Edit a unit");
        g.MapArchive<Unit>("unit", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Unit unit, UnitInput body, CancellationToken ct)
    {
        if (await db.Units().AnyAsync(u => u.BuildingId == unit.BuildingId && u.Number == unit.Number && u.Id != unit.Id, ct))
            throw new RuleException("unit.duplicate_number", $"这栋楼已有房号 {unit.Number}", $"The building already has unit {unit.Number}");
        unit.Floor = body.Floor;
        unit.Area = body.Area is { } a ? Math.Round(a, 2) : null;
        unit.UnitType = body.UnitType?.Trim();
        unit.HandoverDate = body.HandoverDate;
        unit.WarrantyEnd = body.WarrantyEnd;
    }

    internal static IQueryable<ZoneDto> Zone(WuyeDb db, IQueryable<Domain.Zone> q) =>
        q.Select(z => new ZoneDto(z.Id, z.ProjectId, z.Name, z.StewardUserId,
            db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Buildings().Count(b => b.ZoneId == z.Id && b.ArchivedAt == null), db.Units().Count(u => u.ZoneId == z.Id && u.ArchivedAt == null),
            z.ArchivedAt != null, z.Version));

    internal static IQueryable<BuildingDto> Building(WuyeDb db, IQueryable<Domain.Building> q) =>
        q.Select(b => new BuildingDto(b.Id, b.ProjectId, b.ZoneId, b.Name, b.Floors, db.Units().Count(u => u.BuildingId == b.Id && u.ArchivedAt == null), b.ArchivedAt != null, b.Version));

    // Compiled queries must spell their whole expression out (no helper calls inside); they
    // mirror UnitFilter and Unit below.
    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, bool, Task<int>> CountUnits =
        EF.CompileAsyncQuery((WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool archived) =>
            db.Units().Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => u)
                .Count(u => (u.ArchivedAt != null) == archived
                    && (projectId == null || u.ProjectId == projectId)
                    && (buildingId == null || u.BuildingId == buildingId)
                    && (zoneId == null || u.ZoneId == zoneId)
                    && (q == null || u.Number.Contains(q))));

    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, bool, int, int, IAsyncEnumerable<UnitDto>> PageUnits =
        EF.CompileAsyncQuery((WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool archived, int skip, int take) =>
            db.Units().AsNoTracking()
                .Where(u => (u.ArchivedAt != null) == archived
                    && (projectId == null || u.ProjectId == projectId)
                    && (buildingId == null || u.BuildingId == buildingId)
                    && (zoneId == null || u.ZoneId == zoneId)
                    && (q == null || u.Number.Contains(q)))
                .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
                .OrderBy(x => x.Name).ThenBy(x => x.u.Number).Skip(skip).Take(take)
                .Select(x => new UnitDto(x.u.Id, x.u.ProjectId, x.u.ZoneId, x.u.BuildingId, x.Name,
                    x.u.Number, x.u.Floor, x.u.Area, x.u.UnitType, x.u.HandoverDate, x.u.WarrantyEnd, x.u.ArchivedAt != null, x.u.Version)));

    private static readonly Func<WuyeDb, Guid, Task<UnitDto?>> UnitById =
        EF.CompileAsyncQuery((WuyeDb db, Guid id) =>
            db.Units().AsNoTracking().Where(u => u.Id == id)
                .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
                .Select(x => new UnitDto(x.u.Id, x.u.ProjectId, x.u.ZoneId, x.u.BuildingId, x.Name,
                    x.u.Number, x.u.Floor, x.u.Area, x.u.UnitType, x.u.HandoverDate, x.u.WarrantyEnd, x.u.ArchivedAt != null, x.u.Version))
                .FirstOrDefault());

    public static IQueryable<UnitDto> Unit(WuyeDb db, IQueryable<Domain.Unit> q) =>
        q.Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
            .OrderBy(x => x.Name).ThenBy(x => x.u.Number)
            .Select(x => new UnitDto(x.u.Id, x.u.ProjectId, x.u.ZoneId, x.u.BuildingId, x.Name,
                x.u.Number, x.u.Floor, x.u.Area, x.u.UnitType, x.u.HandoverDate, x.u.WarrantyEnd, x.u.ArchivedAt != null, x.u.Version));
}
