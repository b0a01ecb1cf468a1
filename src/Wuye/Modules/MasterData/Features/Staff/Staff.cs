using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Staff;

internal sealed record StaffDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    Guid? TeamId,
    string? TeamName,
    Guid? VendorId,
    string Name,
    string? Phone,
    string? Position,
    bool IsLeader,
    bool Archived,
    uint Version,
    bool HasAccount
);

internal sealed record StaffInput(
    Guid? TeamId,
    Guid? ProjectId,
    Guid? CompanyId,
    string? Name,
    string? Phone,
    string? Position,
    bool? IsLeader,
    Guid? VendorId,
    uint? Version
) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "姓名", "Name")
            .MaxLength("name", Name, 50, "姓名", "Name")
            .Phone("phone", Phone)
            .MaxLength("position", Position, 50, "岗位", "Position");
}

/// <summary>/api/v1/staff: security, engineering, cleaning and service staff, own or a vendor's, with their team; phones masked.</summary>
internal static class Staff
{
    internal static IQueryable<StaffDto> List(WuyeDb db, Guid? projectId, Guid? teamId, string? q, bool? archived)
    {
        var query = db.Set<StaffMember>().AsNoTracking().Where(s => (s.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(s => s.ProjectId == p);
        if (teamId is { } t)
            query = query.Where(s => s.TeamId == t);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(s => s.Name.Contains(q.Trim()) || (s.Position != null && s.Position.Contains(q.Trim())));
        return Dto(db, query.OrderBy(s => s.Name).ThenBy(s => s.Id));
    }

    internal static IQueryable<StaffDto> Dto(WuyeDb db, IQueryable<StaffMember> q) =>
        q.Select(s => new StaffDto(
            s.Id,
            s.CompanyId,
            s.ProjectId,
            s.TeamId,
            db.Set<Team>().Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault(),
            s.VendorId,
            s.Name,
            s.Phone,
            s.Position,
            s.IsLeader,
            s.ArchivedAt != null,
            s.Version,
            s.UserId != null
        ));

    private static Task<StaffDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);

    private static StaffDto Masked(StaffDto s) => s with { Phone = Mask.Phone(s.Phone) };

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/staff").WithTags("Staff");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? teamId,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var paged = await List(db, projectId, teamId, q, archived).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(Masked)] });
                }
            )
            .WithSummary("Staff, own and outsourced; phones masked");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? teamId, string? q, bool? archived, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    List(db, projectId, teamId, q, archived),
                    format,
                    "员工",
                    "staff",
                    [
                        new("姓名", "Name", s => s.Name),
                        new("班组", "Team", s => s.TeamName),
                        new("岗位", "Position", s => s.Position),
                        new("手机", "Phone", s => Mask.Phone(s.Phone)),
                    ],
                    ct
                )
            )
            .WithSummary("The filtered list as .xlsx or .csv, phones masked");
        g.MapOne(FindAsync, "One staff member", (_, s, _) => Task.FromResult(Masked(s)));
        g.MapCreate(
            "staff",
            async (WuyeDb db, StaffInput body, CancellationToken ct) =>
            {
                StaffMember staff;
                if (body.TeamId is not null)
                {
                    var team = await Registers.ParentAsync(db.Set<Team>(), body.TeamId, "teamId", "班组", "Team", ct);
                    staff = new StaffMember
                    {
                        CompanyId = team.CompanyId,
                        ProjectId = team.ProjectId,
                        TeamId = team.Id,
                        VendorId = team.VendorId,
                        Name = body.Name!.Trim(),
                    };
                }
                else if (body.ProjectId is not null)
                {
                    var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                    staff = new StaffMember
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        Name = body.Name!.Trim(),
                    };
                }
                else
                {
                    var company = await Registers.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
                    staff = new StaffMember { CompanyId = company.Id, Name = body.Name!.Trim() };
                }
                staff.Describe(body.Phone, body.Position, body.IsLeader ?? false);
                return staff;
            },
            FindAsync,
            "Register a staff member, in a team or on a project",
            Registers.Managers,
            Masked
        );
        g.MapEdit(
            async (WuyeDb db, StaffMember staff, StaffInput body, CancellationToken ct) =>
            {
                if (body.TeamId is { } teamId && teamId != staff.TeamId)
                    staff.JoinTeam(
                        await db.Set<Team>()
                            .FirstOrDefaultAsync(
                                t => t.Id == teamId && t.CompanyId == staff.CompanyId && t.ProjectId == staff.ProjectId,
                                ct
                            )
                            ?? throw ValidationException.For("teamId", "班组不在此人所在的项目", "The team is not on this person's project")
                    );
                staff.Name = body.Name!.Trim();
                staff.Describe(body.Phone, body.Position, body.IsLeader ?? false);
            },
            FindAsync,
            "Edit a staff member or move them to another team of the project",
            Registers.Managers,
            Masked
        );
        // Archiving a staff member shuts their account too, in the same transaction: no sign-in,
        // and every session, token and refresh token of theirs ends at once (Accounts.DisableAsync).
        g.MapPost(
                "/{id:guid}/archive",
                async Task<Results<NoContent, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    UserManager<AppUser> users,
                    TimeProvider clock,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    var staff = await db.Set<StaffMember>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (staff is null)
                        return TypedResults.NotFound();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    staff.Archive("staff", clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    if (staff.UserId is { } userId && await users.FindByIdAsync(userId.ToString()) is { } user)
                        await accounts.DisableAsync(user);
                    await tx.CommitAsync(ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(Registers.Managers)
            .WithSummary("Archive: leaves the lists, keeps its history; the staff member's account is disabled and signed out everywhere");
    }
}
