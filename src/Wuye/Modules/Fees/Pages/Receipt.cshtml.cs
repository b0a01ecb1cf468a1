using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.GetReceipt;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Fees.Pages;

/// <summary>收据: a payment's numbered receipt, to print; staff and the home's owner may open it.</summary>
internal sealed class ReceiptModel(WuyeDb db, ScopeAccessor scopes, ReceiptSheet sheet) : PageModel
{
    public ReceiptDto Receipt { get; private set; } = null!;

    public string AmountInCapitals => ChineseAmount.Upper(Receipt.Amount);

    public async Task<IActionResult> OnGetAsync(Guid id, string? format, CancellationToken ct)
    {
        if (!scopes.ActAs([.. FeeRoles.Readers, Roles.Owner]))
            return Forbid();
        if (format == "pdf")
            return await sheet.PdfAsync(id, ct) is { } pdf ? File(pdf, "application/pdf", $"receipt-{id:N}.pdf") : NotFound();
        if (await ReceiptQueries.ReceiptAsync(db, id, ct) is not { } r)
            return NotFound();
        Receipt = r;
        return Page();
    }
}
