using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.TalentPool;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>社区文化人才库 for stewards, the desk and managers: a project's consenting residents by skill, and the form that records
/// a resident's skills with their consent (or withdraws it).</summary>
internal sealed class TalentsModel(WuyeDb db, ScopeAccessor scopes, TalentPool pool) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Skill { get; set; }

    [BindProperty]
    public string? Resident { get; set; }

    [BindProperty]
    public string? Skills { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    public List<TalentDto> Talents { get; private set; } = [];
    public List<(Guid UnitId, Guid PersonId, string Label)> Residents { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        var parts = (Resident ?? "").Split(':');
        Guid? unit = parts.Length == 2 && Guid.TryParse(parts[0], out var u) ? u : null;
        var person = parts.Length == 2 && Guid.TryParse(parts[1], out var p) ? p : Guid.Empty;
        var skills = (Skills ?? "").Split(
            [',', '，', '、', ';', '；'],
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
        );
        Error = await PageActions.TryAsync(ModelState, () => pool.RecordAsync(person, new RecordTalent(unit, skills, Note, Consent), ct));
        if (Error is null)
        {
            Done = Consent
                ? Loc.T("已录入人才库", "Recorded in the talent pool")
                : Loc.T("已撤回同意，特长已清除", "Consent withdrawn; skills erased");
            return RedirectToPage(new { projectId = ProjectId });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        ProjectId ??= Projects.Count > 0 ? Projects[0].Id : null;
        if (ProjectId is not { } project)
            return;
        Talents = await pool.List(project, Skill).Take(300).ToListAsync(ct);
        Residents = await pool.ResidentsAsync(project, ct);
    }
}
