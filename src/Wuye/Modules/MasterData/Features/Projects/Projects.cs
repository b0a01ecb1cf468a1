using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Projects;

internal sealed record ProjectDto(
    Guid Id,
    Guid CompanyId,
    string CompanyName,
    string Name,
    ProjectKind Kind,
    string? Address,
    int Zones,
    int Buildings,
    int Units,
    bool Archived,
    uint Version
);

internal sealed record ProjectInput(Guid? CompanyId, string? Name, ProjectKind? Kind, string? Address) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("companyId", CompanyId, "所属公司", "Company")
            .Required("name", Name, "项目名称", "Project name")
            .MaxLength("name", Name, 100, "项目名称", "Project name")
            .Required("kind", Kind, "项目类型", "Project kind")
            .MaxLength("address", Address, 200, "地址", "Address");
}

internal sealed record ProjectUpdate(string? Name, ProjectKind? Kind, string? Address, uint? Version) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "项目名称", "Project name")
            .MaxLength("name", Name, 100, "项目名称", "Project name")
            .Required("kind", Kind, "项目类型", "Project kind")
            .MaxLength("address", Address, 200, "地址", "Address");
}

/// <summary>/api/v1/projects: a company's residential estates and office buildings.</summary>
internal static class Projects
{
    internal static IQueryable<Project> Filter(WuyeDb db, string? q, Guid? companyId, ProjectKind? kind, bool? archived)
    {
        var query = db.Projects().AsNoTracking().Where(p => (p.ArchivedAt != null) == (archived ?? false));
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(p => p.Name.Contains(q.Trim()) || (p.Address != null && p.Address.Contains(q.Trim())));
        if (companyId is { } c)
            query = query.Where(p => p.CompanyId == c);
        if (kind is { } k)
            query = query.Where(p => p.Kind == k);
        return query.OrderBy(p => p.Name).ThenBy(p => p.Id);
    }

    internal static IQueryable<ProjectDto> Dto(WuyeDb db, IQueryable<Project> q) =>
        q.Select(p => new ProjectDto(
            p.Id,
            p.CompanyId,
            db.Companies().Where(c => c.Id == p.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "",
            p.Name,
            p.Kind,
            p.Address,
            db.Zones().Count(z => z.ProjectId == p.Id && z.ArchivedAt == null),
            db.Buildings().Count(b => b.ProjectId == p.Id && b.ArchivedAt == null),
            db.Units().Count(u => u.ProjectId == p.Id && u.ArchivedAt == null),
            p.ArchivedAt != null,
            p.Version
        ));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/projects").WithTags("Projects");

        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    string? q,
                    Guid? companyId,
                    ProjectKind? kind,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await Dto(db, Filter(db, q, companyId, kind, archived)).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Projects the user may see");
        g.MapGet(
                "/export",
                (WuyeDb db, string? q, Guid? companyId, ProjectKind? kind, bool? archived, string? format, CancellationToken ct) =>
                    Registers.ExportAsync(
                        Dto(db, Filter(db, q, companyId, kind, archived)),
                        format,
                        "项目",
                        "projects",
                        [
                            new("公司", "Company", p => p.CompanyName),
                            new("项目", "Project", p => p.Name),
                            new("类型", "Kind", p => Names.Project(p.Kind)),
                            new("地址", "Address", p => p.Address),
                            new("片区数", "Zones", p => p.Zones.ToString()),
                            new("楼栋数", "Buildings", p => p.Buildings.ToString()),
                            new("房屋数", "Units", p => p.Units.ToString()),
                        ],
                        ct
                    )
            )
            .WithSummary("The filtered project list as .xlsx or .csv");
        g.MapArchive<Project>("project", Roles.CompanyManager);
        g.MapOne((db, id, ct) => Dto(db, db.Projects().AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct), "One project");

        g.MapPost("/", async Task<Created<ProjectDto>> (WuyeDb db, ProjectInput body, CancellationToken ct) =>
            {
                var name = body.Name!.Trim();
                // One round trip for both checks; the unique index still settles a race between two creators.
                var company = await CompanyForNewProject(db, body.CompanyId!.Value, name)
                    ?? throw ValidationException.For("companyId", "所属公司不存在或无权访问", "Company not found, or not yours");
                if (company.Duplicate)
                    throw DuplicateName(name);
                var project = new Project
                {
                    CompanyId = company.Id,
                    Name = name,
                    Kind = body.Kind!.Value,
                    Address = body.Address?.Trim(),
                };
                db.Projects().Add(project);
                await db.SaveChangesAsync(ct);
                // A new project has no zones, buildings or units yet: answer from memory, no read-back.
                var dto = new ProjectDto(
                    project.Id,
                    company.Id,
                    company.Name,
                    project.Name,
                    project.Kind,
                    project.Address,
                    0,
                    0,
                    0,
                    false,
                    project.Version
                );
                return TypedResults.Created($"/api/v1/projects/{project.Id}", dto);
            })
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("Create a project");

        g.MapPut(
                "/{id:guid}",
                async Task<Results<Ok<ProjectDto>, NotFound>> (WuyeDb db, Guid id, ProjectUpdate body, CancellationToken ct) =>
                {
                    var project = await db.Projects().FirstOrDefaultAsync(p => p.Id == id, ct);
                    if (project is null)
                        return TypedResults.NotFound();
                    if (body.Version is { } v && v != project.Version)
                        throw new RuleException(
                            "concurrency",
                            "项目已被他人修改，请刷新后重试",
                            "Someone else changed this project; reload and try again"
                        );
                    var name = body.Name!.Trim();
                    if (await db.Projects().AnyAsync(p => p.CompanyId == project.CompanyId && p.Name == name && p.Id != id, ct))
                        throw DuplicateName(name);
                    project.Name = name;
                    project.Kind = body.Kind!.Value;
                    project.Address = body.Address?.Trim();
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(await Dto(db, db.Projects().AsNoTracking().Where(p => p.Id == id)).FirstAsync(ct));
                }
            )
            .RequireRoles(Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary("Edit a project");
    }

    private static RuleException DuplicateName(string name) =>
        new("project.duplicate_name", $"本公司已有名为“{name}”的项目", $"The company already has a project named \"{name}\"");

    private sealed record CompanyCheck(Guid Id, string Name, bool Duplicate);

    private static readonly Func<WuyeDb, Guid, string, Task<CompanyCheck?>> CompanyForNewProject = EF.CompileAsyncQuery(
        (WuyeDb db, Guid companyId, string name) =>
            db.Companies()
                .Where(c => c.Id == companyId)
                .Select(c => new CompanyCheck(c.Id, c.Name, db.Projects().Any(p => p.CompanyId == c.Id && p.Name == name)))
                .FirstOrDefault()
    );
}
