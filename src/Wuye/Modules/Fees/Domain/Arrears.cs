using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>Ageing of arrears by days past the due date: 0–30, 31–90, 91–180, 181–365, over 365.</summary>
internal static class Ageing
{
    public static readonly int[] UpperBounds = [30, 90, 180, 365];

    public static string[] Names =>
        [
            Loc.T("0–30 天", "0–30 days"),
            Loc.T("31–90 天", "31–90 days"),
            Loc.T("91–180 天", "91–180 days"),
            Loc.T("181–365 天", "181–365 days"),
            Loc.T("365 天以上", "Over 365 days"),
        ];

    /// <summary>Days past due on <paramref name="asOf"/>; 0 or less = not yet in arrears.</summary>
    public static int DaysPastDue(DateOnly due, DateOnly asOf) => asOf.DayNumber - due.DayNumber;

    /// <summary>The bucket (0..4) of a line due on <paramref name="due"/>, or null when it is not yet past due.</summary>
    public static int? Bucket(DateOnly due, DateOnly asOf)
    {
        var days = DaysPastDue(due, asOf);
        if (days <= 0)
            return null;
        for (var i = 0; i < UpperBounds.Length; i++)
            if (days <= UpperBounds[i])
                return i;
        return UpperBounds.Length;
    }
}

/// <summary>A rate with what it is made of: numerator / denominator, null when there is nothing to divide.</summary>
internal sealed record Rate(decimal Numerator, decimal Denominator)
{
    public decimal? Value => Denominator == 0 ? null : Math.Round(Numerator / Denominator, 4);

    public string Percent => Value is { } v ? (v * 100).ToString("0.00") + "%" : "—";
}

/// <summary>
/// The two collection rates of a period (收缴率), by amount and by households:
/// current-period = collected of this period's billing / billed this period;
/// arrears recovery = old arrears collected during the period / old arrears at its start.
/// </summary>
internal sealed record CollectionFigures(Rate CurrentByAmount, Rate CurrentByHouseholds, Rate RecoveryByAmount, Rate RecoveryByHouseholds)
{
    /// <summary>The goal (001 service goal, 002/篇4 indicator 4): 98%.</summary>
    public const decimal Goal = 0.98m;

    /// <summary>
    /// From per-bill facts: this period's bills (amount, paid by the end of the measurement) and the
    /// units' old bills (owed at the period's start, paid back since). Households are homes: a home with a management-fee
    /// bill and a water bill in the period is one household, settled when both are.
    /// </summary>
    public static CollectionFigures From(IEnumerable<CurrentBill> current, IEnumerable<OldBill> old)
    {
        var cur = current.ToList();
        var o = old.Where(b => b.OwedAtStart > 0).ToList();
        return Of(
            new CurrentTotals(
                cur.Sum(b => b.Amount),
                cur.Sum(b => Math.Min(b.PaidByEnd, b.Amount)),
                cur.Select(b => b.UnitId).Distinct().Count(),
                cur.GroupBy(b => b.UnitId).Count(g => g.All(b => b.PaidByEnd >= b.Amount))
            ),
            new OldTotals(
                o.Sum(b => b.OwedAtStart),
                o.Sum(b => Math.Min(b.RecoveredInPeriod, b.OwedAtStart)),
                o.Select(b => b.UnitId).Distinct().Count(),
                o.GroupBy(b => b.UnitId).Count(g => g.All(b => b.RecoveredInPeriod >= b.OwedAtStart))
            )
        );
    }

    /// <summary>From totals summed the same way (in SQL, over many bills: <see cref="From"/> says what each total is).</summary>
    public static CollectionFigures Of(CurrentTotals cur, OldTotals old) =>
        new(
            new Rate(cur.Collected, cur.Billed),
            new Rate(cur.Settled, cur.Households),
            new Rate(old.Recovered, old.Owed),
            new Rate(old.RecoveredHouseholds, old.Households)
        );
}

/// <summary>
/// This period's bills: billed (less credit notes), collected (each bill's payments up to its amount), households billed,
/// households whose bills of the period are all paid.
/// </summary>
internal sealed record CurrentTotals(decimal Billed, decimal Collected, int Households, int Settled)
{
    public static CurrentTotals operator +(CurrentTotals a, CurrentTotals b) =>
        new(a.Billed + b.Billed, a.Collected + b.Collected, a.Households + b.Households, a.Settled + b.Settled);
}

/// <summary>
/// Old arrears: owed at the period's start, recovered during it (each bill up to what it owed), households owing, households that paid
/// every old bill back.
/// </summary>
internal sealed record OldTotals(decimal Owed, decimal Recovered, int Households, int RecoveredHouseholds)
{
    public static OldTotals operator +(OldTotals a, OldTotals b) =>
        new(a.Owed + b.Owed, a.Recovered + b.Recovered, a.Households + b.Households, a.RecoveredHouseholds + b.RecoveredHouseholds);
}

internal sealed record CurrentBill(Guid UnitId, decimal Amount, decimal PaidByEnd);

internal sealed record OldBill(Guid UnitId, decimal OwedAtStart, decimal RecoveredInPeriod);
