using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Platform.Database;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>应急预案: the plans in force of the reader's projects; managers write new ones.</summary>
internal sealed class IndexModel(WuyeDb db, PlanReads plans) : PageModel
{
    public List<PlanDto> Plans { get; private set; } = [];
    public bool Manager => EmergencyRoles.MayManage(db.Scope);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!EmergencyRoles.MayRead(db.Scope))
            return Forbid();
        Plans = await plans.ListAsync(plans.InForce(null, null).Take(200), false, ct);
        return Page();
    }
}
