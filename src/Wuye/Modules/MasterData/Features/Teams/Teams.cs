using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Teams;

internal sealed record TeamDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    string Name,
    TeamKind Kind,
    Guid? VendorId,
    string? VendorName,
    int Members,
    bool Archived,
    uint Version
);

internal sealed record TeamInput(Guid? CompanyId, Guid? ProjectId, string? Name, TeamKind? Kind, Guid? VendorId, uint? Version)
    : IValidatable,
        IVersioned
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "班组名称", "Team name")
            .MaxLength("name", Name, 50, "班组名称", "Team name")
            .Required("kind", Kind, "班组类型", "Kind");
}

/// <summary>/api/v1/teams (班组): who does the work on a project, own staff or a vendor's crew.</summary>
internal static class Teams
{
    internal static IQueryable<TeamDto> List(WuyeDb db, Guid? projectId, TeamKind? kind, string? q, bool? archived)
    {
        var query = db.Set<Team>().AsNoTracking().Where(t => (t.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(t => t.ProjectId == p);
        if (kind is { } k)
            query = query.Where(t => t.Kind == k);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(t => t.Name.Contains(q.Trim()));
        return Dto(db, query.OrderBy(t => t.Name).ThenBy(t => t.Id));
    }

    internal static IQueryable<TeamDto> Dto(WuyeDb db, IQueryable<Team> q) =>
        q.Select(t => new TeamDto(
            t.Id,
            t.CompanyId,
            t.ProjectId,
            t.Name,
            t.Kind,
            t.VendorId,
            db.Set<Vendor>().Where(v => v.Id == t.VendorId).Select(v => v.Name).FirstOrDefault(),
            db.Set<StaffMember>().Count(s => s.TeamId == t.Id && s.ArchivedAt == null),
            t.ArchivedAt != null,
            t.Version
        ));

    private static Task<TeamDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/teams").WithTags("Teams");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    TeamKind? kind,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await List(db, projectId, kind, q, archived).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Teams (班组)");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, TeamKind? kind, string? q, bool? archived, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    List(db, projectId, kind, q, archived),
                    format,
                    "班组",
                    "teams",
                    [
                        new("班组", "Team", t => t.Name),
                        new("类型", "Kind", t => Names.Team(t.Kind)),
                        new("外包单位", "Vendor", t => t.VendorName),
                        new("人数", "Members", t => t.Members.ToString()),
                    ],
                    ct
                )
            )
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapOne(FindAsync, "One team");
        g.MapCreate(
            "teams",
            async (WuyeDb db, TeamInput body, CancellationToken ct) =>
            {
                Team team;
                if (body.ProjectId is not null)
                {
                    var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                    team = new Team
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        Name = body.Name!.Trim(),
                    };
                }
                else
                {
                    var company = await Registers.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
                    team = new Team { CompanyId = company.Id, Name = body.Name!.Trim() };
                }
                await ApplyAsync(db, team, body, ct);
                return team;
            },
            FindAsync,
            "Create a team on a project (or company-wide without projectId)",
            Registers.Managers
        );
        g.MapEdit(
            async (WuyeDb db, Team team, TeamInput body, CancellationToken ct) =>
            {
                team.Name = body.Name!.Trim();
                await ApplyAsync(db, team, body, ct);
            },
            FindAsync,
            "Edit a team",
            Registers.Managers
        );
        g.MapArchive<Team>("team", Registers.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Team team, TeamInput body, CancellationToken ct)
    {
        if (
            await db.Set<Team>()
                .AnyAsync(t => t.CompanyId == team.CompanyId && t.ProjectId == team.ProjectId && t.Name == team.Name && t.Id != team.Id, ct)
        )
            throw new RuleException(
                "team.duplicate_name",
                $"已有名为“{team.Name}”的班组",
                $"There is already a team named \"{team.Name}\""
            );
        if (body.VendorId is { } v && !await db.Set<Vendor>().AnyAsync(x => x.Id == v && x.CompanyId == team.CompanyId, ct))
            throw ValidationException.For("vendorId", "外包单位不存在或不属于本公司", "The vendor is not one of this company's");
        team.Kind = body.Kind!.Value;
        team.VendorId = body.VendorId;
    }
}
