using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffAssessments;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 人员考核: for the keepers, each kept project's month — people and teams scored and ranked (provisional in the current month,
/// stored once closed, then reviewed) — and the two 002 staff indicators (22, 23); for project staff, their own score.
/// </summary>
internal sealed class AssessmentsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, StaffAssessmentsHandler assessments) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public bool CanKeep { get; private set; }
    public List<StaffIndicatorsDto> Rows { get; private set; } = [];
    public List<ProjectAssessmentDto> Projects { get; private set; } = [];
    public List<MyScoreDto> Mine { get; private set; } = [];
    public DateOnly MonthStart { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayOpenExams(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid? projectId, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => assessments.ReviewAsync(new ReviewInput(projectId, Month), ct));
        Done = Error is null ? Loc.T("已审阅该月考核排名", "The month's ranking is marked reviewed") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanKeep = StaffRoles.MayKeep(scopes.Scope);
        var today = ChinaTime.Today(clock);
        try
        {
            MonthStart = StaffAssessmentsHandler.MonthOf(Month, today);
        }
        catch (ValidationException e)
        {
            Error ??= e.Errors.Values.SelectMany(v => v).FirstOrDefault();
            MonthStart = StaffTalk.MonthOf(today);
        }
        var month = $"{MonthStart:yyyy-MM}";
        if (CanKeep)
        {
            Projects = await assessments.ListAsync(null, month, ct);
            Rows = await StaffIndicators.ComputeAsync(db, StaffTalkViews.KeptProjects(db), MonthStart, today, ct);
        }
        if (StaffRoles.Examinees.Any(scopes.Scope.HasRole))
            Mine = await assessments.MineAsync(month, ct);
    }
}
