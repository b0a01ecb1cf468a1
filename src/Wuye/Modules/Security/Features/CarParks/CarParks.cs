using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.CarParks;

internal sealed record CarParkInput(Guid? ProjectId, string? Name, string? Location, string? Rules) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "停车场名称", "Car park name")
            .MaxLength("name", Name, 100, "停车场名称", "Car park name")
            .MaxLength("location", Location, 100, "位置", "Location")
            .MaxLength("rules", Rules, 500, "停车规则", "Rules");
}

internal sealed record SpaceMoveInput(Guid? CarParkSpaceId, string? Plate) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("carParkSpaceId", CarParkSpaceId, "车位", "Space")
            .MaxLength("plate", Plate, 10, "车牌号", "Plate")
            .Plate("plate", Plate);
}

/// <summary>Free and taken spaces of one kind.</summary>
internal sealed record KindCount(SpaceKind Kind, string KindName, int Total, int Taken, int Free);

internal sealed record CarParkDto(Guid Id, Guid ProjectId, string Name, string? Rules, int Total, int Free, List<KindCount> Kinds);

internal sealed record SpaceDto(Guid Id, string Code, SpaceKind Kind, bool Taken, string? Plate, DateTimeOffset? TakenAt);

internal sealed record CarParkBoardDto(CarParkDto CarPark, List<SpaceDto> Spaces);

/// <summary>The availability board (万科#7): car parks with their spaces by kind, cars recorded in and out by the guards.</summary>
internal sealed class CarParkHandler(WuyeDb db, TimeProvider clock)
{
    public static string KindName(SpaceKind k) =>
        k switch
        {
            SpaceKind.Fixed => Loc.T("产权车位", "Fixed"),
            SpaceKind.Rented => Loc.T("租用车位", "Rented"),
            _ => Loc.T("临时车位", "Temporary"),
        };

    public static CarParkDto Dto(CarPark c, IEnumerable<(SpaceKind Kind, bool Taken)> spaces)
    {
        var list = spaces.ToList();
        var kinds = Enum.GetValues<SpaceKind>()
            .Select(k =>
            {
                var of = list.Where(s => s.Kind == k).ToList();
                var taken = of.Count(s => s.Taken);
                return new KindCount(k, KindName(k), of.Count, taken, of.Count - taken);
            })
            .Where(k => k.Total > 0)
            .ToList();
        return new(c.Id, c.ProjectId, c.Name, c.Rules, list.Count, list.Count(s => !s.Taken), kinds);
    }

    /// <summary>The car parks in scope (one project, or all), each with its counts by kind, counted in one query.</summary>
    public async Task<List<CarParkDto>> ListAsync(Guid? projectId, CancellationToken ct)
    {
        var parks = await db.Set<CarPark>()
            .AsNoTracking()
            .Where(c => projectId == null || c.ProjectId == projectId)
            .OrderBy(c => c.ProjectId)
            .ThenBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Take(200)
            .ToListAsync(ct);
        var ids = parks.Select(p => p.Id).ToList();
        var counts = await db.Set<CarParkSpace>()
            .Where(s => ids.Contains(s.CarParkId))
            .GroupBy(s => new
            {
                s.CarParkId,
                s.Kind,
                Taken = s.TakenAt != null,
            })
            .Select(g => new
            {
                g.Key.CarParkId,
                g.Key.Kind,
                g.Key.Taken,
                N = g.Count(),
            })
            .ToListAsync(ct);
        return
        [
            .. parks.Select(p => Dto(p, counts.Where(c => c.CarParkId == p.Id).SelectMany(c => Enumerable.Repeat((c.Kind, c.Taken), c.N)))),
        ];
    }

    public async Task<CarParkBoardDto> BoardAsync(Guid id, CancellationToken ct)
    {
        var park = await db.Set<CarPark>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new NotFoundException("car park");
        var spaces = await db.Set<CarParkSpace>()
            .AsNoTracking()
            .Where(s => s.CarParkId == id)
            .OrderBy(s => s.Kind)
            .ThenBy(s => s.Code)
            .ThenBy(s => s.Id)
            .Take(2000)
            .ToListAsync(ct);
        return new(
            Dto(park, spaces.Select(s => (s.Kind, s.Taken))),
            [.. spaces.Select(s => new SpaceDto(s.Id, s.Code, s.Kind, s.Taken, s.Plate, s.TakenAt))]
        );
    }

    /// <summary>Sets a car park up with the project's registered spaces (at <paramref name="input"/>'s location, if given) that are on
    /// no board yet.</summary>
    public async Task<CarPark> CreateAsync(CarParkInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var name = input.Name!.Trim();
        if (await db.Set<CarPark>().AnyAsync(c => c.ProjectId == project.Id && c.Name == name, ct))
            throw new RuleException(
                "car_park.duplicate_name",
                $"该项目已有停车场“{name}”",
                $"The project already has a car park \"{name}\""
            );
        var location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim();
        var onBoards = db.Set<CarParkSpace>().Where(s => s.ProjectId == project.Id).Select(s => s.ParkingSpaceId);
        var spaces = await db.ParkingSpaceRefs()
            .Where(s =>
                s.ProjectId == project.Id
                && s.ArchivedAt == null
                && (location == null || s.Location == location)
                && !onBoards.Contains(s.Id)
            )
            .OrderBy(s => s.Code)
            .Take(5000)
            .ToListAsync(ct);
        if (spaces.Count == 0)
            throw new RuleException(
                "car_park.no_spaces",
                "车位登记中没有可放入该停车场的车位（先在主数据中登记车位）",
                "The parking-space register has no space for this car park (register the spaces in master data first)"
            );
        var park = new CarPark
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Name = name,
            Rules = string.IsNullOrWhiteSpace(input.Rules) ? null : input.Rules.Trim(),
        };
        db.Add(park);
        foreach (var s in spaces)
            db.Add(
                new CarParkSpace
                {
                    CompanyId = park.CompanyId,
                    ProjectId = park.ProjectId,
                    CarParkId = park.Id,
                    ParkingSpaceId = s.Id,
                    Code = s.Code,
                    Kind =
                        s.Public ? SpaceKind.Visitor
                        : s.Rented ? SpaceKind.Rented
                        : SpaceKind.Fixed,
                }
            );
        await db.SaveChangesAsync(ct);
        return park;
    }

    /// <summary>A car enters a space (<paramref name="entering"/>) or leaves it.</summary>
    public async Task<CarParkSpace> MoveAsync(Guid carParkId, SpaceMoveInput input, bool entering, CancellationToken ct)
    {
        var space = await db.Set<CarParkSpace>().FirstOrDefaultAsync(s => s.Id == input.CarParkSpaceId && s.CarParkId == carParkId, ct)
            ?? throw ValidationException.For("carParkSpaceId", "该停车场没有这个车位", "The car park has no such space");
        if (entering)
        {
            var plate = string.IsNullOrWhiteSpace(input.Plate) ? null : Plates.Normalize(input.Plate);
            // A repeat violator's suspended pass (万科#15) stops the car here, where the guard checks it in.
            if (
                plate is not null
                && await db.Set<ViolationStep>()
                    .Where(ViolationStep.InForce)
                    .Where(s => s.ProjectId == space.ProjectId && s.Plate == plate)
                    .OrderByDescending(s => s.TakenAt)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.TakenAt, s.TakenByName })
                    .FirstOrDefaultAsync(ct)
                    is { } suspended
            )
                throw new RuleException(
                    "parking_pass.suspended",
                    $"车辆 {plate} 的通行证已于 {ChinaTime.Text(suspended.TakenAt)} 被{suspended.TakenByName}停用（违停累犯），不得驶入",
                    $"The pass of {plate} was suspended at {ChinaTime.Text(suspended.TakenAt)} by {suspended.TakenByName} "
                        + "(repeat violator): it may not enter"
                );
            space.Enter(plate, clock.GetUtcNow());
        }
        else
            space.Leave();
        await db.SaveChangesAsync(ct);
        return space;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/car-parks").WithTags("Security");
        g.MapGet("/", async (CarParkHandler h, Guid? projectId, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(projectId, ct)))
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary(
                "The availability board: each car park in scope with its free and taken spaces by kind (fixed, rented, temporary)"
            );
        g.MapPost("/", async Task<Created<CarParkBoardDto>> (CarParkHandler h, CarParkInput body, CancellationToken ct) =>
            {
                var park = await h.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/car-parks/{park.Id}", await h.BoardAsync(park.Id, ct));
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Set up a car park with the project's registered parking spaces (those at location, if given) on no board yet");
        g.MapGet("/{id:guid}", async (CarParkHandler h, Guid id, CancellationToken ct) => TypedResults.Ok(await h.BoardAsync(id, ct)))
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One car park's board: every space, free or taken (by which plate, since when)");
        g.MapPost("/{id:guid}/entries", async (CarParkHandler h, Guid id, SpaceMoveInput body, CancellationToken ct) =>
            {
                var s = await h.MoveAsync(id, body, true, ct);
                return TypedResults.Ok(new SpaceDto(s.Id, s.Code, s.Kind, s.Taken, s.Plate, s.TakenAt));
            })
            .RequireRoles(SecurityRoles.ParkingRecorders)
            .WithSummary(
                "A car enters a space {carParkSpaceId, plate?} (409 car_park_space.taken when it is taken, parking_pass.suspended when "
                    + "the car's pass is suspended)"
            );
        g.MapPost("/{id:guid}/exits", async (CarParkHandler h, Guid id, SpaceMoveInput body, CancellationToken ct) =>
            {
                var s = await h.MoveAsync(id, body, false, ct);
                return TypedResults.Ok(new SpaceDto(s.Id, s.Code, s.Kind, s.Taken, s.Plate, s.TakenAt));
            })
            .RequireRoles(SecurityRoles.ParkingRecorders)
            .WithSummary("A car leaves a space {carParkSpaceId} (409 car_park_space.free when it is free)");
    }
}
