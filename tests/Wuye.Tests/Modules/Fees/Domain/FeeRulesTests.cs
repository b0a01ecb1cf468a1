using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Fees.Domain;

/// <summary>Fee items, bills, payments, ageing and collection rates: hand-computed cases on the entities alone, to the fen.</summary>
public sealed class FeeRulesTests
{
    private static readonly Guid Company = Guid.NewGuid();
    private static readonly Guid Project = Guid.NewGuid();

    private static FeeItem Item(
        string name,
        FeeKind kind,
        decimal price,
        string? unitType = null,
        RoundingRule rounding = RoundingRule.HalfUp,
        int dueDay = 15
    ) =>
        new()
        {
            CompanyId = Company,
            ProjectId = Project,
            Name = name,
            Kind = kind,
            UnitPrice = price,
            UnitType = unitType,
            Rounding = rounding,
            DueDay = dueDay,
            GraceDays = 15,
            LateFeeDailyRate = 0.0005m,
            LateFeeCap = 0.2m,
        };

    private static BillTarget Unit(decimal? area, string? type = "三室两厅", int spaces = 0) =>
        new(Company, Project, null, Guid.NewGuid(), Guid.NewGuid(), area, type, spaces);

    private static Bill BillFor(BillTarget u, int period, params (FeeItem Item, decimal Qty)[] charges) =>
        Bill.Issue(u, period, DateTimeOffset.UtcNow, charges);

    [Fact]
    public void A_months_bills_for_a_small_project_equal_the_hand_computed_amounts_to_the_fen()
    {
        var fee = Item("物业管理费", FeeKind.AreaBased, 2.35m);
        var big = Item("物业管理费（四室）", FeeKind.AreaBased, 2.6m, "四室两厅");
        var refuse = Item("生活垃圾清运费", FeeKind.Fixed, 10m);
        var rent = Item("车位租金", FeeKind.ParkingRent, 300m);
        // 89.37 × 2.35 = 210.0195 → 210.02; 120.5 × 2.35 = 283.175 → 283.18 (half up); 143.21 × 2.6 = 372.346 → 372.35.
        var a = BillFor(Unit(89.37m), 202612, (fee, 89.37m), (refuse, 1));
        var b = BillFor(Unit(120.5m, spaces: 2), 202612, (fee, 120.5m), (refuse, 1), (rent, 2));
        var c = BillFor(Unit(143.21m, "四室两厅"), 202612, (big, 143.21m), (refuse, 1));
        Assert.Equal(220.02m, a.Amount);
        Assert.Equal(283.18m + 10m + 600m, b.Amount);
        Assert.Equal(382.35m, c.Amount);
        Assert.Equal(220.02m + 893.18m + 382.35m, a.Amount + b.Amount + c.Amount);
        Assert.Equal(new DateOnly(2026, 12, 15), a.DueDate);
        Assert.StartsWith("89.37 m² × 2.35", a.Lines[0].Basis);
        Assert.StartsWith("2 ", b.Lines[2].Basis);
        Assert.True(big.AppliesTo("四室两厅"));
        Assert.False(big.AppliesTo("三室两厅"));
        Assert.True(fee.AppliesTo(null));
        // Rounding down to the fen: 210.0195 → 210.01.
        Assert.Equal(210.01m, Item("x", FeeKind.AreaBased, 2.35m, rounding: RoundingRule.Down).Charge(89.37m));
        Assert.Equal("bill.empty", Assert.Throws<RuleException>(() => BillFor(Unit(null), 202612, (fee, 0m))).Code);
    }

    [Fact]
    public void A_quarterly_item_is_billed_in_the_first_month_of_each_quarter_for_three_months_rounded_once()
    {
        var quarterly = Item("物业管理费（季度）", FeeKind.AreaBased, 2.35m);
        quarterly.CycleMonths = 3;
        Assert.Equal([202701, 202704, 202707, 202710], Enumerable.Range(1, 12).Select(m => 202700 + m).Where(quarterly.BilledIn));
        var yearly = Item("车位租金（年）", FeeKind.ParkingRent, 150m);
        yearly.CycleMonths = 12;
        Assert.Equal([202601, 202701], new[] { 202512, 202601, 202602, 202612, 202701 }.Where(yearly.BilledIn));
        // 89.37 m² × 2.35 × 3 = 630.0585 → 630.06 (not 3 × the rounded month, 3 × 210.02 = 630.06 here by chance: 89.33 shows it).
        Assert.Equal(630.06m, quarterly.Charge(89.37m));
        // 89.33 × 2.35 = 209.9255 → 209.93 a month (× 3 = 629.79); over the quarter 629.7765 → 629.78.
        Assert.Equal(629.78m, quarterly.Charge(89.33m));
        Assert.Contains("× 2.35", quarterly.Basis(89.37m));
        Assert.Contains(" × 3 ", quarterly.Basis(89.37m));
        Assert.Equal(1800m, yearly.Charge(1));
        Assert.True(Item("x", FeeKind.Fixed, 10m).BilledIn(202702));
    }

    [Fact]
    public void Late_fees_run_per_day_after_the_grace_days_and_stop_at_the_cap()
    {
        var due = new DateOnly(2026, 1, 15);
        // Within grace (due + 15 days): nothing.
        Assert.Equal(0m, LateFee.Compute(300m, due, 15, 0.0005m, 0.2m, new DateOnly(2026, 1, 30)));
        // 1 March: 45 days after the due date, 30 past the grace: 300 × 0.0005 × 30 = 4.50.
        Assert.Equal(4.5m, LateFee.Compute(300m, due, 15, 0.0005m, 0.2m, new DateOnly(2026, 3, 1)));
        // 215.37 × 0.0005 × 7 = 0.753795 → 0.75.
        Assert.Equal(0.75m, LateFee.Compute(215.37m, due, 0, 0.0005m, 0.2m, new DateOnly(2026, 1, 22)));
        // Two years on: 300 × 0.0005 × 700 = 105 → capped at 20% = 60.
        Assert.Equal(60m, LateFee.Compute(300m, due, 15, 0.0005m, 0.2m, due.AddDays(715)));
        Assert.Equal(0m, LateFee.Compute(0m, due, 0, 0.0005m, 0.2m, due.AddDays(100)));
    }

    [Fact]
    public void A_partial_payment_goes_to_the_oldest_lines_first_and_an_overpayment_is_held_as_credit()
    {
        var fee = Item("物业管理费", FeeKind.AreaBased, 2m);
        var refuse = Item("生活垃圾清运费", FeeKind.Fixed, 10m);
        var u = Unit(100m);
        var oct = BillFor(u, 202610, (fee, 100m), (refuse, 1)); // 200 + 10, due 15 Oct
        var nov = BillFor(u, 202611, (fee, 100m), (refuse, 1)); // 210, due 15 Nov
        var dec = BillFor(u, 202612, (fee, 100m), (refuse, 1));
        var open = new[] { dec, oct, nov }.SelectMany(b => b.Lines.Select(l => (b, l))).ToList();
        var pay = new Payment
        {
            CompanyId = Company,
            ProjectId = Project,
            UnitId = u.UnitId,
            ReceiptNumber = "SK1",
            ReceivedByName = "客服",
            Amount = 300m,
        };
        var made = pay.Allocate(open, DateTimeOffset.UtcNow);
        // October in full (200 + 10), then November's management fee gets the remaining 90.
        Assert.Equal(new[] { (202610, 200m), (202610, 10m), (202611, 90m) }, made.Select(a => (a.BillPeriod, a.Amount)).ToArray());
        Assert.True(oct.Settled);
        Assert.Equal(120m, nov.Outstanding);
        Assert.Equal(210m, dec.Outstanding);
        Assert.Equal(0m, pay.Credit);

        var more = new Payment
        {
            CompanyId = Company,
            ProjectId = Project,
            UnitId = u.UnitId,
            ReceiptNumber = "SK2",
            ReceivedByName = "客服",
            Amount = 500m,
        };
        more.Allocate(open, DateTimeOffset.UtcNow);
        Assert.True(nov.Settled && dec.Settled);
        Assert.Equal(500m - 120m - 210m, more.Credit);
        Assert.Throws<ValidationException>(() => Payment.CheckAmount(0.001m));
        Assert.Throws<ValidationException>(() => Payment.CheckAmount(-1m));
    }

    [Fact]
    public void Arrears_age_into_buckets_by_days_past_the_due_date()
    {
        var asOf = new DateOnly(2026, 12, 3);
        Assert.Null(Ageing.Bucket(asOf, asOf)); // due today: not yet in arrears
        Assert.Null(Ageing.Bucket(asOf.AddDays(12), asOf));
        Assert.Equal(0, Ageing.Bucket(asOf.AddDays(-1), asOf));
        Assert.Equal(0, Ageing.Bucket(asOf.AddDays(-30), asOf));
        Assert.Equal(1, Ageing.Bucket(asOf.AddDays(-31), asOf));
        Assert.Equal(1, Ageing.Bucket(asOf.AddDays(-90), asOf));
        Assert.Equal(2, Ageing.Bucket(asOf.AddDays(-91), asOf));
        Assert.Equal(3, Ageing.Bucket(asOf.AddDays(-181), asOf));
        Assert.Equal(3, Ageing.Bucket(asOf.AddDays(-365), asOf));
        Assert.Equal(4, Ageing.Bucket(asOf.AddDays(-366), asOf));
    }

    [Fact]
    public void Both_collection_rates_come_with_numerator_and_denominator_by_amount_and_households()
    {
        Guid a = Guid.NewGuid(),
            b = Guid.NewGuid(),
            c = Guid.NewGuid(),
            d = Guid.NewGuid();
        var f = CollectionFigures.From(
            // d's water bill is paid, its management fee is not: one household, not settled.
            [new(a, 200m, 200m), new(b, 300m, 150m), new(c, 500m, 500m), new(d, 100m, 0m), new(d, 40m, 40m)],
            // Old arrears at the period's start: a owed 100 (all paid back), b owed 2 bills of 50 (one paid back), c owed 400 (none).
            [new(a, 100m, 100m), new(b, 50m, 50m), new(b, 50m, 0m), new(c, 400m, 0m)]
        );
        Assert.Equal(new Rate(890m, 1140m), f.CurrentByAmount);
        Assert.Equal(0.7807m, f.CurrentByAmount.Value);
        Assert.Equal(new Rate(2, 4), f.CurrentByHouseholds);
        Assert.Equal(new Rate(150m, 600m), f.RecoveryByAmount);
        Assert.Equal(0.25m, f.RecoveryByAmount.Value);
        Assert.Equal(new Rate(1, 3), f.RecoveryByHouseholds);
        Assert.Null(CollectionFigures.From([], []).CurrentByAmount.Value);
    }

    [Theory]
    [InlineData("1495.55", "壹仟肆佰玖拾伍元伍角伍分")]
    [InlineData("300", "叁佰元整")]
    [InlineData("100050.07", "壹拾万零伍拾元零柒分")]
    [InlineData("0.5", "伍角整")]
    [InlineData("10000000", "壹仟万元整")]
    [InlineData("1002.30", "壹仟零贰元叁角整")]
    public void A_receipts_amount_in_capitals_reads_as_written_by_hand(string amount, string expected) =>
        Assert.Equal(expected, ChineseAmount.Upper(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
