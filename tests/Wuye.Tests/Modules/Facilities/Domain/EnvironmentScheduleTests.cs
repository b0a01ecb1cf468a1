using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>Environment schedules on the maintenance plans' recurrence engine: rounds a day, the seed's frequencies, the task's
/// rules (photo, once, spot check).</summary>
public sealed class EnvironmentScheduleTests
{
    private static readonly EnvironmentZone Zone = new()
    {
        CompanyId = Guid.NewGuid(),
        ProjectId = Guid.NewGuid(),
        Name = "电梯轿厢",
        VendorId = Guid.NewGuid(),
        ResponsibleUserId = Guid.NewGuid(),
    };

    private static EnvironmentSchedule Schedule(string rule, int times = 1) =>
        EnvironmentSchedule.Create(Zone, "轿厢清洁", EnvironmentWork.Cleaning, rule, new DateOnly(2026, 1, 1), times, false, true);

    [Fact]
    public void Elevator_cars_twice_a_day_make_two_rounds_each_day_for_the_zones_vendor_and_person()
    {
        var s = Schedule("FREQ=DAILY", 2);
        var tasks = s.DueDates(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3), null).SelectMany(d => s.TasksOn(d, Zone)).ToList();
        Assert.Equal(6, tasks.Count);
        Assert.Equal([1, 2, 1, 2, 1, 2], tasks.Select(t => t.Round));
        Assert.All(tasks, t => Assert.Equal((Zone.VendorId, Zone.ResponsibleUserId, 2), (t.VendorId, t.AssigneeUserId, t.Rounds)));
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10", 4)] // quarterly pest control
    [InlineData("FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15", 2)] // seasonal flowers
    [InlineData("FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=20", 1)] // annual tree pruning (000#28)
    [InlineData("FREQ=WEEKLY;BYDAY=SA", 52)] // garage wash
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1", 12)] // garage sweep
    public void The_seeds_frequencies_expand_over_a_year(string rule, int count) =>
        Assert.Equal(count, Schedule(rule).DueDates(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null).Count());

    [Fact]
    public void Bad_rounds_and_rules_are_refused_field_by_field()
    {
        Assert.Equal("timesPerDay", Assert.Throws<ValidationException>(() => Schedule("FREQ=DAILY", 5)).Errors.Keys.Single());
        Assert.Equal("rule", Assert.Throws<ValidationException>(() => Schedule("FREQ=SECONDLY")).Errors.Keys.Single());
    }

    [Fact]
    public void A_task_needs_its_photo_is_done_once_and_is_spot_checked_once_by_someone_else()
    {
        var s = Schedule("FREQ=DAILY");
        var t = s.TasksOn(new DateOnly(2026, 3, 1), Zone).Single();
        var worker = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        Assert.Throws<RuleException>(() => t.SpotCheck(true, null, null, Guid.NewGuid(), "王", now));
        Assert.Equal("photoId", Assert.Throws<ValidationException>(() => t.Complete(null, null, worker, "李", now)).Errors.Keys.Single());
        t.Complete(Guid.NewGuid(), " 已完成 ", worker, "李", now);
        Assert.Equal("已完成", t.Note);
        Assert.Throws<RuleException>(() => t.Complete(Guid.NewGuid(), null, worker, "李", now));
        Assert.Throws<RuleException>(() => t.SpotCheck(true, null, null, worker, "李", now));
        Assert.Equal(
            "note",
            Assert.Throws<ValidationException>(() => t.SpotCheck(false, null, " ", Guid.NewGuid(), "王", now)).Errors.Keys.Single()
        );
        t.SpotCheck(false, null, "角落未清理", Guid.NewGuid(), "王", now);
        Assert.False(t.CheckPassed);
        Assert.Throws<RuleException>(() => t.SpotCheck(true, null, null, Guid.NewGuid(), "王", now));
        Assert.True(t.IsOverdue(new DateOnly(2026, 3, 2)) is false);
    }
}
