using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Pages.Portal;

/// <summary>问卷调查: the owner's questionnaires — to answer, and answered.</summary>
internal sealed class SurveysModel(ScopeAccessor scopes, SurveyBuilder builder) : PageModel
{
    public List<MySurveyDto> Surveys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Surveys = await builder.MineAsync(ct);
        return Page();
    }
}
