using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Units;

internal sealed record UnitDto(
    Guid Id,
    Guid ProjectId,
    Guid? ZoneId,
    Guid BuildingId,
    string BuildingName,
    string Number,
    int? Floor,
    decimal? Area,
    string? UnitType,
    DateOnly? HandoverDate,
    DateOnly? WarrantyEnd,
    bool Archived,
    uint Version
);

internal sealed record UnitInput(
    Guid? BuildingId,
    string? Number,
    int? Floor,
    decimal? Area,
    string? UnitType,
    DateOnly? HandoverDate,
    DateOnly? WarrantyEnd,
    uint? Version
) : IValidatable, IVersioned
{
    public void Validate(Validator v)
    {
        v.Required("number", Number, "房号", "Unit number")
            .MaxLength("number", Number, 30, "房号", "Unit number")
            .Range("floor", Floor, -10, 300, "楼层", "Floor")
            .Range("area", Area, 0.01m, 100_000, "建筑面积", "Area")
            .MaxLength("unitType", UnitType, 30, "户型", "Unit type");
        if (HandoverDate is { } h && WarrantyEnd is { } w && w < h)
            v.Add("warrantyEnd", "保修截止早于交房日期", "Warranty ends before the handover date");
    }
}

/// <summary>/api/v1/units: the units of a building, and who lives in each.</summary>
internal static class Units
{
    public static IQueryable<Unit> Filter(WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, bool? archived)
    {
        var query = db.Units().AsNoTracking().Where(u => (u.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(u => u.ProjectId == p);
        if (buildingId is { } b)
            query = query.Where(u => u.BuildingId == b);
        if (zoneId is { } z)
            query = query.Where(u => u.ZoneId == z);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var (text, joined) = Search(q);
            var buildings = db.Buildings();
            var projects = db.Projects();
            query = query.Where(u =>
                buildings.Any(b => b.Id == u.BuildingId && (b.Name + u.Number).Contains(joined))
                || projects.Any(p =>
                    p.Id == u.ProjectId
                    && buildings.Any(b =>
                        b.Id == u.BuildingId
                        && (EF.Functions.Collate(p.Name, MasterDataModel.NumericOrder) + b.Name + u.Number).Contains(joined)
                    )
                )
                || u.Number.Contains(text)
            );
        }
        return query;
    }

    /// <summary>
    /// A search finds a unit by its number, its building ("7幢"), or its label with or without the
    /// project and spaces ("7幢 101", "7幢101", "锦绣花园 7幢 101"): the text as typed, and without spaces for the label.
    /// </summary>
    public static (string Text, string Joined) Search(string q) => (q.Trim(), string.Concat(q.Where(c => !char.IsWhiteSpace(c))));

    public static IQueryable<UnitDto> Dto(WuyeDb db, IQueryable<Unit> q) =>
        q.Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
            .OrderBy(x => x.Name)
            .ThenBy(x => x.u.Number)
            .ThenBy(x => x.u.Id)
            .Select(x => new UnitDto(
                x.u.Id,
                x.u.ProjectId,
                x.u.ZoneId,
                x.u.BuildingId,
                x.Name,
                x.u.Number,
                x.u.Floor,
                x.u.Area,
                x.u.UnitType,
                x.u.HandoverDate,
                x.u.WarrantyEnd,
                x.u.ArchivedAt != null,
                x.u.Version
            ));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/units").WithTags("Units");
        // A hot path (the benchmark's "list" and "detail"): compiled queries skip EF's per-call
        // expression work; the scope filters still apply, with the caller's scope as parameters.
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? buildingId,
                    Guid? zoneId,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var (p, size) = Paging.Normalize(page, pageSize);
                    var (search, joined) = string.IsNullOrWhiteSpace(q) ? (null, null) : Search(q);
                    var isArchived = archived ?? false;
                    var total = await CountUnits(db, projectId, buildingId, zoneId, search, joined, isArchived);
                    var items = new List<UnitDto>(size);
                    await foreach (
                        var u in PageUnits(db, projectId, buildingId, zoneId, search, joined, isArchived, (p - 1) * size, size)
                            .WithCancellation(ct)
                    )
                        items.Add(u);
                    return TypedResults.Ok(new Paged<UnitDto>(items, p, size, total));
                }
            )
            .WithSummary("Units the user may see");
        g.MapGet(
                "/export",
                (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? buildingId,
                    Guid? zoneId,
                    string? q,
                    bool? archived,
                    string? format,
                    CancellationToken ct
                ) =>
                    Registers.ExportAsync(
                        Dto(db, Filter(db, projectId, buildingId, zoneId, q, archived)),
                        format,
                        "房屋",
                        "units",
                        [
                            new("楼栋", "Building", u => u.BuildingName),
                            new("房号", "Unit number", u => u.Number),
                            new("楼层", "Floor", u => u.Floor?.ToString()),
                            new("建筑面积", "Area", u => Registers.Num(u.Area)),
                            new("户型", "Unit type", u => u.UnitType),
                            new("交房日期", "Handover date", u => TableFile.Date(u.HandoverDate)),
                            new("保修截止", "Warranty end", u => TableFile.Date(u.WarrantyEnd)),
                        ],
                        ct
                    )
            )
            .WithSummary("The filtered unit list as .xlsx or .csv");
        g.MapOne((db, id, _) => UnitById(db, id), "One unit");
        g.MapGet("/{id:guid}/occupants", async Task<Results<Ok<List<OccupantDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            {
                if (!await db.Units().AnyAsync(u => u.Id == id, ct))
                    return TypedResults.NotFound();
                return TypedResults.Ok(await OccupantsAsync(db, id, ct));
            })
            .WithSummary("Owners, family members and tenants of a unit (phones masked)");
        g.MapCreate(
            "units",
            async (WuyeDb db, UnitInput body, CancellationToken ct) =>
            {
                var building = await Registers.ParentAsync(db.Buildings(), body.BuildingId, "buildingId", "楼栋", "Building", ct);
                var unit = new Unit
                {
                    CompanyId = building.CompanyId,
                    ProjectId = building.ProjectId,
                    ZoneId = building.ZoneId,
                    BuildingId = building.Id,
                    Number = body.Number!.Trim(),
                };
                await ApplyAsync(db, unit, body, ct);
                return unit;
            },
            (db, id, _) => UnitById(db, id),
            "Create a unit",
            Registers.Managers
        );
        g.MapEdit(
            async (WuyeDb db, Unit unit, UnitInput body, CancellationToken ct) =>
            {
                unit.StayIn(body.BuildingId);
                unit.Number = body.Number!.Trim();
                await ApplyAsync(db, unit, body, ct);
            },
            (db, id, _) => UnitById(db, id),
            "Edit a unit",
            Registers.Managers
        );
        g.MapArchive<Unit>("unit", Registers.Managers);
    }

    /// <summary>A unit's occupants, current and ended, owners first; phones masked.</summary>
    public static async Task<List<OccupantDto>> OccupantsAsync(WuyeDb db, Guid unitId, CancellationToken ct)
    {
        var rows = await (
            from o in db.UnitOccupants()
            join p in db.People() on o.PersonId equals p.Id
            where o.UnitId == unitId
            orderby o.Relation, p.Name
            select new
            {
                o,
                p.Name,
                p.Phone,
            }
        ).ToListAsync(ct);
        return [.. rows.Select(r => OccupantDto.Of(r.o, r.Name, r.Phone))];
    }

    private static async Task ApplyAsync(WuyeDb db, Unit unit, UnitInput body, CancellationToken ct)
    {
        if (await db.Units().AnyAsync(u => u.BuildingId == unit.BuildingId && u.Number == unit.Number && u.Id != unit.Id, ct))
            throw new RuleException(
                "unit.duplicate_number",
                $"这栋楼已有房号 {unit.Number}",
                $"The building already has unit {unit.Number}"
            );
        unit.Describe(body.Floor, body.Area, body.UnitType?.Trim(), body.HandoverDate, body.WarrantyEnd);
    }

    // Compiled queries must spell their whole expression out (no helper calls inside); they
    // mirror Filter and Dto above.
    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, string?, bool, Task<int>> CountUnits = EF.CompileAsyncQuery(
        (WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, string? joined, bool archived) =>
            db.Units()
                .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
                .Count(x =>
                    (x.u.ArchivedAt != null) == archived
                    && (projectId == null || x.u.ProjectId == projectId)
                    && (buildingId == null || x.u.BuildingId == buildingId)
                    && (zoneId == null || x.u.ZoneId == zoneId)
                    && (
                        q == null
                        || x.u.Number.Contains(q)
                        || (x.Name + x.u.Number).Contains(joined!)
                        || db.Projects()
                            .Any(p =>
                                p.Id == x.u.ProjectId
                                && (EF.Functions.Collate(p.Name, MasterDataModel.NumericOrder) + x.Name + x.u.Number).Contains(joined!)
                            )
                    )
                )
    );

    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, string?, bool, int, int, IAsyncEnumerable<UnitDto>> PageUnits =
        EF.CompileAsyncQuery(
            (WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, string? joined, bool archived, int skip, int take) =>
                db.Units()
                    .AsNoTracking()
                    .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
                    .Where(x =>
                        (x.u.ArchivedAt != null) == archived
                        && (projectId == null || x.u.ProjectId == projectId)
                        && (buildingId == null || x.u.BuildingId == buildingId)
                        && (zoneId == null || x.u.ZoneId == zoneId)
                        && (
                            q == null
                            || x.u.Number.Contains(q)
                            || (x.Name + x.u.Number).Contains(joined!)
                            || db.Projects()
                                .Any(p =>
                                    p.Id == x.u.ProjectId
                                    && (EF.Functions.Collate(p.Name, MasterDataModel.NumericOrder) + x.Name + x.u.Number).Contains(joined!)
                                )
                        )
                    )
                    .OrderBy(x => x.Name)
                    .ThenBy(x => x.u.Number)
                    .ThenBy(x => x.u.Id)
                    .Skip(skip)
                    .Take(take)
                    .Select(x => new UnitDto(
                        x.u.Id,
                        x.u.ProjectId,
                        x.u.ZoneId,
                        x.u.BuildingId,
                        x.Name,
                        x.u.Number,
                        x.u.Floor,
                        x.u.Area,
                        x.u.UnitType,
                        x.u.HandoverDate,
                        x.u.WarrantyEnd,
                        x.u.ArchivedAt != null,
                        x.u.Version
                    ))
        );

    private static readonly Func<WuyeDb, Guid, Task<UnitDto?>> UnitById = EF.CompileAsyncQuery(
        (WuyeDb db, Guid id) =>
            db.Units()
                .AsNoTracking()
                .Where(u => u.Id == id)
                .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u, b.Name })
                .Select(x => new UnitDto(
                    x.u.Id,
                    x.u.ProjectId,
                    x.u.ZoneId,
                    x.u.BuildingId,
                    x.Name,
                    x.u.Number,
                    x.u.Floor,
                    x.u.Area,
                    x.u.UnitType,
                    x.u.HandoverDate,
                    x.u.WarrantyEnd,
                    x.u.ArchivedAt != null,
                    x.u.Version
                ))
                .FirstOrDefault()
    );
}
