using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ParkingViolations;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;

namespace Wuye.Modules.Security.Pages;

/// <summary>The printable two-part violation notice (HTML to print; <c>?format=pdf</c> for a PDF).</summary>
internal sealed class NoticeModel(WuyeDb db, ParkingViolationHandler handler, PdfRenderer pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        ParkingViolation v;
        try
        {
            v = await handler.OneAsync(id, ct);
        }
        catch (Wuye.Platform.Web.NotFoundException)
        {
            return NotFound();
        }
        var html = await ViolationNotice.HtmlAsync(db, v, handler.Days, handler.Threshold, ct);
        return await PrintSheet.AnswerAsync(pdf, html, format, $"violation-{v.Number}.pdf", ct);
    }
}
