using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>电话访问: the steward (or the desk) enters a sampled household's answers from a phone interview.</summary>
internal sealed class SurveyInterviewModel(ScopeAccessor scopes, SurveyBuilder builder, SurveyAnswering answering) : PageModel
{
    public SurveyFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid unitId, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        return await LoadAsync(id, unitId, null, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid unitId, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        if (!await LoadAsync(id, unitId, null, ct))
            return NotFound();
        var answers = SurveyForm.Read(Request.Form, Form.Detail.Questions);
        var error = await PageActions.TryAsync(ModelState, () => answering.AnswerAsync(id, new SurveyAnswers(unitId, answers), ct));
        if (error is null)
            return Redirect($"/care/surveys/{id}");
        Form = Form with { Error = error };
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid unitId, string? error, CancellationToken ct)
    {
        SurveyDetailDto detail;
        try
        {
            detail = await builder.DetailAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        var row = await builder.Households(id, null, unitId: unitId).FirstOrDefaultAsync(ct);
        if (row is null)
            return false;
        Form = new SurveyFormView(detail, unitId, row.Label, error);
        return true;
    }
}
