using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>One plan: the steps in force, the numbers to call, the versions; the card to print.</summary>
internal sealed class PlanModel(WuyeDb db, PlanReads plans) : PageModel
{
    public PlanDto Plan { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool Manager => EmergencyRoles.MayManage(db.Scope);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!EmergencyRoles.MayRead(db.Scope))
            return Forbid();
        try
        {
            Plan = await plans.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
