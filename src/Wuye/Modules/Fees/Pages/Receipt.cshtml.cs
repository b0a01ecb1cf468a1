using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.GetReceipt;
using Wuye.Modules.Fees.Features.RefundPayment;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>收据: a payment's numbered receipt, to print; staff and the home's owner may open it.</summary>
internal sealed class ReceiptModel(WuyeDb db, ScopeAccessor scopes, ReceiptSheet sheet, RefundPaymentHandler refunds) : PageModel
{
    public ReceiptDto Receipt { get; private set; } = null!;

    [BindProperty]
    public decimal? RefundAmount { get; set; }

    [BindProperty]
    public string? RefundReason { get; set; }

    public string? Error { get; private set; }

    /// <summary>A manager may refund what a money payment still holds as credit.</summary>
    public bool MayRefund =>
        FeeRoles.MayManage(db.Scope)
        && Receipt.Credit > 0
        && Receipt.Method is PaymentMethod.Cash or PaymentMethod.Transfer or PaymentMethod.Online;

    /// <summary>退款: a negative receipt for part of the credit; on success, the refund's own receipt.</summary>
    public async Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Managers))
            return Forbid();
        Guid? refundId = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewRefund(RefundAmount, RefundReason);
            Validator.Check(input);
            refundId = (await refunds.HandleAsync(id, input, ct)).Id;
        });
        if (Error is null && refundId is { } r)
            return Redirect($"/fees/receipts/{r}");
        if (await ReceiptQueries.ReceiptAsync(db, id, ct) is not { } receipt)
            return NotFound();
        Receipt = receipt;
        return Page();
    }

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
