using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Features.AssignRole;
using Wuye.Modules.MasterData.Pages;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using RoleGrants = Wuye.Modules.MasterData.Features.AssignRole.AssignRole;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>Who holds which role where, with a grant form and revoke buttons; the API decides who may grant what.</summary>
internal sealed class RoleAssignmentsModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<RoleAssignmentDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public List<Option> Projects { get; private set; } = [];
    public RecordForm Form { get; private set; } = null!;

    private static readonly Field[] Fields =
    [
        new("userId", "用户", "User", FieldType.Select, true),
        new("role", "角色", "Role", FieldType.Select, true),
        new("companyId", "公司（公司级角色）", "Company (company-level roles)", FieldType.Select),
        new("projectId", "项目", "Project", FieldType.Select),
        new("zoneId", "片区（管家）", "Zone (stewards)", FieldType.Select),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.IsGlobal && !scope.HasRole(Roles.CompanyManager) && !scope.HasRole(Roles.ProjectManager))
            return Forbid();
        Projects = await RecordKinds.ProjectOptions(db, new(null, null), ct);
        Result = await RoleGrants
            .List(db, null, ProjectId, null)
            .ToPagedAsync(Math.Clamp(PageNumber ?? 1, 1, Paging.MaxPage), Paging.DefaultPageSize, ct);
        var companies = scope.StaffCompanies;
        var options = new Dictionary<string, List<Option>>
        {
            ["userId"] = await db
                .Users.AsNoTracking()
                .Where(u => scope.IsGlobal || (u.CompanyId != null && companies.Contains(u.CompanyId.Value)))
                .OrderBy(u => u.DisplayName)
                .Take(2000)
                .Select(u => new Option(u.Id.ToString(), u.DisplayName + " (" + u.UserName + ")"))
                .ToListAsync(ct),
            ["role"] =
            [
                .. Roles
                    .All.Where(r => scope.IsGlobal || r.Level >= Roles.RoleLevel.Company)
                    .Select(r => new Option(r.Code, Loc.T(r.Zh, r.En))),
            ],
            ["companyId"] = await RecordKinds.CompanyOptions(db, new(null, null), ct),
            ["projectId"] = Projects,
            ["zoneId"] = await db.Zones()
                .AsNoTracking()
                .Where(z => z.ArchivedAt == null)
                .Join(
                    db.Projects(),
                    z => z.ProjectId,
                    p => p.Id,
                    (z, p) =>
                        new
                        {
                            z.Id,
                            z.Name,
                            Project = p.Name,
                        }
                )
                .OrderBy(z => z.Project)
                .ThenBy(z => z.Name)
                .Select(z => new Option(z.Id.ToString(), z.Project + " / " + z.Name))
                .ToListAsync(ct),
        };
        Form = new(
            "/api/v1/role-assignments",
            "POST",
            "/master-data/role-assignments?saved=1",
            Fields,
            null,
            options,
            new Dictionary<string, string>(),
            false,
            Loc.T("授权", "Grant"),
            "grant-form"
        );
        return Page();
    }
}
