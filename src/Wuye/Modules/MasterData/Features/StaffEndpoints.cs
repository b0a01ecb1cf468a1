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

public sealed record TeamDto(Guid Id, Guid CompanyId, Guid? ProjectId, string Name, TeamKind Kind, Guid? VendorId, string? VendorName, int Members, bool Archived, uint Version);
public sealed record StaffDto(Guid Id, Guid CompanyId, Guid? ProjectId, Guid? TeamId, string? TeamName, Guid? VendorId, string Name, string? Phone, string? Position, bool IsLeader, bool Archived, uint Version);

public sealed record TeamInput(Guid? CompanyId, Guid? ProjectId, string? Name, TeamKind? Kind, Guid? VendorId, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("name", Name, "班组名称", "Team name").MaxLength("name", Name, 50, "班组名称", "Team name").Required("kind", Kind, "班组类型", "Kind");
}

public sealed record StaffInput(Guid? TeamId, Guid? ProjectId, Guid? CompanyId, string? Name, string? Phone, string? Position, bool? IsLeader, Guid? VendorId, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("name", Name, "姓名", "Name").MaxLength("name", Name, 50, "姓名", "Name").Phone("phone", Phone)
        .MaxLength("position", Position, 50, "岗位", "Position");
}

/// <summary>/api/v1/teams (班组) and /api/v1/staff: who does the work on a project, own staff or a vendor's.</summary>
internal static class StaffEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        MapTeams(api.MapGroup("/teams").WithTags("Teams"));
        MapStaff(api.MapGroup("/staff").WithTags("Staff"));
    }

    internal static IQueryable<TeamDto> TeamsList(WuyeDb db, Guid? projectId, TeamKind? kind, string? q, bool? archived)
        {
            var query = db.Set<Team>().AsNoTracking().Where(t => (t.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(t => t.ProjectId == p);
            if (kind is { } k) query = query.Where(t => t.Kind == k);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(t => t.Name.Contains(q.Trim()));
            return Teams(db, query.OrderBy(t => t.Name).ThenBy(t => t.Id));
        }

    private static void MapTeams(RouteGroupBuilder g)
    {
        var List = TeamsList;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, TeamKind? kind, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await List(db, projectId, kind, q, archived).ToPagedAsync(page, pageSize, ct))).WithSummary("Teams (班组)");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, TeamKind? kind, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, projectId, kind, q, archived), format, "班组", "teams",
                [Loc.T("班组", "Team"), Loc.T("类型", "Kind"), Loc.T("外包单位", "Vendor"), Loc.T("人数", "Members")],
                t => [t.Name, KindName(t.Kind), t.VendorName, t.Members.ToString()], ct)).WithSummary("The filtered list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<TeamDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Teams(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound())
            .WithSummary("One team");
        g.MapPost("/", async Task<Created<TeamDto>> (WuyeDb db, TeamInput body, CancellationToken ct) =>
        {
            Team team;
            if (body.ProjectId is not null)
            {
                var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                team = new Team { CompanyId = project.CompanyId, ProjectId = project.Id, Name = body.Name!.Trim() };
            }
            else
            {
                var company = await Api.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
                team = new Team { CompanyId = company.Id, Name = body.Name!.Trim() };
            }
            await ApplyAsync(db, team, body, ct);
            db.Add(team);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/teams/{team.Id}", await Teams(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == team.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Create a team on a project (or company-wide without projectId)");
        g.MapPut("/{id:guid}", async Task<Results<Ok<TeamDto>, NotFound>> (WuyeDb db, Guid id, TeamInput body, CancellationToken ct) =>
        {
            var team = await db.Set<Team>().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (team is null) return TypedResults.NotFound();
            Api.CheckVersion(team, body.Version);
            team.Name = body.Name!.Trim();
            await ApplyAsync(db, team, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Teams(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Edit a team");
        g.MapArchive<Team>("team", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Team team, TeamInput body, CancellationToken ct)
    {
        if (await db.Set<Team>().AnyAsync(t => t.CompanyId == team.CompanyId && t.ProjectId == team.ProjectId && t.Name == team.Name && t.Id != team.Id, ct))
            throw new RuleException("team.duplicate_name", $"已有名为“{team.Name}”的班组", $"There is already a team named \"{team.Name}\"");
        if (body.VendorId is { } v && !await db.Set<Vendor>().AnyAsync(x => x.Id == v && x.CompanyId == team.CompanyId, ct))
            throw Api.Invalid("vendorId", "外包单位不存在或不属于本公司", "The vendor is not one of this company's");
        team.Kind = body.Kind!.Value;
        team.VendorId = body.VendorId;
    }

    internal static IQueryable<TeamDto> Teams(WuyeDb db, IQueryable<Team> q) =>
        q.Select(t => new TeamDto(t.Id, t.CompanyId, t.ProjectId, t.Name, t.Kind, t.VendorId,
            db.Set<Vendor>().Where(v => v.Id == t.VendorId).Select(v => v.Name).FirstOrDefault(),
            db.Set<StaffMember>().Count(s => s.TeamId == t.Id && s.ArchivedAt == null), t.ArchivedAt != null, t.Version));

    public static string KindName(TeamKind k) => k switch
    {
        TeamKind.Security => Loc.T("秩序维护", "Security"),
        TeamKind.Engineering => Loc.T("工程维修", "Engineering"),
        TeamKind.Cleaning => Loc.T("保洁", "Cleaning"),
        TeamKind.Greening => Loc.T("绿化", "Greening"),
        TeamKind.CustomerService => Loc.T("客服", "Customer service"),
        _ => Loc.T("其他", "Other"),
    };

    internal static IQueryable<StaffDto> StaffList(WuyeDb db, Guid? projectId, Guid? teamId, string? q, bool? archived)
        {
            var query = db.Set<StaffMember>().AsNoTracking().Where(s => (s.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(s => s.ProjectId == p);
            if (teamId is { } t) query = query.Where(s => s.TeamId == t);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(s => s.Name.Contains(q.Trim()) || (s.Position != null && s.Position.Contains(q.Trim())));
            return Staff(db, query.OrderBy(s => s.Name).ThenBy(s => s.Id));
        }

    private static void MapStaff(RouteGroupBuilder g)
    {
        var List = StaffList;
        IQueryable<StaffDto> One(WuyeDb db, Guid id) => Staff(db, db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == id));
        static StaffDto Masked(StaffDto s) => s with { Phone = Mask.Phone(s.Phone) };
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? teamId, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
        {
            var paged = await List(db, projectId, teamId, q, archived).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(Masked)] });
        }).WithSummary("Staff, own and outsourced; phones masked");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? teamId, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, projectId, teamId, q, archived), format, "员工", "staff",
                [Loc.T("姓名", "Name"), Loc.T("班组", "Team"), Loc.T("岗位", "Position"), Loc.T("手机", "Phone")],
                s => [s.Name, s.TeamName, s.Position, Mask.Phone(s.Phone)], ct)).WithSummary("The filtered list as .xlsx or .csv, phones masked");
        g.MapGet("/{id:guid}", async Task<Results<Ok<StaffDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await One(db, id).FirstOrDefaultAsync(ct) is { } s ? TypedResults.Ok(Masked(s)) : TypedResults.NotFound())
            .WithSummary("One staff member");
        g.MapPost("/", async Task<Created<StaffDto>> (WuyeDb db, StaffInput body, CancellationToken ct) =>
        {
            StaffMember staff;
            if (body.TeamId is not null)
            {
                var team = await Api.ParentAsync(db.Set<Team>(), body.TeamId, "teamId", "班组", "Team", ct);
                staff = new StaffMember { CompanyId = team.CompanyId, ProjectId = team.ProjectId, TeamId = team.Id, VendorId = team.VendorId, Name = body.Name!.Trim() };
            }
            else if (body.ProjectId is not null)
            {
                var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                staff = new StaffMember { CompanyId = project.CompanyId, ProjectId = project.Id, Name = body.Name!.Trim() };
            }
            else
            {
                var company = await Api.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
                staff = new StaffMember { CompanyId = company.Id, Name = body.Name!.Trim() };
            }
            Apply(staff, body);
            db.Add(staff);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/staff/{staff.Id}", Masked(await One(db, staff.Id).FirstAsync(ct)));
        }).RequireRoles(Api.Managers).WithSummary("Register a staff member, in a team or on a project");
        g.MapPut("/{id:guid}", async Task<Results<Ok<StaffDto>, NotFound>> (WuyeDb db, Guid id, StaffInput body, CancellationToken ct) =>
        {
            var staff = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (staff is null) return TypedResults.NotFound();
            Api.CheckVersion(staff, body.Version);
            if (body.TeamId is { } teamId && teamId != staff.TeamId)
            {
                var team = await db.Set<Team>().FirstOrDefaultAsync(t => t.Id == teamId && t.CompanyId == staff.CompanyId && t.ProjectId == staff.ProjectId, ct)
                    ?? throw Api.Invalid("teamId", "班组不在此人所在的项目", "The team is not on this person's project");
                staff.TeamId = team.Id;
                staff.VendorId = team.VendorId;
            }
            staff.Name = body.Name!.Trim();
            Apply(staff, body);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(Masked(await One(db, id).FirstAsync(ct)));
        }).RequireRoles(Api.Managers).WithSummary("Edit a staff member or move them to another team of the project");
        g.MapArchive<StaffMember>("staff", Api.Managers);
    }

    internal static IQueryable<StaffDto> Staff(WuyeDb db, IQueryable<StaffMember> q) =>
        q.Select(s => new StaffDto(s.Id, s.CompanyId, s.ProjectId, s.TeamId,
            db.Set<Team>().Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault(), s.VendorId, s.Name, s.Phone, s.Position, s.IsLeader, s.ArchivedAt != null, s.Version));

    private static void Apply(StaffMember staff, StaffInput body)
    {
        // Absent keeps the stored (masked on screen) number, empty clears it.
        if (body.Phone is not null) staff.Phone = string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim();
        staff.Position = body.Position?.Trim();
        staff.IsLeader = body.IsLeader ?? false;
    }
}
