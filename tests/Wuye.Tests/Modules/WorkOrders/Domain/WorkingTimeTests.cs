using Wuye.Modules.WorkOrders.Domain;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.WorkOrders.Domain;

/// <summary>Clock arithmetic on a project calendar: Monday–Saturday 8:30–17:30 (540 minutes a day), with 2026 holidays.</summary>
public sealed class WorkingTimeTests
{
    private static readonly WorkingTime Office = new(
        new BusinessCalendar
        {
            WorkingDays = "123456",
            Holidays =
            [
                new(2026, 10, 1),
                new(2026, 10, 2),
                new(2026, 10, 3),
                new(2026, 10, 4),
                new(2026, 10, 5),
                new(2026, 10, 6),
                new(2026, 10, 7),
            ],
            ExtraWorkdays = [new(2026, 10, 11)], // a Sunday worked in exchange (调休)
        }
    );

    [Fact]
    public void A_limit_inside_working_hours_ends_the_same_day() =>
        Assert.Equal(China(2026, 11, 23, 11, 0), Office.AddMinutes(China(2026, 11, 23, 9, 0), 120));

    [Fact]
    public void A_limit_that_runs_past_closing_time_continues_the_next_working_morning() =>
        // Monday 16:30 + 120 working minutes: 60 today, 60 from Tuesday 8:30.
        Assert.Equal(China(2026, 11, 24, 9, 30), Office.AddMinutes(China(2026, 11, 23, 16, 30), 120));

    [Fact]
    public void A_request_made_at_night_starts_its_clock_next_morning() =>
        Assert.Equal(China(2026, 11, 24, 9, 0), Office.AddMinutes(China(2026, 11, 23, 22, 15), 30));

    [Fact]
    public void Sundays_are_skipped() =>
        // Saturday 17:00 + 60: 30 on Saturday, Sunday off, 30 on Monday.
        Assert.Equal(China(2026, 11, 23, 9, 0), Office.AddMinutes(China(2026, 11, 21, 17, 0), 60));

    [Fact]
    public void Public_holidays_are_skipped_and_a_swapped_workday_counts()
    {
        // Wednesday 30 September 17:00 + 60: 30 that day, 1–7 October are holidays, 8 October (Thursday) 30 more.
        Assert.Equal(China(2026, 10, 8, 9, 0), Office.AddMinutes(China(2026, 9, 30, 17, 0), 60));
        // Saturday 10 October 17:00 + 60: Sunday 11 October is a swapped workday.
        Assert.Equal(China(2026, 10, 11, 9, 0), Office.AddMinutes(China(2026, 10, 10, 17, 0), 60));
    }

    [Fact]
    public void Urgent_clocks_run_around_the_clock_through_nights_and_holidays() =>
        Assert.Equal(China(2026, 10, 2, 1, 0), WorkingTime.AroundTheClock.AddMinutes(China(2026, 10, 1, 23, 0), 120));

    [Fact]
    public void Paused_time_counts_only_the_working_minutes_it_covers()
    {
        // Monday 16:00 to Tuesday 10:00 = 90 (Monday) + 90 (Tuesday).
        Assert.Equal(180, Office.MinutesBetween(China(2026, 11, 23, 16, 0), China(2026, 11, 24, 10, 0)));
        Assert.Equal(0, Office.MinutesBetween(China(2026, 10, 2, 9, 0), China(2026, 10, 4, 17, 0)));
        Assert.Equal(18 * 60, WorkingTime.AroundTheClock.MinutesBetween(China(2026, 11, 23, 16, 0), China(2026, 11, 24, 10, 0)));
    }

    [Fact]
    public void Times_are_stored_in_UTC() => Assert.Equal(TimeSpan.Zero, Office.AddMinutes(China(2026, 11, 23, 9, 0), 10).Offset);
}
