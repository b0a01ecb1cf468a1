namespace Wuye.Modules.Inspections.Domain;

internal enum CheckFrequency
{
    Daily,
    Weekly,
    Biweekly,
    Monthly,
    Quarterly,
    Semiannual,
    Annual,
}

/// <summary>
/// The QPI formulas of seed 004 (七大指标), as pure arithmetic so they can be proved on worked examples.
///
/// Check points (核查点) and checks (核查次数) are different things in the seed:
/// - required check points in a month = daily + weekly + biweekly + monthly points + quarterly/3 +
///   semiannual/6 + annual/12 (“当月应完成日查、周查、两周查、月查频次点数+季度查频次核查点/3+半年查频次核查点/6+年度核查频次核查点/12”).
///   A point is one item planned at one project; a daily point therefore counts ONCE in the month,
///   exactly as a monthly one does: the seed divides only the longer cycles.
/// - required checks in a month count every visit the frequency asks for. A daily item asks for one
///   check per CALENDAR day (the seed names no rest days, and estates are served seven days a week);
///   weekly = calendar days / 7, biweekly = days / 14, monthly 1, quarterly 1/3, semiannual 1/6, annual 1/12.
/// Done is weighed exactly as required is, so the two sides of each rate count the same thing:
/// a daily to monthly point is done in a month when it was checked in that month (weight 1), and its done
/// checks count at most one per period of its frequency (<see cref="DoneChecks"/>); a quarterly,
/// semiannual or annual point carries its 1/3, 1/6 or 1/12 into every month of its period once it was
/// checked anywhere in that period. Counting such a check as a whole point against a third of one gave
/// 300% one month and 0% the next, and pushed the demo's coverage to 111%.
/// Only a check actually performed counts: one with its samples, a note, a photo or a finding on record
/// (seed 004: 到项目现场将抽样记录填写完成); a blank card is no check.
/// Rates are not capped (the seed defines no cap); with done weighed like required, coverage cannot pass
/// 100%, and frequency completion passes it only when a point is checked more often than its frequency asks.
/// A rate with nothing to divide by is 0, not an error (a month with no plan shows 0%).
/// </summary>
internal static class QpiCalculator
{
    public const decimal FrequencyCompletionTarget = 0.75m;
    public const decimal ClosureTarget = 1m;
    public const decimal TraceabilityTarget = 1m;
    public const decimal FindingRatioTarget = 0.05m;

    /// <summary>How much one planned point of this frequency weighs in a month's required check points.</summary>
    public static decimal PointWeight(CheckFrequency f) =>
        f switch
        {
            CheckFrequency.Quarterly => 1m / 3,
            CheckFrequency.Semiannual => 1m / 6,
            CheckFrequency.Annual => 1m / 12,
            _ => 1m,
        };

    /// <summary>How many checks one planned point of this frequency asks for in the given month.</summary>
    public static decimal ChecksInMonth(CheckFrequency f, int year, int month)
    {
        decimal days = DateTime.DaysInMonth(year, month);
        return f switch
        {
            CheckFrequency.Daily => days,
            CheckFrequency.Weekly => days / 7,
            CheckFrequency.Biweekly => days / 14,
            CheckFrequency.Monthly => 1m,
            CheckFrequency.Quarterly => 1m / 3,
            CheckFrequency.Semiannual => 1m / 6,
            _ => 1m / 12,
        };
    }

    /// <summary>Quarterly, semiannual and annual points are done once per period, spread over its months.</summary>
    public static bool SpansMonths(CheckFrequency f) => f is CheckFrequency.Quarterly or CheckFrequency.Semiannual or CheckFrequency.Annual;

    /// <summary>
    /// What one planned point adds to a month's done points and done checks, given the China dates it was
    /// performed on (any dates; only those of its period count) and the month (its first day).
    /// </summary>
    public static (decimal Points, decimal Checks) Done(CheckFrequency f, IEnumerable<DateOnly> performedOn, DateOnly month)
    {
        var next = month.AddMonths(1);
        if (SpansMonths(f))
        {
            var months = f switch
            {
                CheckFrequency.Quarterly => 3,
                CheckFrequency.Semiannual => 6,
                _ => 12,
            };
            var start = new DateOnly(month.Year, (month.Month - 1) / months * months + 1, 1);
            var end = start.AddMonths(months);
            var covered = performedOn.Any(d => d >= start && d < end);
            return covered ? (PointWeight(f), PointWeight(f)) : (0, 0);
        }
        var dates = performedOn.Where(d => d >= month && d < next).Distinct().ToList();
        if (dates.Count == 0)
            return (0, 0);
        return (1, DoneChecks(f, dates, month));
    }

    /// <summary>
    /// Done checks of a daily to monthly point in a month, weighed like <see cref="ChecksInMonth"/>: at most one
    /// check per period of its frequency. A daily point counts its days; a weekly point the 7-day periods
    /// of the month (1–7, 8–14, 15–21, 22–28, then 29–end weighing its days/7) in which it was checked;
    /// a biweekly point the 14-day periods likewise (1–14, 15–28, 29–end weighing days/14); a monthly
    /// point 1. Extra visits inside one period add nothing, so a monthly point checked on 24 days cannot
    /// make up for a daily point never checked, and a point checked every period reaches exactly its requirement.
    /// </summary>
    public static decimal DoneChecks(CheckFrequency f, IEnumerable<DateOnly> datesInMonth, DateOnly month)
    {
        var days = datesInMonth.Select(d => d.Day).Distinct().ToList();
        if (days.Count == 0)
            return 0;
        var length = f switch
        {
            CheckFrequency.Daily => 1,
            CheckFrequency.Weekly => 7,
            CheckFrequency.Biweekly => 14,
            _ => 0,
        };
        if (length == 0)
            return 1m;
        var monthDays = DateTime.DaysInMonth(month.Year, month.Month);
        return days.Select(d => (d - 1) / length)
            .Distinct()
            .Sum(period => (decimal)(Math.Min(monthDays, (period + 1) * length) - period * length) / length);
    }

    public static decimal RequiredPoints(IEnumerable<CheckFrequency> plannedPoints) => plannedPoints.Sum(PointWeight);

    public static decimal RequiredChecks(IEnumerable<CheckFrequency> plannedPoints, int year, int month) =>
        plannedPoints.Sum(f => ChecksInMonth(f, year, month));

    /// <summary>n / d, or 0 when there is nothing to divide by.</summary>
    public static decimal Rate(decimal n, decimal d) => d == 0 ? 0 : n / d;

    /// <summary>Project score for a month: 100 less the deduction points, never below 0.</summary>
    public static decimal Score(decimal deductionPoints) => Math.Max(0, 100 - deductionPoints);
}

/// <summary>
/// The counts behind the QPI rates for one inspector, project and month. Totals add the counts
/// and only then divide (sums over sums), never average the rates.
/// </summary>
internal sealed record QpiTally(
    decimal RequiredPoints,
    decimal DonePoints,
    decimal RequiredChecks,
    decimal DoneChecks,
    int TraceableChecks,
    int AllChecks,
    int Suggestions,
    int Rectifications,
    int Deductions,
    int ClosedItems,
    decimal DeductionPoints
)
{
    public static readonly QpiTally Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>覆盖率 = 实际完成核查点 / 要求完成核查点.</summary>
    public decimal Coverage => QpiCalculator.Rate(DonePoints, RequiredPoints);

    /// <summary>频次完成率 = 实际完成核查次数 / 要求完成核查次数 (target ≥ 75%).</summary>
    public decimal FrequencyCompletion => QpiCalculator.Rate(DoneChecks, RequiredChecks);

    /// <summary>
    /// 二次验证关闭项 = 实际完成关闭项 / (建议项 + 扣分项), as the seed writes it (target 100%): <see cref="ClosedItems"/>
    /// counts only closed suggestions and deductions, the items it is divided by (a closed rectification is not one of them).
    /// </summary>
    public decimal Closure => QpiCalculator.Rate(ClosedItems, Suggestions + Deductions);

    /// <summary>可追溯性 = 可追溯核查数 / 实际完成核查次数 (target 100%).</summary>
    public decimal Traceability => QpiCalculator.Rate(TraceableChecks, AllChecks);

    /// <summary>建议项、整改项、扣分项比率: findings of the type per check done (each target ≥ 5%).</summary>
    public decimal SuggestionRatio => QpiCalculator.Rate(Suggestions, AllChecks);
    public decimal RectificationRatio => QpiCalculator.Rate(Rectifications, AllChecks);
    public decimal DeductionRatio => QpiCalculator.Rate(Deductions, AllChecks);

    public static QpiTally operator +(QpiTally a, QpiTally b) =>
        new(
            a.RequiredPoints + b.RequiredPoints,
            a.DonePoints + b.DonePoints,
            a.RequiredChecks + b.RequiredChecks,
            a.DoneChecks + b.DoneChecks,
            a.TraceableChecks + b.TraceableChecks,
            a.AllChecks + b.AllChecks,
            a.Suggestions + b.Suggestions,
            a.Rectifications + b.Rectifications,
            a.Deductions + b.Deductions,
            a.ClosedItems + b.ClosedItems,
            a.DeductionPoints + b.DeductionPoints
        );

    public static QpiTally Sum(IEnumerable<QpiTally> tallies) => tallies.Aggregate(Zero, (x, y) => x + y);
}
