using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Fees.Features.GetReceipt;

/// <summary>GET /receipts/{id}: a payment's receipt: number, home, method, what it paid (period and fee) and the credit held.</summary>
internal static class GetReceipt
{
    public static void Map(RouteGroupBuilder api)
    {
        FeeApi
            .Receipts(api)
            .MapGet(
                "/{id:guid}/pdf",
                async Task<Results<FileContentHttpResult, NotFound>> (ReceiptSheet sheet, Guid id, CancellationToken ct) =>
                    await sheet.PdfAsync(id, ct) is { } bytes
                        ? TypedResults.File(bytes, "application/pdf", $"receipt-{id:N}.pdf")
                        : TypedResults.NotFound()
            )
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("The receipt as a PDF (A5, amount in figures and in capitals) to print or send");
        FeeApi
            .Receipts(api)
            .MapGet("/{id:guid}", async Task<Results<Ok<ReceiptDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await ReceiptQueries.ReceiptAsync(db, id, ct) is { } r ? TypedResults.Ok(r) : TypedResults.NotFound()
            )
            // Staff who keep the fees, and owners (their scope holds only their homes): not a guard or a technician.
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("A receipt (收据): what the payment paid, period by period, and the credit held");
    }
}
