using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Zones;

internal sealed record ZoneDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    Guid? StewardUserId,
    string? StewardName,
    int Buildings,
    int Units,
    bool Archived,
    uint Version
);

internal sealed record ZoneInput(Guid? ProjectId, string? Name, Guid? StewardUserId, uint? Version) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "片区名称", "Zone name").MaxLength("name", Name, 100, "片区名称", "Zone name");
}

/// <summary>/api/v1/zones: a project's zones, each with its steward.</summary>
internal static class Zones
{
    internal static IQueryable<Zone> Filter(WuyeDb db, Guid? projectId, string? q, bool? archived)
    {
        var query = db.Zones().AsNoTracking().Where(z => (z.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(z => z.ProjectId == p);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(z => z.Name.Contains(q.Trim()));
        return query.OrderBy(z => z.Name).ThenBy(z => z.Id);
    }

    internal static IQueryable<ZoneDto> Dto(WuyeDb db, IQueryable<Zone> q) =>
        q.Select(z => new ZoneDto(
            z.Id,
            z.ProjectId,
            z.Name,
            z.StewardUserId,
            db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Buildings().Count(b => b.ZoneId == z.Id && b.ArchivedAt == null),
            db.Units().Count(u => u.ZoneId == z.Id && u.ArchivedAt == null),
            z.ArchivedAt != null,
            z.Version
        ));

    private static Task<ZoneDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Zones().AsNoTracking().Where(z => z.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/zones").WithTags("Zones");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await Dto(db, Filter(db, projectId, q, archived)).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Zones the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, string? q, bool? archived, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    Dto(db, Filter(db, projectId, q, archived)),
                    format,
                    "片区",
                    "zones",
                    [
                        new("片区", "Zone", z => z.Name),
                        new("管家", "Steward", z => z.StewardName),
                        new("楼栋数", "Buildings", z => z.Buildings.ToString()),
                        new("房屋数", "Units", z => z.Units.ToString()),
                    ],
                    ct
                )
            )
            .WithSummary("The filtered zone list as .xlsx or .csv");
        g.MapOne(FindAsync, "One zone");
        g.MapCreate(
            "zones",
            async (WuyeDb db, ZoneInput body, CancellationToken ct) =>
            {
                var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                var zone = new Zone
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Name = body.Name!.Trim(),
                };
                await ApplyAsync(db, zone, body, ct);
                return zone;
            },
            FindAsync,
            "Create a zone",
            Registers.Managers
        );
        g.MapEdit(
            async (WuyeDb db, Zone zone, ZoneInput body, CancellationToken ct) =>
            {
                zone.Name = body.Name!.Trim();
                await ApplyAsync(db, zone, body, ct);
            },
            FindAsync,
            "Rename a zone or change its steward",
            Registers.Managers
        );
        g.MapArchive<Zone>("zone", Registers.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Zone zone, ZoneInput body, CancellationToken ct)
    {
        if (await db.Zones().AnyAsync(z => z.ProjectId == zone.ProjectId && z.Name == zone.Name && z.Id != zone.Id, ct))
            throw new RuleException(
                "zone.duplicate_name",
                $"本项目已有名为“{zone.Name}”的片区",
                $"The project already has a zone named \"{zone.Name}\""
            );
        // The steward must be staff of this company; the grant of the steward role itself is a role assignment.
        if (body.StewardUserId is { } steward && !await db.Users.AnyAsync(u => u.Id == steward && u.CompanyId == zone.CompanyId, ct))
            throw ValidationException.For(
                "stewardUserId",
                "管家必须是本公司的员工账号",
                "The steward must be a staff account of this company"
            );
        zone.StewardUserId = body.StewardUserId;
    }
}
