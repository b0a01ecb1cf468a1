using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>One survey: a draft's questions and the builder; an open or closed one's results and its sampled households
/// (the reader's zones for a steward) with the phone interview link.</summary>
internal sealed class SurveyModel(ScopeAccessor scopes, SurveyBuilder builder, SurveyQuestions questions, SurveyResults results) : PageModel
{
    public SurveyDetailDto Detail { get; private set; } = null!;
    public SurveyResultsDto? Results { get; private set; }
    public List<SampledHouseholdDto> Households { get; private set; } = [];
    public bool MayBuild { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public QuestionKind? Kind { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Dimension { get; set; }

    [BindProperty]
    public string? Options { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private NewQuestion Input()
    {
        var options = string.IsNullOrWhiteSpace(Options)
            ? []
            : Options.Split(['\n', ',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new NewQuestion(Kind, Text, Dimension, options);
    }

    public Task<IActionResult> OnPostQuestionAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => questions.AddAsync(id, Input(), ct), ct);

    public Task<IActionResult> OnPostEditAsync(Guid id, Guid questionId, CancellationToken ct) =>
        ActAsync(id, () => questions.EditAsync(id, questionId, Input(), ct), ct);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid questionId, CancellationToken ct) =>
        ActAsync(id, () => questions.RemoveAsync(id, questionId, ct), ct);

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid questionId, int step, CancellationToken ct) =>
        ActAsync(id, () => questions.MoveAsync(id, questionId, step, ct), ct);

    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct) => ActAsync(id, () => builder.OpenAsync(id, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => ActAsync(id, () => builder.CloseAsync(id, ct), ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Publishers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = Loc.T("已保存", "Saved");
            return RedirectToPage(new { id });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Detail = await builder.DetailAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        MayBuild = CareRoles.MayPublish(scopes.Scope);
        if (Detail.Survey.Status != SurveyStatus.Draft)
        {
            Results = await results.ForSurveyAsync(id, ct);
            Households = await builder.Households(id, null).Take(300).ToListAsync(ct);
        }
        return true;
    }
}
