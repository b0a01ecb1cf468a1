using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.Shared;

internal sealed record FeeItemDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    FeeKind Kind,
    decimal UnitPrice,
    string? UnitType,
    RoundingRule Rounding,
    int DueDay,
    int GraceDays,
    decimal LateFeeDailyRate,
    decimal LateFeeCap,
    int CycleMonths,
    DateTimeOffset? ArchivedAt,
    string? UsageUnit
);

internal sealed record BillLineDto(
    Guid Id,
    string FeeItemName,
    FeeKind Kind,
    string Basis,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount,
    decimal Paid,
    DateOnly DueDate,
    decimal LateFee
);

internal sealed record BillDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    int Period,
    string PeriodText,
    DateTimeOffset IssuedAt,
    DateOnly DueDate,
    decimal Amount,
    decimal Paid,
    decimal Outstanding,
    bool Settled,
    decimal LateFee,
    IReadOnlyList<BillLineDto> Lines,
    BillKind Kind
);

internal sealed record ReceiptLineDto(string PeriodText, string FeeItemName, decimal Amount);

internal sealed record ReceiptDto(
    Guid Id,
    string ReceiptNumber,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    PaymentMethod Method,
    decimal Amount,
    decimal Allocated,
    decimal Credit,
    DateTimeOffset PaidAt,
    string ReceivedByName,
    string? Note,
    IReadOnlyList<ReceiptLineDto> Lines
);

internal static class FeeItemQueries
{
    public static IQueryable<FeeItemDto> Dtos(IQueryable<FeeItem> items) =>
        items.Select(i => new FeeItemDto(
            i.Id,
            i.ProjectId,
            i.Name,
            i.Kind,
            i.UnitPrice,
            i.UnitType,
            i.Rounding,
            i.DueDay,
            i.GraceDays,
            i.LateFeeDailyRate,
            i.LateFeeCap,
            i.CycleMonths,
            i.ArchivedAt,
            i.UsageUnit
        ));
}

internal static class BillQueries
{
    /// <summary>The bills with their lines and late fees as of <paramref name="asOf"/> (China date).</summary>
    public static async Task<List<BillDto>> LoadAsync(WuyeDb db, IQueryable<Bill> bills, DateOnly asOf, CancellationToken ct)
    {
        var labels = db.UnitLabels();
        var rows = await bills
            .Select(b => new { Bill = b, Label = labels.Where(u => u.Id == b.UnitId).Select(u => u.Label).FirstOrDefault() })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Bill.Id).ToList();
        var lines = (await db.Set<BillLine>().AsNoTracking().Where(l => ids.Contains(l.BillId)).ToListAsync(ct))
            .GroupBy(l => l.BillId)
            .ToDictionary(g => g.Key, g => g.OrderBy(l => l.Seq).ToList());
        return
        [
            .. rows.Select(r =>
            {
                var b = r.Bill;
                var ls = lines.GetValueOrDefault(b.Id) ?? [];
                var dto = ls.Select(l => new BillLineDto(
                        l.Id,
                        l.FeeItemName,
                        l.Kind,
                        l.Basis,
                        l.Quantity,
                        l.UnitPrice,
                        l.Amount,
                        l.Paid,
                        l.DueDate,
                        l.LateFeeAt(asOf)
                    ))
                    .ToList();
                return new BillDto(
                    b.Id,
                    b.ProjectId,
                    b.UnitId,
                    r.Label ?? "",
                    b.Period,
                    Periods.Text(b.Period),
                    b.IssuedAt,
                    b.DueDate,
                    b.Amount,
                    b.Paid,
                    b.Amount - b.Paid,
                    b.Paid >= b.Amount,
                    dto.Sum(l => l.LateFee),
                    dto,
                    b.Kind
                );
            }),
        ];
    }
}

internal static class ReceiptQueries
{
    public static async Task<ReceiptDto?> ReceiptAsync(WuyeDb db, Guid paymentId, CancellationToken ct)
    {
        var labels = db.UnitRefs();
        var p = await db.Set<Payment>()
            .AsNoTracking()
            .Where(x => x.Id == paymentId)
            .Select(x => new { Payment = x, Label = labels.Where(u => u.Id == x.UnitId).Select(u => u.FullLabel).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (p is null)
            return null;
        var lines = await (
            from a in db.Set<PaymentAllocation>().AsNoTracking()
            join l in db.Set<BillLine>().AsNoTracking() on a.BillLineId equals l.Id
            where a.PaymentId == paymentId
            orderby l.DueDate, l.Period, l.Seq, a.Id
            select new
            {
                l.Period,
                l.FeeItemName,
                a.Amount,
            }
        ).ToListAsync(ct);
        var x = p.Payment;
        return new ReceiptDto(
            x.Id,
            x.ReceiptNumber,
            x.ProjectId,
            x.UnitId,
            p.Label ?? "",
            x.Method,
            x.Amount,
            x.Allocated,
            x.Amount - x.Allocated,
            x.PaidAt,
            x.ReceivedByName,
            x.Note,
            [.. lines.Select(l => new ReceiptLineDto(Periods.Text(l.Period), l.FeeItemName, l.Amount))]
        );
    }
}
