using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffAssessments;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>人员考核: the two 002 staff indicators (22, 23) of each kept project for a month, with the counts behind them.</summary>
internal sealed class AssessmentsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public List<StaffIndicatorsDto> Rows { get; private set; } = [];
    public DateOnly MonthStart { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayKeep(scopes.Scope))
            return Forbid();
        var today = ChinaTime.Today(clock);
        try
        {
            MonthStart = StaffIndicators.NotAfterThisMonth(
                StaffTalkViews.MonthOrThis(string.IsNullOrWhiteSpace(Month) ? null : Month, today),
                today
            );
        }
        catch (ValidationException e)
        {
            Error = e.Errors.Values.SelectMany(v => v).FirstOrDefault();
            MonthStart = StaffTalk.MonthOf(today);
        }
        Rows = await StaffIndicators.ComputeAsync(db, StaffTalkViews.KeptProjects(db), MonthStart, today, ct);
        return Page();
    }
}
