using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Vehicles;

internal sealed record VehicleDto(
    Guid Id,
    Guid ProjectId,
    string Plate,
    string? Model,
    Guid? UnitId,
    string? UnitName,
    Guid? ParkingSpaceId,
    bool Archived,
    uint Version
);

internal sealed partial record VehicleInput(Guid? UnitId, string? Plate, string? Model, Guid? ParkingSpaceId, uint? Version = null)
    : IValidatable,
        IVersioned
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit")
            .Required("plate", Plate, "车牌号", "Plate")
            .MaxLength("model", Model, 50, "车型", "Model");
        if (!string.IsNullOrWhiteSpace(Plate) && !PlateRe().IsMatch(Plate.Trim().ToUpperInvariant()))
            v.Add(
                "plate",
                "车牌号格式不正确（如 浙H12345 或新能源 浙HD12345）",
                "Not a valid plate (e.g. 浙H12345, or 浙HD12345 for new-energy)"
            );
    }

    [GeneratedRegex(@"^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$")]
    private static partial Regex PlateRe();
}

/// <summary>/api/v1/vehicles: residents' vehicles, registered against a unit.</summary>
internal static class Vehicles
{
    internal static readonly string[] Editors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService, Roles.SecurityGuard];

    internal static IQueryable<VehicleDto> List(WuyeDb db, Guid? projectId, Guid? unitId, string? q)
    {
        var query = db.Set<Vehicle>().AsNoTracking().Where(v => v.ArchivedAt == null);
        if (projectId is { } p)
            query = query.Where(v => v.ProjectId == p);
        if (unitId is { } u)
            query = query.Where(v => v.UnitId == u);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(v => v.Plate.Contains(q.Trim().ToUpper()));
        return Dto(db, query.OrderBy(v => v.Plate).ThenBy(v => v.Id));
    }

    internal static IQueryable<VehicleDto> Dto(WuyeDb db, IQueryable<Vehicle> q) =>
        q.Select(v => new VehicleDto(
            v.Id,
            v.ProjectId,
            v.Plate,
            v.Model,
            v.UnitId,
            db.UnitRefs().Where(u => u.Id == v.UnitId).Select(u => u.Label).FirstOrDefault(),
            v.ParkingSpaceId,
            v.ArchivedAt != null,
            v.Version
        ));

    private static Task<VehicleDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<Vehicle>().AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/vehicles").WithTags("Vehicles");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? unitId, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await List(db, projectId, unitId, q).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Residents' vehicles");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? unitId, string? q, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    List(db, projectId, unitId, q),
                    format,
                    "车辆",
                    "vehicles",
                    [new("车牌号", "Plate", v => v.Plate), new("车型", "Model", v => v.Model), new("房屋", "Unit", v => v.UnitName)],
                    ct
                )
            )
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapOne(FindAsync, "One vehicle");
        g.MapCreate(
            "vehicles",
            async (WuyeDb db, VehicleInput body, CancellationToken ct) =>
            {
                var unit = await Registers.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
                var vehicle = new Vehicle
                {
                    CompanyId = unit.CompanyId,
                    ProjectId = unit.ProjectId,
                    Plate = "",
                };
                await ApplyAsync(db, vehicle, unit, body, ct);
                return vehicle;
            },
            FindAsync,
            "Register a resident's vehicle",
            Editors
        );
        g.MapEdit(
            async (WuyeDb db, Vehicle vehicle, VehicleInput body, CancellationToken ct) =>
            {
                var unit = await Registers.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
                if (unit.ProjectId != vehicle.ProjectId)
                    throw ValidationException.For("unitId", "房屋不属于这个项目", "The unit is not in this project");
                await ApplyAsync(db, vehicle, unit, body, ct);
            },
            FindAsync,
            "Edit a vehicle: plate, model, unit, parking space",
            Editors
        );
        g.MapArchive<Vehicle>("vehicle", Editors);
    }

    private static async Task ApplyAsync(WuyeDb db, Vehicle vehicle, Unit unit, VehicleInput body, CancellationToken ct)
    {
        var plate = body.Plate!.Trim().ToUpperInvariant();
        if (await db.Set<Vehicle>().AnyAsync(v => v.ProjectId == unit.ProjectId && v.Plate == plate && v.Id != vehicle.Id, ct))
            throw new RuleException("vehicle.duplicate_plate", $"车牌 {plate} 已登记", $"Plate {plate} is already registered");
        if (body.ParkingSpaceId is { } s && !await db.Set<ParkingSpace>().AnyAsync(x => x.Id == s && x.ProjectId == unit.ProjectId, ct))
            throw ValidationException.For("parkingSpaceId", "车位不属于这个项目", "The parking space is not in this project");
        vehicle.Plate = plate;
        vehicle.Model = body.Model?.Trim();
        vehicle.ParkingSpaceId = body.ParkingSpaceId;
        if (vehicle.UnitId != unit.Id)
            vehicle.PlaceAt(
                unit,
                // The owner living there now: a link not ended first (a home that changed hands keeps its old owner's ended link).
                await db.UnitOccupants()
                    .Where(o => o.UnitId == unit.Id && o.Relation == OccupantRelation.Owner)
                    .OrderBy(o => o.Until != null)
                    .ThenByDescending(o => o.Until)
                    .ThenByDescending(o => o.Since)
                    .ThenBy(o => o.Id)
                    .Select(o => (Guid?)o.PersonId)
                    .FirstOrDefaultAsync(ct)
            );
    }
}
