using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages.Portal;

/// <summary>An owner answers a questionnaire for one of their sampled homes, once; afterwards the page thanks them.</summary>
internal sealed class SurveyModel(ScopeAccessor scopes, SurveyBuilder builder, SurveyAnswering answering) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unit")]
    public Guid? Unit { get; set; }

    public SurveyFormView? Form { get; private set; }
    public MySurveyDto? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? unitId, CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Unit = unitId;
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (Form is null)
            return Page();
        var answers = SurveyForm.Read(Request.Form, Form.Detail.Questions);
        var error = await PageActions.TryAsync(ModelState, () => answering.AnswerAsync(id, new SurveyAnswers(unitId, answers), ct));
        if (error is null)
            return Redirect($"/portal/surveys/{id}?unit={unitId}");
        Form = Form with { Error = error };
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var mine = (await builder.MineAsync(ct)).Where(m => m.SurveyId == id).ToList();
        Mine = mine.FirstOrDefault(m => m.UnitId == Unit) ?? mine.FirstOrDefault(m => m.AnsweredAt is null) ?? mine.FirstOrDefault();
        if (Mine is null)
            return false;
        Form = Mine.AnsweredAt is null ? new SurveyFormView(await builder.DetailAsync(id, ct), Mine.UnitId, Mine.Label, null) : null;
        return true;
    }
}
