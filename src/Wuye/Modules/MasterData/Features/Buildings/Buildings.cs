using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Buildings;

internal sealed record BuildingDto(Guid Id, Guid ProjectId, Guid? ZoneId, string Name, int? Floors, int Units, bool Archived, uint Version);

internal sealed record BuildingInput(Guid? ProjectId, Guid? ZoneId, string? Name, int? Floors, uint? Version) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "楼栋名称", "Building name")
            .MaxLength("name", Name, 50, "楼栋名称", "Building name")
            .Range("floors", Floors, 1, 300, "楼层数", "Floors");
}

/// <summary>/api/v1/buildings: a project's buildings, each in a zone (or none); a building's units move with it.</summary>
internal static class Buildings
{
    internal static IQueryable<Building> Filter(WuyeDb db, Guid? projectId, Guid? zoneId, string? q, bool? archived)
    {
        var query = db.Buildings().AsNoTracking().Where(b => (b.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(b => b.ProjectId == p);
        if (zoneId is { } z)
            query = query.Where(b => b.ZoneId == z);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(b => b.Name.Contains(q.Trim()));
        return query.OrderBy(b => b.Name).ThenBy(b => b.Id);
    }

    internal static IQueryable<BuildingDto> Dto(WuyeDb db, IQueryable<Building> q) =>
        q.Select(b => new BuildingDto(
            b.Id,
            b.ProjectId,
            b.ZoneId,
            b.Name,
            b.Floors,
            db.Units().Count(u => u.BuildingId == b.Id && u.ArchivedAt == null),
            b.ArchivedAt != null,
            b.Version
        ));

    private static Task<BuildingDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Buildings().AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/buildings").WithTags("Buildings");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? zoneId,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await Dto(db, Filter(db, projectId, zoneId, q, archived)).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Buildings the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? zoneId, string? q, bool? archived, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    Dto(db, Filter(db, projectId, zoneId, q, archived)),
                    format,
                    "楼栋",
                    "buildings",
                    [
                        new("楼栋", "Building", b => b.Name),
                        new("楼层数", "Floors", b => b.Floors?.ToString()),
                        new("房屋数", "Units", b => b.Units.ToString()),
                    ],
                    ct
                )
            )
            .WithSummary("The filtered building list as .xlsx or .csv");
        g.MapOne(FindAsync, "One building");
        g.MapCreate(
            "buildings",
            async (WuyeDb db, BuildingInput body, CancellationToken ct) =>
            {
                var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                var building = new Building
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Name = body.Name!.Trim(),
                };
                await ApplyAsync(db, building, body, ct);
                return building;
            },
            FindAsync,
            "Create a building",
            Registers.Managers
        );
        g.MapPut(
                "/{id:guid}",
                async Task<Results<Ok<BuildingDto>, NotFound>> (WuyeDb db, Guid id, BuildingInput body, CancellationToken ct) =>
                {
                    var building = await db.Buildings().FirstOrDefaultAsync(b => b.Id == id, ct);
                    if (building is null)
                        return TypedResults.NotFound();
                    building.CheckVersion(body.Version);
                    building.Name = body.Name!.Trim();
                    var moved = building.ZoneId != body.ZoneId;
                    await ApplyAsync(db, building, body, ct);
                    await using (var tx = await db.Database.BeginOrJoinTransactionAsync(ct))
                    {
                        await db.SaveChangesAsync(ct);
                        if (moved)
                            await MoveZoneCopiesAsync(db, building.Id, building.ZoneId, ct);
                        await tx.CommitAsync(ct);
                    }
                    return TypedResults.Ok((await FindAsync(db, id, ct))!);
                }
            )
            .RequireRoles(Registers.Managers)
            .WithSummary("Edit a building");
        g.MapArchive<Building>("building", Registers.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Building building, BuildingInput body, CancellationToken ct)
    {
        if (await db.Buildings().AnyAsync(b => b.ProjectId == building.ProjectId && b.Name == building.Name && b.Id != building.Id, ct))
            throw new RuleException(
                "building.duplicate_name",
                $"本项目已有名为“{building.Name}”的楼栋",
                $"The project already has a building named \"{building.Name}\""
            );
        if (body.ZoneId is { } zoneId && !await db.Zones().AnyAsync(z => z.Id == zoneId && z.ProjectId == building.ProjectId, ct))
            throw ValidationException.For("zoneId", "片区不属于这个项目", "The zone is not in this project");
        // A stored building's units move with it (audited, and write-checked against both zones when saved).
        var units =
            building.ZoneId != body.ZoneId && db.Entry(building).State != EntityState.Detached
                ? await db.Units().Where(u => u.BuildingId == building.Id).ToListAsync(ct)
                : [];
        building.MoveToZone(body.ZoneId, units);
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
        if (units.Length == 0)
            return;
        foreach (var et in db.Model.GetEntityTypes())
        {
            if (et.ClrType == typeof(Unit) || et.GetTableName() is not { } table)
                continue;
            var columns = et.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
            if (!columns.Contains("unit_id") || !columns.Contains("zone_id"))
                continue;
#pragma warning disable EF1002 // schema and table names come from the model, values are parameters
            await db.Database.ExecuteSqlRawAsync(
                $"update {et.GetSchema()}.{table} set zone_id = {{0}} where unit_id = any({{1}}) and zone_id is distinct from {{0}}",
                [zoneId.HasValue ? zoneId.Value : DBNull.Value, units],
                ct
            );
#pragma warning restore EF1002
        }
    }
}
