using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

public sealed record ZoneDto(Guid Id, Guid ProjectId, string Name, Guid? StewardUserId, string? StewardName, int Buildings, int Units);
public sealed record BuildingDto(Guid Id, Guid ProjectId, Guid? ZoneId, string Name, int? Floors, int Units);
public sealed record UnitDto(Guid Id, Guid ProjectId, Guid? ZoneId, Guid BuildingId, string BuildingName, string Number, int? Floor,
    decimal? Area, string? UnitType, DateOnly? HandoverDate, DateOnly? WarrantyEnd, bool Archived);

/// <summary>Read access to the tree below a project: zones, buildings, units.</summary>
internal static class TreeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/zones").WithTags("Zones");
        zones.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Zones.AsNoTracking().Where(z => z.ArchivedAt == null);
            if (projectId is { } p) q = q.Where(z => z.ProjectId == p);
            return TypedResults.Ok(await Zone(db, q.OrderBy(z => z.Name)).ToPagedAsync(page, pageSize, ct));
        }).WithSummary("Zones the user may see");
        zones.MapGet("/{id:guid}", async Task<Results<Ok<ZoneDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Zone(db, db.Zones.AsNoTracking().Where(z => z.Id == id)).FirstOrDefaultAsync(ct) is { } z ? TypedResults.Ok(z) : TypedResults.NotFound())
            .WithSummary("One zone");

        var buildings = api.MapGroup("/buildings").WithTags("Buildings");
        buildings.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? zoneId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Buildings.AsNoTracking().Where(b => b.ArchivedAt == null);
            if (projectId is { } p) q = q.Where(b => b.ProjectId == p);
            if (zoneId is { } z) q = q.Where(b => b.ZoneId == z);
            return TypedResults.Ok(await Building(db, q.OrderBy(b => b.Name)).ToPagedAsync(page, pageSize, ct));
        }).WithSummary("Buildings the user may see");
        buildings.MapGet("/{id:guid}", async Task<Results<Ok<BuildingDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Building(db, db.Buildings.AsNoTracking().Where(b => b.Id == id)).FirstOrDefaultAsync(ct) is { } b ? TypedResults.Ok(b) : TypedResults.NotFound())
            .WithSummary("One building");

        var units = api.MapGroup("/units").WithTags("Units");
        // A hot path (the benchmark's "list" and "detail"): compiled queries skip EF's per-call
        // expression work; the scope filters still apply, with the caller's scope as parameters.
        units.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var (p, size) = Paging.Normalize(page, pageSize);
            var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
            var total = await CountUnits(db, projectId, buildingId, zoneId, search);
            var items = new List<UnitDto>(size);
            await foreach (var u in PageUnits(db, projectId, buildingId, zoneId, search, (p - 1) * size, size).WithCancellation(ct)) items.Add(u);
            return TypedResults.Ok(new Paged<UnitDto>(items, p, size, total));
        }).WithSummary("Units the user may see");
        units.MapGet("/{id:guid}", async Task<Results<Ok<UnitDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await UnitById(db, id) is { } u ? TypedResults.Ok(u) : TypedResults.NotFound())
            .WithSummary("One unit");
    }

    // Compiled queries must spell their whole expression out (no helper calls inside).
    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, Task<int>> CountUnits =
        EF.CompileAsyncQuery((WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q) =>
            db.Units.Count(u => u.ArchivedAt == null
                && (projectId == null || u.ProjectId == projectId)
                && (buildingId == null || u.BuildingId == buildingId)
                && (zoneId == null || u.ZoneId == zoneId)
                && (q == null || u.Number.Contains(q))));

    private static readonly Func<WuyeDb, Guid?, Guid?, Guid?, string?, int, int, IAsyncEnumerable<UnitDto>> PageUnits =
        EF.CompileAsyncQuery((WuyeDb db, Guid? projectId, Guid? buildingId, Guid? zoneId, string? q, int skip, int take) =>
            db.Units.AsNoTracking()
                .Where(u => u.ArchivedAt == null
                    && (projectId == null || u.ProjectId == projectId)
                    && (buildingId == null || u.BuildingId == buildingId)
                    && (zoneId == null || u.ZoneId == zoneId)
                    && (q == null || u.Number.Contains(q)))
                .OrderBy(u => u.BuildingId).ThenBy(u => u.Number).Skip(skip).Take(take)
                .Select(u => new UnitDto(u.Id, u.ProjectId, u.ZoneId, u.BuildingId,
                    db.Buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() ?? "",
                    u.Number, u.Floor, u.Area, u.UnitType, u.HandoverDate, u.WarrantyEnd, u.ArchivedAt != null)));

    private static readonly Func<WuyeDb, Guid, Task<UnitDto?>> UnitById =
        EF.CompileAsyncQuery((WuyeDb db, Guid id) => db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UnitDto(u.Id, u.ProjectId, u.ZoneId, u.BuildingId,
                db.Buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() ?? "",
                u.Number, u.Floor, u.Area, u.UnitType, u.HandoverDate, u.WarrantyEnd, u.ArchivedAt != null))
            .FirstOrDefault());

    private static IQueryable<ZoneDto> Zone(WuyeDb db, IQueryable<Domain.Zone> q) =>
        q.Select(z => new ZoneDto(z.Id, z.ProjectId, z.Name, z.StewardUserId,
            db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Buildings.Count(b => b.ZoneId == z.Id), db.Units.Count(u => u.ZoneId == z.Id)));

    private static IQueryable<BuildingDto> Building(WuyeDb db, IQueryable<Domain.Building> q) =>
        q.Select(b => new BuildingDto(b.Id, b.ProjectId, b.ZoneId, b.Name, b.Floors, db.Units.Count(u => u.BuildingId == b.Id)));

    private static IQueryable<UnitDto> Unit(WuyeDb db, IQueryable<Domain.Unit> q) =>
        q.Select(u => new UnitDto(u.Id, u.ProjectId, u.ZoneId, u.BuildingId,
            db.Buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() ?? "",
            u.Number, u.Floor, u.Area, u.UnitType, u.HandoverDate, u.WarrantyEnd, u.ArchivedAt != null));
}
