namespace Wuye.Modules.Facilities.Domain;

/// <summary>Why a reading is abnormal (抄表异常); each one becomes a task for the meter's responsible person.</summary>
internal enum ReadingAnomaly
{
    /// <summary>Lower than the previous reading, on a meter that does not roll over.</summary>
    Negative,

    /// <summary>Lower than the previous reading on a meter that rolls over at its capacity (counted as a roll-over; checked).</summary>
    RolledOver,

    /// <summary>Consumption above k × the median of the last 3 periods.</summary>
    AboveMedian,

    /// <summary>Consumption more than ±N% off the same month last year.</summary>
    YearOnYear,

    /// <summary>A second reading for a period that already has one.</summary>
    Duplicate,

    /// <summary>Read on a day after today.</summary>
    FutureDated,

    /// <summary>One or more periods between the previous reading and this one have none.</summary>
    MissingPeriod,

    /// <summary>Master − sum of its sub-meters above N% of the master (shared-meter loss).</summary>
    SharedLoss,
}

/// <summary>A project's thresholds for abnormal readings (per project; these defaults otherwise).</summary>
internal sealed record MeterThresholds(decimal MedianFactor = 3m, decimal YearOnYearPercent = 30m, decimal SharedLossPercent = 10m)
{
    public static readonly MeterThresholds Default = new();
}

/// <summary>What a new reading is checked against: the meter, its previous reading, its history of consumption.</summary>
internal sealed record ReadingContext(
    decimal Value,
    DateOnly ReadOn,
    DateOnly Today,
    decimal Multiplier,
    decimal? RolloverAt,
    decimal? PreviousValue,
    int? PreviousPeriod,
    bool PeriodAlreadyRead,
    IReadOnlyList<decimal> LastPeriods,
    decimal? SameMonthLastYear
);

/// <summary>
/// 抄表规则 (issue #15 item 4): a period is a China month (yyyyMM); consumption = (reading − previous) × multiplier, with a roll-over
/// at the meter's capacity; the anomaly rules on one reading, and the shared-meter loss of a master and its sub-meters.
/// </summary>
internal static class MeterRules
{
    public static int Period(DateOnly day) => day.Year * 100 + day.Month;

    public static int NextPeriod(int period) => period % 100 == 12 ? (period / 100 + 1) * 100 + 1 : period + 1;

    public static int AddPeriods(int period, int n)
    {
        var months = period / 100 * 12 + period % 100 - 1 + n;
        return months / 12 * 100 + months % 12 + 1;
    }

    /// <summary>How many whole periods lie strictly between two periods.</summary>
    public static int Gap(int from, int to) => (to / 100 * 12 + to % 100) - (from / 100 * 12 + from % 100) - 1;

    /// <summary>The consumption since the previous reading (null for a first reading); a drop rolls over at the capacity if the meter
    /// has one, else stays negative.</summary>
    public static decimal? Consumption(decimal? previous, decimal value, decimal multiplier, decimal? rolloverAt)
    {
        if (previous is not { } p)
            return null;
        var diff = value - p;
        if (diff < 0 && rolloverAt is { } cap && cap > p)
            diff = cap - p + value;
        return diff * multiplier;
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
            return 0;
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Every rule a reading breaks, in the order of <see cref="ReadingAnomaly"/>.</summary>
    public static List<ReadingAnomaly> Check(ReadingContext c, MeterThresholds t)
    {
        var found = new List<ReadingAnomaly>();
        var consumption = Consumption(c.PreviousValue, c.Value, c.Multiplier, c.RolloverAt);
        if (c.PreviousValue is { } prev && c.Value < prev)
            found.Add(c.RolloverAt is { } cap && cap > prev ? ReadingAnomaly.RolledOver : ReadingAnomaly.Negative);
        if (consumption is { } q && q >= 0)
        {
            var last = c.LastPeriods.TakeLast(3).ToList();
            if (last.Count == 3 && Median(last) is var m && m > 0 && q > t.MedianFactor * m)
                found.Add(ReadingAnomaly.AboveMedian);
            if (c.SameMonthLastYear is { } ly && ly > 0 && Math.Abs(q - ly) / ly * 100 > t.YearOnYearPercent)
                found.Add(ReadingAnomaly.YearOnYear);
        }
        if (c.PeriodAlreadyRead)
            found.Add(ReadingAnomaly.Duplicate);
        if (c.ReadOn > c.Today)
            found.Add(ReadingAnomaly.FutureDated);
        if (c.PreviousPeriod is { } pp && Gap(pp, Period(c.ReadOn)) > 0)
            found.Add(ReadingAnomaly.MissingPeriod);
        return found;
    }

    /// <summary>Shared-meter loss in percent of the master's consumption (null without a positive master figure).</summary>
    public static decimal? LossPercent(decimal master, IEnumerable<decimal> subs) =>
        master > 0 ? Math.Round((master - subs.Sum()) / master * 100, 2) : null;

    public static bool IsSharedLoss(decimal master, IEnumerable<decimal> subs, MeterThresholds t) =>
        LossPercent(master, subs) is { } p && p > t.SharedLossPercent;

    public static (string Zh, string En) Text(ReadingAnomaly a) =>
        a switch
        {
            ReadingAnomaly.Negative => ("读数小于上次（负用量）", "Below the previous reading (negative use)"),
            ReadingAnomaly.RolledOver => ("表盘翻转，请核对", "The meter rolled over; check it"),
            ReadingAnomaly.AboveMedian => ("用量超过近三期中位数的倍数", "Use above k × the median of the last 3 periods"),
            ReadingAnomaly.YearOnYear => ("与去年同月相比变化过大", "Too far off the same month last year"),
            ReadingAnomaly.Duplicate => ("本期已抄过表", "This period was already read"),
            ReadingAnomaly.FutureDated => ("抄表日期在未来", "Read on a future date"),
            ReadingAnomaly.MissingPeriod => ("中间有漏抄的月份", "A period in between has no reading"),
            _ => ("总表与分表差额超标（公摊损耗）", "Master minus sub-meters above the loss threshold"),
        };
}
