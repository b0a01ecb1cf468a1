using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>RRULE expansion over whole China dates: month ends, leap years, weekly days, skipped non-working days, bad rules.</summary>
public sealed class RecurrenceTests
{
    private static List<DateOnly> Dates(string rule, DateOnly start, DateOnly from, DateOnly to) =>
        [.. Recurrence.Dates(rule, start, from, to)];

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Month_ends_follow_the_rfc_the_last_day_is_minus_one_and_the_31st_skips_short_months()
    {
        Assert.Equal(
            [D(2027, 1, 31), D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30)],
            Dates("FREQ=MONTHLY;BYMONTHDAY=-1", D(2027, 1, 1), D(2027, 1, 1), D(2027, 4, 30))
        );
        Assert.Equal([D(2027, 1, 31), D(2027, 3, 31)], Dates("FREQ=MONTHLY;BYMONTHDAY=31", D(2027, 1, 1), D(2027, 1, 1), D(2027, 4, 30)));
    }

    [Fact]
    public void Leap_years_give_29_february_and_a_yearly_29_february_waits_four_years()
    {
        Assert.Equal([D(2028, 2, 29)], Dates("FREQ=MONTHLY;BYMONTHDAY=-1", D(2028, 2, 1), D(2028, 2, 1), D(2028, 2, 29)));
        Assert.Equal(
            [D(2028, 2, 29), D(2032, 2, 29)],
            Dates("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", D(2028, 1, 1), D(2028, 1, 1), D(2032, 12, 31))
        );
    }

    [Fact]
    public void Weekly_on_chosen_days_every_n_months_and_the_window_bounds_are_inclusive()
    {
        // 2027-03-01 is a Monday.
        Assert.Equal(
            [D(2027, 3, 1), D(2027, 3, 3), D(2027, 3, 8)],
            Dates("FREQ=WEEKLY;BYDAY=MO,WE", D(2027, 3, 1), D(2027, 3, 1), D(2027, 3, 8))
        );
        Assert.Equal(
            [D(2027, 1, 10), D(2027, 7, 10)],
            Dates("RRULE:FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=10", D(2027, 1, 10), D(2026, 1, 1), D(2027, 12, 31))
        );
        Assert.Empty(Dates("FREQ=DAILY", D(2027, 5, 1), D(2027, 4, 1), D(2027, 4, 30)));
    }

    [Fact]
    public void Dates_are_floating_china_days_whatever_the_machine_zone()
    {
        // China has no daylight saving: a daily rule across the European and American DST changes keeps one date a day.
        var dates = Dates("FREQ=DAILY", D(2027, 3, 10), D(2027, 3, 10), D(2027, 4, 5));
        Assert.Equal(27, dates.Count);
        Assert.Equal(dates.Count, dates.Distinct().Count());
    }

    [Fact]
    public void A_plan_that_skips_non_working_days_moves_them_to_the_next_working_day_once()
    {
        var plan = MaintenancePlan.Create(
            Guid.NewGuid(),
            Guid.NewGuid(),
            "水泵周检",
            null,
            AssetCategory.Pump,
            "FREQ=DAILY",
            D(2027, 3, 5),
            true,
            null,
            0,
            false
        );
        // 2027-03-05 is a Friday; the weekend and a made-up holiday on Monday 8 March are off.
        bool Working(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != D(2027, 3, 8);
        Assert.Equal([D(2027, 3, 5), D(2027, 3, 9), D(2027, 3, 10)], plan.DueDates(D(2027, 3, 5), D(2027, 3, 10), Working).ToList());
        plan.SkipNonWorkingDays = false;
        Assert.Equal(6, plan.DueDates(D(2027, 3, 5), D(2027, 3, 10), Working).Count());
    }

    [Theory]
    [InlineData("FREQ=HOURLY")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=abc")]
    [InlineData("every month")]
    public void Rules_below_a_day_or_malformed_are_field_errors(string rule)
    {
        Assert.NotNull(Recurrence.Problem(rule));
        var ex = Assert.Throws<ValidationException>(() =>
            MaintenancePlan.Create(
                Guid.NewGuid(),
                Guid.NewGuid(),
                "x",
                null,
                AssetCategory.Pump,
                rule,
                D(2027, 1, 1),
                false,
                null,
                0,
                false
            )
        );
        Assert.True(ex.Errors.ContainsKey("rule"));
    }
}
