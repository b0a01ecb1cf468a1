using Wuye.Modules.Inspections.Domain;
using static Wuye.Modules.Inspections.Domain.CheckFrequency;

namespace Wuye.Tests.Modules.Inspections.Domain;

public sealed class QpiCalculatorTests
{
    [Fact]
    public void Required_points_divide_only_quarterly_semiannual_and_annual_items()
    {
        // 2 daily + 1 weekly + 1 biweekly + 3 monthly + 3 quarterly + 6 semiannual + 12 annual points
        CheckFrequency[] plan =
        [
            Daily,
            Daily,
            Weekly,
            Biweekly,
            Monthly,
            Monthly,
            Monthly,
            Quarterly,
            Quarterly,
            Quarterly,
            .. Enumerable.Repeat(Semiannual, 6),
            .. Enumerable.Repeat(Annual, 12),
        ];
        // 2 + 1 + 1 + 3 + 3/3 + 6/6 + 12/12 = 10
        Assert.Equal(10m, decimal.Round(QpiCalculator.RequiredPoints(plan), 6));
    }

    [Fact]
    public void A_single_quarterly_item_asks_a_third_of_a_point_each_month()
    {
        Assert.Equal(1m / 3, QpiCalculator.RequiredPoints([Quarterly]));
        Assert.Equal(1m / 6, QpiCalculator.RequiredPoints([Semiannual]));
        Assert.Equal(1m / 12, QpiCalculator.RequiredPoints([Annual]));
    }

    [Fact]
    public void A_daily_item_asks_one_check_per_calendar_day()
    {
        Assert.Equal(30m, QpiCalculator.ChecksInMonth(Daily, 2026, 11));
        Assert.Equal(28m, QpiCalculator.ChecksInMonth(Daily, 2026, 2));
        Assert.Equal(31m / 7, QpiCalculator.ChecksInMonth(Weekly, 2026, 12));
        Assert.Equal(1m, QpiCalculator.ChecksInMonth(Monthly, 2026, 2));
        // November 2026: 30 + 30/7 + 30/14 + 1 + 1/3 = 37.7619…
        Assert.Equal(37.7619m, decimal.Round(QpiCalculator.RequiredChecks([Daily, Weekly, Biweekly, Monthly, Quarterly], 2026, 11), 4));
    }

    [Fact]
    public void Coverage_and_frequency_completion_follow_the_seed()
    {
        // Plan: 1 daily and 2 monthly points in November; the daily point was checked on 20 days, one monthly point once.
        var required = QpiCalculator.RequiredPoints([Daily, Monthly, Monthly]);
        var checks = QpiCalculator.RequiredChecks([Daily, Monthly, Monthly], 2026, 11);
        var t = QpiTally.Zero with
        {
            RequiredPoints = required,
            DonePoints = 2,
            RequiredChecks = checks,
            DoneChecks = 21,
            AllChecks = 21,
            TraceableChecks = 21,
        };
        Assert.Equal(2m / 3, t.Coverage);
        Assert.Equal(21m / 32, t.FrequencyCompletion);
        Assert.True(t.FrequencyCompletion < QpiCalculator.FrequencyCompletionTarget);
        Assert.Equal(1m, t.Traceability);
    }

    [Fact]
    public void A_month_with_no_plan_gives_zero_percent_not_an_error()
    {
        var t = QpiTally.Zero;
        Assert.Equal(0m, t.Coverage);
        Assert.Equal(0m, t.FrequencyCompletion);
        Assert.Equal(0m, t.Closure);
        Assert.Equal(0m, t.Traceability);
        Assert.Equal(0m, t.DeductionRatio);
        // Ad hoc checks with no plan: still 0% coverage, but traceability is computed.
        var adHoc = QpiTally.Zero with { AllChecks = 4, TraceableChecks = 3 };
        Assert.Equal(0m, adHoc.Coverage);
        Assert.Equal(0.75m, adHoc.Traceability);
    }

    [Fact]
    public void A_quarterly_point_checked_once_is_done_in_every_month_of_its_quarter_weighed_like_its_requirement()
    {
        // Checked on 20 November: October, November and December each carry a third of a point, done.
        DateOnly[] checkedOn = [new(2026, 11, 20)];
        foreach (var month in new DateOnly[] { new(2026, 10, 1), new(2026, 11, 1), new(2026, 12, 1) })
        {
            var (points, checks) = QpiCalculator.Done(Quarterly, checkedOn, month);
            Assert.Equal(1m / 3, points);
            Assert.Equal(1m / 3, checks);
            var t = QpiTally.Zero with { RequiredPoints = QpiCalculator.RequiredPoints([Quarterly]), DonePoints = points };
            Assert.Equal(1m, t.Coverage);
        }
        // The next quarter starts undone.
        Assert.Equal((0m, 0m), QpiCalculator.Done(Quarterly, checkedOn, new DateOnly(2027, 1, 1)));
        Assert.Equal(1m / 12, QpiCalculator.Done(Annual, checkedOn, new DateOnly(2026, 3, 1)).Points);
    }

    [Fact]
    public void A_daily_point_is_one_point_however_often_and_one_check_per_day()
    {
        DateOnly[] checkedOn = [new(2026, 11, 2), new(2026, 11, 2), new(2026, 11, 3), new(2026, 10, 31)];
        Assert.Equal((1m, 2m), QpiCalculator.Done(Daily, checkedOn, new DateOnly(2026, 11, 1)));
        Assert.Equal((0m, 0m), QpiCalculator.Done(Monthly, [], new DateOnly(2026, 11, 1)));
    }

    [Fact]
    public void Closure_divides_closed_items_by_suggestions_plus_deductions_as_the_seed_writes_it()
    {
        // 2 suggestions, 3 rectifications, 2 deductions; 3 items closed (rectifications and deductions get notices).
        var t = QpiTally.Zero with { Suggestions = 2, Rectifications = 3, Deductions = 2, ClosedItems = 3, AllChecks = 40 };
        Assert.Equal(3m / 4, t.Closure);
        Assert.Equal(0.05m, t.SuggestionRatio);
        Assert.Equal(3m / 40, t.RectificationRatio);
        Assert.Equal(0.05m, t.DeductionRatio);
        Assert.True(t.DeductionRatio >= QpiCalculator.FindingRatioTarget);
    }

    [Fact]
    public void Totals_are_sums_over_sums_not_averages_of_rates()
    {
        var a = QpiTally.Zero with { RequiredPoints = 10, DonePoints = 10 }; // 100%
        var b = QpiTally.Zero with { RequiredPoints = 30, DonePoints = 0 }; // 0%
        var total = QpiTally.Sum([a, b]);
        Assert.Equal(0.25m, total.Coverage); // not (100% + 0%) / 2
    }

    [Fact]
    public void The_project_score_is_100_less_its_deduction_points_and_never_negative()
    {
        Assert.Equal(92.5m, QpiCalculator.Score(7.5m));
        Assert.Equal(0m, QpiCalculator.Score(130m));
    }
}

public sealed class FrequencyCompletionTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public void Checking_only_a_monthly_point_on_24_days_does_not_make_up_for_a_daily_point_never_checked()
    {
        // Issue 21's worked example: one daily and one monthly point in November (30 days); only the monthly
        // point was checked, on 24 days. Counting a check per day gave 24 / 31 = 77% (over the 75% target).
        var checkedOn = Enumerable.Range(1, 24).Select(d => new DateOnly(2026, 11, d)).ToList();
        var required = QpiCalculator.RequiredChecks([Daily, Monthly], 2026, 11);
        var monthly = QpiCalculator.Done(Monthly, checkedOn, November);
        var daily = QpiCalculator.Done(Daily, [], November);
        var t = QpiTally.Zero with { RequiredChecks = required, DoneChecks = monthly.Checks + daily.Checks };
        Assert.Equal(31m, required);
        Assert.Equal(1m, monthly.Checks);
        Assert.Equal(1m / 31, t.FrequencyCompletion); // 3.2%
        Assert.True(t.FrequencyCompletion < QpiCalculator.FrequencyCompletionTarget);
    }

    [Fact]
    public void A_weekly_point_checked_twice_in_one_week_counts_one_check()
    {
        Assert.Equal(1m, QpiCalculator.Done(Weekly, [new(2026, 11, 2), new(2026, 11, 5)], November).Checks);
        Assert.Equal(2m, QpiCalculator.Done(Weekly, [new(2026, 11, 2), new(2026, 11, 9)], November).Checks);
        Assert.Equal(1m, QpiCalculator.Done(Biweekly, [new(2026, 11, 1), new(2026, 11, 14)], November).Checks);
    }

    [Fact]
    public void A_point_checked_in_every_period_reaches_exactly_its_requirement()
    {
        foreach (var (year, month) in new[] { (2026, 11), (2026, 12), (2027, 2) })
        {
            var first = new DateOnly(year, month, 1);
            var everyDay = Enumerable.Range(0, DateTime.DaysInMonth(year, month)).Select(first.AddDays).ToList();
            foreach (var f in new[] { Daily, Weekly, Biweekly, Monthly })
                Assert.Equal(QpiCalculator.ChecksInMonth(f, year, month), QpiCalculator.Done(f, everyDay, first).Checks, 20);
        }
    }
}
