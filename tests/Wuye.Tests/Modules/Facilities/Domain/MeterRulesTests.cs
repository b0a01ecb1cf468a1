using Wuye.Modules.Facilities.Domain;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>Each abnormal-reading rule on hand-computed cases, no database.</summary>
public sealed class MeterRulesTests
{
    private static readonly DateOnly Today = new(2027, 5, 20);

    private static ReadingContext Ctx(
        decimal value,
        decimal? previous = 1000m,
        decimal multiplier = 1m,
        decimal? rolloverAt = null,
        DateOnly? readOn = null,
        int? previousPeriod = 202704,
        bool duplicate = false,
        decimal[]? last = null,
        decimal? lastYear = null
    ) => new(value, readOn ?? Today, Today, multiplier, rolloverAt, previous, previousPeriod, duplicate, last ?? [], lastYear);

    private static List<ReadingAnomaly> Check(ReadingContext c) => MeterRules.Check(c, MeterThresholds.Default);

    [Fact]
    public void Consumption_is_the_difference_times_the_multiplier_and_rolls_over_at_the_capacity()
    {
        Assert.Equal(4000m, MeterRules.Consumption(1000m, 1050m, 80m, null)); // 50 kWh on a CT meter ×80
        Assert.Equal(-20m, MeterRules.Consumption(1000m, 980m, 1m, null));
        Assert.Equal(150m, MeterRules.Consumption(99_900m, 50m, 1m, 100_000m)); // 100 to the roll-over, 50 after
        Assert.Null(MeterRules.Consumption(null, 50m, 1m, null));
    }

    [Fact]
    public void A_drop_is_negative_or_a_roll_over_on_a_meter_with_a_capacity()
    {
        Assert.Equal([ReadingAnomaly.Negative], Check(Ctx(980m)));
        Assert.Equal([ReadingAnomaly.RolledOver], Check(Ctx(50m, previous: 99_900m, rolloverAt: 100_000m)));
        Assert.Empty(Check(Ctx(1010m)));
    }

    [Fact]
    public void Use_above_k_times_the_median_of_the_last_three_periods_is_flagged()
    {
        // Median of 100, 120, 90 is 100; k = 3 → above 300 is abnormal, 300 itself is not.
        Assert.Empty(Check(Ctx(1300m, last: [100m, 120m, 90m])));
        Assert.Equal([ReadingAnomaly.AboveMedian], Check(Ctx(1301m, last: [100m, 120m, 90m])));
        // 5× the usual.
        Assert.Equal([ReadingAnomaly.AboveMedian], Check(Ctx(1500m, last: [400m, 100m, 100m, 100m])));
        // Fewer than three periods of history: no judgement yet.
        Assert.Empty(Check(Ctx(1900m, last: [100m, 100m])));
        Assert.Equal(110m, MeterRules.Median([100m, 120m, 90m, 130m]));
    }

    [Fact]
    public void Use_more_than_30_percent_off_the_same_month_last_year_is_flagged_both_ways()
    {
        Assert.Empty(Check(Ctx(1130m, lastYear: 100m)));
        Assert.Equal([ReadingAnomaly.YearOnYear], Check(Ctx(1131m, lastYear: 100m)));
        Assert.Empty(Check(Ctx(1070m, lastYear: 100m)));
        Assert.Equal([ReadingAnomaly.YearOnYear], Check(Ctx(1069m, lastYear: 100m)));
        Assert.Equal([ReadingAnomaly.YearOnYear], Check(Ctx(1010m, multiplier: 20m, lastYear: 100m))); // 200 vs 100
    }

    [Fact]
    public void Duplicate_future_dated_and_missing_period_readings_are_flagged()
    {
        Assert.Equal([ReadingAnomaly.Duplicate], Check(Ctx(1010m, previousPeriod: 202705, duplicate: true)));
        Assert.Equal([ReadingAnomaly.FutureDated], Check(Ctx(1010m, readOn: Today.AddDays(1), previousPeriod: 202705)));
        // Last read in February, now May: March and April are missing.
        Assert.Equal([ReadingAnomaly.MissingPeriod], Check(Ctx(1010m, previousPeriod: 202702)));
        Assert.Equal(2, MeterRules.Gap(202702, 202705));
        Assert.Equal(1, MeterRules.Gap(202611, 202701));
        Assert.Equal(202701, MeterRules.NextPeriod(202612));
        Assert.Equal(202605, MeterRules.AddPeriods(202705, -12));
    }

    [Fact]
    public void Shared_meter_loss_is_master_minus_its_sub_meters_over_the_master()
    {
        // 1000 on the master, 880 on the subs: 12% lost, above 10%.
        Assert.Equal(12m, MeterRules.LossPercent(1000m, [500m, 380m]));
        Assert.True(MeterRules.IsSharedLoss(1000m, [500m, 380m], MeterThresholds.Default));
        Assert.False(MeterRules.IsSharedLoss(1000m, [500m, 400m], MeterThresholds.Default)); // exactly 10%
        Assert.False(MeterRules.IsSharedLoss(1000m, [500m, 380m], new MeterThresholds(SharedLossPercent: 15m)));
        Assert.Null(MeterRules.LossPercent(0m, [10m]));
    }
}
