using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Modules.Emergencies.Features.PrintPlanCard;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>The printable one-page card of a plan in force (HTML to print; <c>?format=pdf</c> for a PDF).</summary>
internal sealed class CardModel(WuyeDb db, PlanReads plans, PdfRenderer pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!EmergencyRoles.MayRead(db.Scope))
            return Forbid();
        PlanDto plan;
        try
        {
            plan = await plans.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var html = PlanCard.Html(plan);
        return format == "pdf"
            ? File(await pdf.RenderAsync(html, ct), "application/pdf", $"emergency-plan-{id:N}-v{plan.CurrentVersion}.pdf")
            : Content(html, "text/html; charset=utf-8");
    }
}
