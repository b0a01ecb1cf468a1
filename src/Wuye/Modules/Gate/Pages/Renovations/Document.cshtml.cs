using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.CheckWorkerEntry;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.RenovationDocuments;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages.Renovations;

/// <summary>
/// A renovation's printed papers for the service center and the owner (their own homes'): the permit with its QR code and the door
/// sheet, or the 《装修管理协议》; HTML to print, <c>?format=pdf</c> for a PDF.
/// </summary>
internal sealed class DocumentModel(
    WuyeDb db,
    PdfRenderer pdf,
    CheckWorkerEntryHandler entries,
    Microsoft.Extensions.Options.IOptions<GateOptions> options,
    PassKeys keys,
    FileStore files
) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string doc, string? format, CancellationToken ct)
    {
        if (!GateRoles.MayRead(db.Scope) && !db.Scope.HasRole(Roles.Owner))
            return Forbid();
        var found = await RenovationReads.ListAsync(db, db.Set<Renovation>().Where(r => r.Id == id), ct);
        if (found.Count == 0)
            return NotFound();
        var r = found[0];
        if (doc == "permit" ? r.PermitCode is null : r.State < RenovationState.DrawingsApproved)
            return NotFound();
        var project = await db.ProjectRefs().Where(p => p.Id == r.ProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var companyId = await db.Set<Renovation>().Where(x => x.Id == id).Select(x => x.CompanyId).FirstAsync(ct);
        var hours = (await entries.HoursAsync(companyId, r.ProjectId, ct)).Text;
        string html;
        if (doc == "permit")
        {
            var claims = new PermitClaims(r.Id, r.ProjectId, r.PermitCode!, r.StartDate, r.EndDate);
            var qr = await keys.SignAsync(companyId, claims, ct);
            html = RenovationDocuments.Permit(r, project, hours, options.Value.DoorSheetPhones, qr);
        }
        else
        {
            var text = await db.Set<Renovation>().Where(x => x.Id == id).Select(x => x.AgreementText).FirstAsync(ct);
            html = RenovationDocuments.Agreement(
                r,
                text ?? RenovationDocuments.AgreementBody(r, project, hours),
                await MarkAsync(r.OwnerSignatureId, r.OwnerSignedAt, ct),
                await MarkAsync(r.CenterSignatureId, r.CenterSignedAt, ct)
            );
        }
        return format == "pdf"
            ? File(await pdf.RenderAsync(html, ct), "application/pdf", $"renovation-{doc}-{r.PermitCode ?? id.ToString("N")}.pdf")
            : Content(html, "text/html; charset=utf-8");
    }

    private async Task<RenovationDocuments.SignatureMark?> MarkAsync(Guid? fileId, DateTimeOffset? at, CancellationToken ct)
    {
        if (fileId is not { } id || at is null || await files.OpenAsync(id, ct) is not { } f)
            return null;
        await using var content = f.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, ct);
        return new(copy.ToArray(), at.Value);
    }
}
