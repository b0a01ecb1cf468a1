using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>满意度调查: the surveys of the reader's projects with their figures, the year's results by project; the desk and
/// managers start a new one.</summary>
internal sealed class SurveysModel(WuyeDb db, ScopeAccessor scopes, SurveyBuilder builder, SurveyResults results, TimeProvider clock)
    : PageModel
{
    public List<SurveyDto> Surveys { get; private set; } = [];
    public List<ProjectSurveyResult> ByProject { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayBuild { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Intro { get; set; }

    [BindProperty]
    public int? SamplePercent { get; set; } = 30;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Publishers))
            return Forbid();
        Guid id = default;
        Error = await PageActions.TryAsync(ModelState, async () =>
            id = await builder.CreateAsync(new NewSurvey(ProjectId, Title, Intro, SamplePercent), ct)
        );
        if (Error is null)
            return Redirect($"/care/surveys/{id}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayBuild = CareRoles.MayPublish(scopes.Scope);
        Surveys = [.. (await builder.List(null, null).Take(100).ToListAsync(ct)).Select(SurveyBuilder.Named)];
        var today = ChinaTime.Today(clock);
        ByProject = await results.ByProjectAsync(
            ChinaTime.StartOf(today.AddYears(-1)).ToUniversalTime(),
            ChinaTime.StartOf(today.AddDays(1)).ToUniversalTime(),
            ct
        );
        if (MayBuild)
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
    }
}
