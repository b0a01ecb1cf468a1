using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ListPatrolRoutes;
using Wuye.Modules.Security.Features.PrintCheckpointLabels;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>The printable label sheet of a route (HTML to print; <c>?format=pdf</c> for a PDF), for the supervisor.</summary>
internal sealed class LabelsModel(WuyeDb db, RouteReads routes, PdfRenderer pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!SecurityRoles.MaySupervise(db.Scope))
            return Forbid();
        RouteDto route;
        try
        {
            route = await routes.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        var html = LabelSheet.Html(route, await routes.LabelsAsync(id, ct));
        return format == "pdf"
            ? File(await pdf.RenderAsync(html, ct), "application/pdf", $"patrol-labels-{id:N}.pdf")
            : Content(html, "text/html; charset=utf-8");
    }
}
