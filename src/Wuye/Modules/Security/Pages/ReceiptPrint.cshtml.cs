using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.BoothReceipts;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;

namespace Wuye.Modules.Security.Pages;

/// <summary>The printable booth receipt (HTML to print; <c>?format=pdf</c> for a PDF), with its number.</summary>
internal sealed class ReceiptPrintModel(WuyeDb db, BoothReceiptHandler handler, PdfRenderer pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        BoothReceipt r;
        try
        {
            r = await handler.OneAsync(id, ct);
        }
        catch (Wuye.Platform.Web.NotFoundException)
        {
            return NotFound();
        }
        var html = await ReceiptSlip.HtmlAsync(db, r, ct);
        return await PrintSheet.AnswerAsync(pdf, html, format, $"booth-receipt-{r.Number}.pdf", ct);
    }
}
