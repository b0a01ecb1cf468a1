using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ListPayments;

internal sealed record PaymentRow(
    Guid Id,
    string ReceiptNumber,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    PaymentMethod Method,
    decimal Amount,
    decimal Credit,
    DateTimeOffset PaidAt,
    string ReceivedByName
);

/// <summary>GET /payments: payments the user may see (an owner: their homes'), newest first; credit notes are not payments and
/// are left out (see /fee-adjustments).</summary>
internal static class ListPayments
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Payments(api)
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? unitId,
                    DateOnly? from,
                    DateOnly? to,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    // Money received only: credit notes (减免, no money moved) are listed with their reductions at /fee-adjustments.
                    var q = db.Set<Payment>().AsNoTracking().Where(x => x.Method != PaymentMethod.CreditNote);
                    if (projectId is { } p)
                        q = q.Where(x => x.ProjectId == p);
                    if (unitId is { } u)
                        q = q.Where(x => x.UnitId == u);
                    if (from is { } f)
                    {
                        var start = ChinaTime.StartOf(f).ToUniversalTime();
                        q = q.Where(x => x.PaidAt >= start);
                    }
                    if (to is { } t)
                    {
                        var end = ChinaTime.StartOf(t.AddDays(1)).ToUniversalTime();
                        q = q.Where(x => x.PaidAt < end);
                    }
                    var labels = db.UnitLabels();
                    return TypedResults.Ok(
                        await q.OrderByDescending(x => x.PaidAt)
                            .ThenByDescending(x => x.Id)
                            .Select(x => new PaymentRow(
                                x.Id,
                                x.ReceiptNumber,
                                x.ProjectId,
                                x.UnitId,
                                labels.Where(l => l.Id == x.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                                x.Method,
                                x.Amount,
                                x.Amount - x.Allocated,
                                x.PaidAt,
                                x.ReceivedByName
                            ))
                            .ToPagedAsync(page, pageSize, ct)
                    );
                }
            )
            // Staff who keep the fees, and owners (their scope holds only their homes): not a guard or a technician.
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("Payments (缴费) the user may see, newest first, each with its receipt number");
}
