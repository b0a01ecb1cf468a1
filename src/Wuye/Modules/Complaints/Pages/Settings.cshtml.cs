using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.AddDepartment;
using Wuye.Modules.Complaints.Features.ArchiveDepartment;
using Wuye.Modules.Complaints.Features.RenameDepartment;
using Wuye.Modules.Complaints.Features.SaveComplaintSettings;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>
/// A project's complaint rules (reply promise in working days, review time, escalation hours) for
/// its managers, and the company's departments (涉及部门) for company managers; others read them.
/// </summary>
internal sealed class SettingsModel(WuyeDb db, ComplaintPromises promises, ComplaintDepartments departments, ScopeAccessor scope)
    : PageModel
{
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public Guid CompanyId { get; private set; }
    public ComplaintSettings Settings { get; private set; } = null!;
    public bool SettingsAreDefault { get; private set; }
    public List<DepartmentDto> Departments { get; private set; } = [];
    public bool CanEditSettings { get; private set; }
    public bool CanEditDepartments { get; private set; }
    public string? Error { get; private set; }
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        if (!await LoadAsync(ct))
            return NotFound();
        Saved = saved;
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(
        int? replyDays,
        TimeOnly? reviewTime,
        int? projectManagerAfterHours,
        int? companyAfterHours,
        [FromServices] SaveComplaintSettingsHandler save,
        CancellationToken ct
    ) =>
        RunAsync(
            ComplaintRoles.Managers,
            "settings",
            async () =>
            {
                var input = new SettingsInput(replyDays, reviewTime, projectManagerAfterHours, companyAfterHours);
                Validator.Check(input);
                if (await save.HandleAsync(ProjectId ?? Guid.Empty, input, ct) is null)
                    throw new NotFoundException("project");
            },
            ct
        );

    public Task<IActionResult> OnPostAddDepartmentAsync(
        string? name,
        string? nameEn,
        [FromServices] AddDepartmentHandler add,
        CancellationToken ct
    ) =>
        RunAsync(
            [Roles.CompanyManager],
            "department",
            async () =>
            {
                var input = new DepartmentInput(null, null, name, nameEn, null);
                Validator.Check(input);
                await add.HandleAsync(await CompanyAsync(ct), input, ct);
            },
            ct
        );

    public Task<IActionResult> OnPostRenameDepartmentAsync(
        string code,
        string? name,
        string? nameEn,
        [FromServices] RenameDepartmentHandler rename,
        CancellationToken ct
    ) =>
        RunAsync(
            [Roles.CompanyManager],
            "department",
            async () =>
            {
                var input = new DepartmentInput(null, null, name, nameEn, null);
                Validator.Check(input);
                if (await rename.HandleAsync(await CompanyAsync(ct), code, input, ct) is null)
                    throw new NotFoundException("department");
            },
            ct
        );

    public Task<IActionResult> OnPostArchiveDepartmentAsync(
        string code,
        bool archived,
        [FromServices] ArchiveDepartmentHandler archive,
        CancellationToken ct
    ) =>
        RunAsync(
            [Roles.CompanyManager],
            "department",
            async () =>
            {
                if (await archive.HandleAsync(await CompanyAsync(ct), code, archived, ct) is null)
                    throw new NotFoundException("department");
            },
            ct
        );

    private async Task<IActionResult> RunAsync(string[] roles, string what, Func<Task> action, CancellationToken ct)
    {
        if (!scope.ActAs(roles))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return RedirectToPage(new { ProjectId, saved = what });
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>The company of the chosen project, when the user manages it.</summary>
    private async Task<Guid> CompanyAsync(CancellationToken ct)
    {
        var company = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == ProjectId)
            .Select(p => (Guid?)p.CompanyId)
            .FirstOrDefaultAsync(ct);
        if (company is not { } c || !db.Scope.CanWrite(c, null, null, null))
            throw new NotFoundException("company");
        return c;
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new
                    {
                        p.Id,
                        p.CompanyId,
                        p.Name,
                    })
                    .Take(500)
                    .ToListAsync(ct)
            )
                // The projects the user works at; a home of their own elsewhere is not one to set rules for.
                .Where(p => db.Scope.WorksAt(p.CompanyId, p.Id))
                .Select(p => (p.Id, p.Name)),
        ];
        ProjectId ??= Projects.FirstOrDefault().Id;
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == ProjectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null || !db.Scope.WorksAt(project.CompanyId, project.Id))
            return false;
        CompanyId = project.CompanyId;
        var own = await db.Set<ComplaintSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == project.Id, ct);
        Settings = own ?? await promises.SettingsAsync(project.CompanyId, project.Id, ct);
        SettingsAreDefault = own is null;
        Departments = await departments.ListAsync(project.CompanyId, true, ct);
        CanEditSettings = db.Scope.HasRoleAt(ComplaintRoles.Managers, project.CompanyId, project.Id, null);
        CanEditDepartments = db.Scope.HasRoleAt([Roles.CompanyManager], project.CompanyId, null, null);
        return true;
    }
}
