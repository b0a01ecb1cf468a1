using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ParkingSpaces;

internal sealed record ParkingSpaceDto(
    Guid Id,
    Guid ProjectId,
    string Code,
    ParkingKind Kind,
    string? Location,
    bool HasLock,
    Guid? UnitId,
    string? UnitName,
    string? HolderName,
    bool Archived,
    uint Version
);

internal sealed record ParkingSpaceInput(
    Guid? ProjectId,
    string? Code,
    ParkingKind? Kind,
    string? Location,
    bool? HasLock,
    Guid? UnitId,
    uint? Version
) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("code", Code, "车位编号", "Space code")
            .MaxLength("code", Code, 30, "车位编号", "Space code")
            .Required("kind", Kind, "车位类型", "Kind")
            .MaxLength("location", Location, 100, "位置", "Location");
}

/// <summary>/api/v1/parking-spaces: fixed, rented and public spaces; a held space points at its unit.</summary>
internal static class ParkingSpaces
{
    internal static IQueryable<ParkingSpaceDto> List(WuyeDb db, Guid? projectId, ParkingKind? kind, string? q, bool? archived)
    {
        var query = db.Set<ParkingSpace>().AsNoTracking().Where(s => (s.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(s => s.ProjectId == p);
        if (kind is { } k)
            query = query.Where(s => s.Kind == k);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(s => s.Code.Contains(q.Trim()) || (s.Location != null && s.Location.Contains(q.Trim())));
        return Dto(db, query.OrderBy(s => s.Code).ThenBy(s => s.Id));
    }

    internal static IQueryable<ParkingSpaceDto> Dto(WuyeDb db, IQueryable<ParkingSpace> q) =>
        q.Select(s => new ParkingSpaceDto(
            s.Id,
            s.ProjectId,
            s.Code,
            s.Kind,
            s.Location,
            s.HasLock,
            s.UnitId,
            db.UnitRefs().Where(u => u.Id == s.UnitId).Select(u => u.Label).FirstOrDefault(),
            db.People().Where(p => p.Id == s.HolderPersonId).Select(p => p.Name).FirstOrDefault(),
            s.ArchivedAt != null,
            s.Version
        ));

    private static Task<ParkingSpaceDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/parking-spaces").WithTags("Parking spaces");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    ParkingKind? kind,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await List(db, projectId, kind, q, archived).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Parking spaces the user may see");
        g.MapGet(
                "/export",
                (WuyeDb db, Guid? projectId, ParkingKind? kind, string? q, bool? archived, string? format, CancellationToken ct) =>
                    Registers.ExportAsync(
                        List(db, projectId, kind, q, archived),
                        format,
                        "车位",
                        "parking-spaces",
                        [
                            new("车位编号", "Space code", s => s.Code),
                            new("类型", "Kind", s => Names.Parking(s.Kind)),
                            new("位置", "Location", s => s.Location),
                            new("车位锁", "Lock", s => TableFile.YesNo(s.HasLock)),
                            new("所属房屋", "Unit", s => s.UnitName),
                            new("持有人", "Holder", s => s.HolderName),
                        ],
                        ct
                    )
            )
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapOne(FindAsync, "One parking space");
        g.MapCreate(
            "parking-spaces",
            async (WuyeDb db, ParkingSpaceInput body, CancellationToken ct) =>
            {
                var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                var space = new ParkingSpace
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Code = body.Code!.Trim(),
                };
                await ApplyAsync(db, space, body, ct);
                return space;
            },
            FindAsync,
            "Register a parking space",
            Registers.Managers
        );
        g.MapEdit(
            async (WuyeDb db, ParkingSpace space, ParkingSpaceInput body, CancellationToken ct) =>
            {
                space.Code = body.Code!.Trim();
                await ApplyAsync(db, space, body, ct);
            },
            FindAsync,
            "Edit a parking space (kind, holder unit, lock)",
            Registers.Managers
        );
        g.MapArchive<ParkingSpace>("parking_space", Registers.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, ParkingSpace space, ParkingSpaceInput body, CancellationToken ct)
    {
        if (await db.Set<ParkingSpace>().AnyAsync(s => s.ProjectId == space.ProjectId && s.Code == space.Code && s.Id != space.Id, ct))
            throw new RuleException(
                "parking_space.duplicate_code",
                $"本项目已有车位 {space.Code}",
                $"The project already has space {space.Code}"
            );
        Unit? unit = null;
        Guid? holder = null;
        if (body.UnitId is { } unitId)
        {
            unit = await db.Units().FirstOrDefaultAsync(u => u.Id == unitId && u.ProjectId == space.ProjectId, ct)
                ?? throw ValidationException.For("unitId", "房屋不属于这个项目", "The unit is not in this project");
            holder = await db.UnitOccupants()
                .Where(o => o.UnitId == unit.Id && o.Relation == OccupantRelation.Owner)
                .Select(o => (Guid?)o.PersonId)
                .FirstOrDefaultAsync(ct);
        }
        space.Assign(body.Kind!.Value, body.Location?.Trim(), body.HasLock ?? false, unit, holder);
    }
}
