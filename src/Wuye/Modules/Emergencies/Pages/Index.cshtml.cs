using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Platform.Database;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>应急预案: the plans in force of the reader's projects; managers write new ones.</summary>
internal sealed class IndexModel(WuyeDb db, PlanReads plans, IncidentReads incidents) : PageModel
{
    public List<IncidentDto> Incidents { get; private set; } = [];
    public List<PlanDto> Plans { get; private set; } = [];
    public bool Manager => EmergencyRoles.MayManage(db.Scope);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!EmergencyRoles.MayRead(db.Scope))
            return Forbid();
        Plans = await plans.ListAsync(plans.InForce(null, null).Take(200), false, ct);
        Incidents = await incidents.ListAsync(incidents.Recent(null, null, false).Take(20), false, ct);
        return Page();
    }
}
