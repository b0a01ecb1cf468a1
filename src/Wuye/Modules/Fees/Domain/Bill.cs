using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>What raised a bill.</summary>
internal enum BillKind
{
    /// <summary>The monthly run: one per unit and period (the unique key makes generation idempotent).</summary>
    Periodic,

    /// <summary>A household meter reading (抄表): one per reading (<see cref="Bill.SourceId"/>).</summary>
    Metered,

    /// <summary>A one-off charge (一次性收费), by the desk or another module's flow (装修押金: the renovation is the source).</summary>
    OneOff,
}

/// <summary>
/// 账单: a unit's charges for one month, one periodic bill per unit and period (the unique key makes generation
/// idempotent), plus a bill per meter reading or one-off charge, each once per source. Lines are never edited once
/// issued: payments only raise <see cref="Paid"/>.
/// </summary>
internal sealed class Bill : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid BuildingId { get; set; }

    /// <summary>yyyyMM.</summary>
    public int Period { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The earliest due date of its lines.</summary>
    public DateOnly DueDate { get; set; }
    public decimal Amount { get; set; }
    public decimal Paid { get; set; }
    public List<BillLine> Lines { get; set; } = [];
    public BillKind Kind { get; set; }

    /// <summary>What a metered or one-off bill was raised for (the reading; the renovation…): one bill per source.</summary>
    public Guid? SourceId { get; set; }

    /// <summary>
    /// The China month (yyyyMM) in which its payments and credit notes reached its amount; <see cref="OpenPeriod"/> while
    /// something is owed; 0 for a bill of nothing. The collection tally (migration 0150) reads it.
    /// </summary>
    public int SettledPeriod { get; set; } = OpenPeriod;

    public const int OpenPeriod = 999_999;

    public decimal Outstanding => Amount - Paid;
    public bool Settled => Paid >= Amount;

    /// <summary>Books <paramref name="amount"/> paid (or credited) at <paramref name="at"/>; settled once nothing is owed.</summary>
    public void Receive(decimal amount, DateTimeOffset at)
    {
        Paid += amount;
        if (Paid >= Amount && SettledPeriod == OpenPeriod)
            SettledPeriod = Periods.Of(DateOnly.FromDateTime(ChinaTime.ToChina(at).DateTime));
    }

    public static Bill Issue(BillTarget unit, int period, DateTimeOffset issuedAt, IEnumerable<(FeeItem Item, decimal Quantity)> charges)
    {
        var bill = new Bill
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.UnitId,
            BuildingId = unit.BuildingId,
            Period = period,
            IssuedAt = issuedAt,
        };
        var seq = 0;
        foreach (var (item, qty) in charges)
        {
            if (qty <= 0)
                continue;
            bill.Lines.Add(
                new BillLine
                {
                    CompanyId = bill.CompanyId,
                    ProjectId = bill.ProjectId,
                    ZoneId = bill.ZoneId,
                    UnitId = bill.UnitId,
                    BillId = bill.Id,
                    Seq = ++seq,
                    Period = period,
                    FeeItemId = item.Id,
                    FeeItemName = item.Name,
                    Kind = item.Kind,
                    Quantity = qty,
                    UnitPrice = item.UnitPrice,
                    Basis = item.Basis(qty),
                    Amount = item.Charge(qty),
                    DueDate = item.DueDate(period),
                    GraceDays = item.GraceDays,
                    LateFeeDailyRate = item.LateFeeDailyRate,
                    LateFeeCap = item.LateFeeCap,
                }
            );
        }
        return Totalled(bill);
    }

    /// <summary>
    /// A metered or one-off bill of one line: <paramref name="quantity"/> of <paramref name="item"/> (usage, or how many), its
    /// basis given (the readings) or the item's own, due <see cref="FeeItem.DueDay"/> days after <paramref name="issuedOn"/>.
    /// </summary>
    public static Bill Charge(
        BillTarget unit,
        int period,
        DateTimeOffset issuedAt,
        DateOnly issuedOn,
        FeeItem item,
        decimal quantity,
        Guid sourceId,
        string? basis = null,
        decimal? unitPrice = null
    )
    {
        if (item.Periodic)
            throw new InvalidOperationException("A periodic item is billed by the monthly run.");
        var price = unitPrice ?? item.UnitPrice;
        var bill = new Bill
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.UnitId,
            BuildingId = unit.BuildingId,
            Period = period,
            IssuedAt = issuedAt,
            Kind = item.Kind == FeeKind.Metered ? BillKind.Metered : BillKind.OneOff,
            SourceId = sourceId,
        };
        var amount = Money.Round(quantity * price, item.Rounding);
        if (quantity > 0 && amount > 0)
            bill.Lines.Add(
                new BillLine
                {
                    CompanyId = bill.CompanyId,
                    ProjectId = bill.ProjectId,
                    ZoneId = bill.ZoneId,
                    UnitId = bill.UnitId,
                    BillId = bill.Id,
                    Seq = 1,
                    Period = period,
                    FeeItemId = item.Id,
                    FeeItemName = item.Name,
                    Kind = item.Kind,
                    Quantity = quantity,
                    UnitPrice = price,
                    Basis = basis ?? item.Basis(quantity),
                    Amount = amount,
                    DueDate = item.DueAfterIssue(issuedOn),
                    GraceDays = item.GraceDays,
                    LateFeeDailyRate = item.LateFeeDailyRate,
                    LateFeeCap = item.LateFeeCap,
                }
            );
        return Totalled(bill);
    }

    private static Bill Totalled(Bill bill)
    {
        if (bill.Lines.Count == 0)
            throw new RuleException("bill.empty", "该房屋本期没有应收费用", "Nothing is chargeable on this unit for the period");
        bill.Amount = bill.Lines.Sum(l => l.Amount);
        bill.DueDate = bill.Lines.Min(l => l.DueDate);
        if (bill.Amount <= 0)
            bill.SettledPeriod = 0;
        return bill;
    }
}

/// <summary>A chargeable unit as billing sees it.</summary>
internal sealed record BillTarget(
    Guid CompanyId,
    Guid ProjectId,
    Guid? ZoneId,
    Guid UnitId,
    Guid BuildingId,
    decimal? Area,
    string? UnitType,
    int RentedSpaces
);

/// <summary>One fee of a bill with its basis (quantity × price); carries the item's late-fee terms as they were when issued.</summary>
internal sealed class BillLine : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid BillId { get; set; }
    public int Seq { get; set; }
    public int Period { get; set; }
    public Guid FeeItemId { get; set; }
    public required string FeeItemName { get; set; }
    public FeeKind Kind { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public required string Basis { get; set; }
    public decimal Amount { get; set; }
    public decimal Paid { get; set; }
    public DateOnly DueDate { get; set; }
    public int GraceDays { get; set; }
    public decimal LateFeeDailyRate { get; set; }
    public decimal LateFeeCap { get; set; }

    public decimal Outstanding => Amount - Paid;

    public decimal LateFeeAt(DateOnly asOf) => LateFee.Compute(Outstanding, DueDate, GraceDays, LateFeeDailyRate, LateFeeCap, asOf);
}
