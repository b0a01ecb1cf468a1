using Wuye.Modules.Security.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Security.Domain;

/// <summary>Route, round and excuse rules without a database.</summary>
public sealed class PatrolRouteTests
{
    private static readonly Guid Company = Guid.NewGuid(),
        Project = Guid.NewGuid();

    private static PatrolRoute Route(int duration = 60, params string[] starts) =>
        PatrolRoute.Create(Company, Project, " 夜间巡逻 ", [.. (starts.Length == 0 ? ["22:00"] : starts).Select(TimeOnly.Parse)], duration);

    private static PatrolCheckpoint Point(PatrolRoute route, int position, int due) =>
        route.AddCheckpoint(position, $"P{position}", due, 5, 29.13, 118.41, 50, $"CODE{position}", $"checkpoints[{position - 1}]");

    [Fact]
    public void Rounds_of_a_route_may_not_overlap_and_last_ten_minutes_to_twelve_hours()
    {
        Assert.True(Assert.Throws<ValidationException>(() => Route(150, "22:00", "00:00")).Errors.ContainsKey("durationMinutes"));
        // Across midnight too: 23:00 and 00:30 are 90 minutes apart.
        Assert.True(Assert.Throws<ValidationException>(() => Route(100, "00:30", "23:00")).Errors.ContainsKey("durationMinutes"));
        Assert.True(Assert.Throws<ValidationException>(() => Route(5)).Errors.ContainsKey("durationMinutes"));
        Assert.True(Assert.Throws<ValidationException>(() => Route(60, "22:00", "22:00")).Errors.ContainsKey("startTimes"));
        var ok = Route(90, "22:00", "00:00");
        Assert.Equal(("夜间巡逻", "22:00,00:00"), (ok.Name, ok.StartTimes));
    }

    [Fact]
    public void A_round_window_is_china_time()
    {
        var windows = Route(90, "22:00").WindowsOn(new DateOnly(2026, 11, 19)).Single();
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 14, 0, 0, TimeSpan.Zero), windows.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 15, 30, 0, TimeSpan.Zero), windows.EndsAt);
    }

    [Fact]
    public void Checkpoints_are_due_within_the_round_in_route_order_with_a_sane_position()
    {
        var route = Route(60);
        var e = Assert.Throws<ValidationException>(() => route.AddCheckpoint(1, "东门", 70, 5, 91, null, 2, "X", "checkpoints[0]"));
        Assert.True(e.Errors.ContainsKey("checkpoints[0].dueMinute"));
        Assert.True(e.Errors.ContainsKey("checkpoints[0].latitude"));
        Assert.True(e.Errors.ContainsKey("checkpoints[0].radiusMeters"));
        var back = Assert.Throws<ValidationException>(() => PatrolRoute.CheckOrder([Point(route, 1, 30), Point(route, 2, 10)]));
        Assert.True(back.Errors.ContainsKey("checkpoints[1].dueMinute"));
    }

    [Fact]
    public void A_scan_must_be_of_this_project_and_inside_the_round_window()
    {
        var route = Route(60);
        var point = Point(route, 1, 10);
        var (starts, ends) = route.WindowsOn(new DateOnly(2026, 11, 19)).Single();
        var round = PatrolRound.For(route, starts, ends);
        Assert.Equal(
            "patrol_scan.other_project",
            Assert
                .Throws<RuleException>(() =>
                    round.Scan(Guid.NewGuid(), point, starts.AddMinutes(5), null, null, null, Guid.NewGuid(), "吴强", false)
                )
                .Code
        );
        Assert.Equal(
            "patrol_scan.outside_round",
            Assert.Throws<RuleException>(() => round.Scan(Project, point, ends, null, null, null, Guid.NewGuid(), "吴强", false)).Code
        );
        Assert.Equal(
            "patrol_scan.outside_round",
            Assert
                .Throws<RuleException>(() =>
                    round.Scan(Project, point, starts.AddSeconds(-1), null, null, null, Guid.NewGuid(), "吴强", false)
                )
                .Code
        );
        var guard = Guid.NewGuid();
        var scan = round.Scan(Project, point, starts.AddMinutes(9), 29.13, 118.41, " 灯坏了 ", guard, "吴强", true);
        Assert.Equal((guard, "吴强", "灯坏了", true), (round.WalkerUserId!.Value, round.WalkerName, scan.Note, scan.Typed));
    }

    [Fact]
    public void A_missed_point_is_excused_once_after_the_round_closes()
    {
        var route = Route(60);
        var point = Point(route, 1, 10);
        var (starts, ends) = route.WindowsOn(new DateOnly(2026, 11, 19)).Single();
        var round = PatrolRound.For(route, starts, ends);
        var pm = Guid.NewGuid();
        Assert.Equal(
            "patrol_excuse.round_open",
            Assert.Throws<RuleException>(() => round.Excuse(point, false, false, "封闭", pm, ends.AddMinutes(-1))).Code
        );
        Assert.Equal("patrol_excuse.scanned", Assert.Throws<RuleException>(() => round.Excuse(point, true, false, "封闭", pm, ends)).Code);
        Assert.Equal("patrol_excuse.already", Assert.Throws<RuleException>(() => round.Excuse(point, false, true, "封闭", pm, ends)).Code);
        var other = Point(Route(60, "08:00"), 1, 10);
        Assert.True(
            Assert
                .Throws<ValidationException>(() => round.Excuse(other, false, false, "封闭", pm, ends))
                .Errors.ContainsKey("patrolCheckpointId")
        );
        Assert.Equal("封闭", round.Excuse(point, false, false, " 封闭 ", pm, ends).Reason);
    }
}
