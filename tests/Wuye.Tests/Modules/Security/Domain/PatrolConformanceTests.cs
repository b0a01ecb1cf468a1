using Wuye.Modules.Security.Domain;

namespace Wuye.Tests.Modules.Security.Domain;

/// <summary>Route conformance on hand-made rounds: order alignment, timing, radius, impossible travel, overdue against missed.</summary>
public sealed class PatrolConformanceTests
{
    // A round from 22:00 to 23:00 China time; A, B, C, D due at 10, 20, 30, 40 minutes (± 5), about 100 m apart going north.
    private static readonly DateTimeOffset Start = new(2026, 11, 19, 22, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset End = Start.AddHours(1);
    private const double Speed = 4.0;
    private static readonly Guid A = Guid.NewGuid(),
        B = Guid.NewGuid(),
        C = Guid.NewGuid(),
        D = Guid.NewGuid();

    private static readonly PlannedPoint[] Plan =
    [
        new(A, 1, "A", 10, 5, 29.1300, 118.4100, 50),
        new(B, 2, "B", 20, 5, 29.1309, 118.4100, 50),
        new(C, 3, "C", 30, 5, 29.1318, 118.4100, 50),
        new(D, 4, "D", 40, 5, 29.1327, 118.4100, 50),
    ];

    private static ScanFact At(Guid point, int minute, int second = 0)
    {
        var p = Plan.FirstOrDefault(x => x.CheckpointId == point);
        return new(point, Start.AddMinutes(minute).AddSeconds(second), p?.Latitude, p?.Longitude);
    }

    private static RoundConformance Eval(DateTimeOffset now, ISet<Guid>? excused = null, params ScanFact[] scans) =>
        PatrolConformance.Evaluate(Start, End, Plan, scans, (IReadOnlySet<Guid>?)excused ?? new HashSet<Guid>(), now, Speed);

    [Fact]
    public void A_round_walked_in_order_and_on_time_is_completed_and_good()
    {
        var c = Eval(End, null, At(A, 10), At(B, 20), At(C, 30), At(D, 41));
        Assert.Equal(
            (RoundState.Completed, 4, 0, 0, 0, 100, RoundGrade.Good),
            (c.State, c.Done, c.Missed, c.OutOfOrder, c.Late, c.Score, c.Grade)
        );
    }

    [Fact]
    public void A_typed_scan_and_a_scan_without_a_position_are_unverified_and_cost_ten_points_each()
    {
        var typed = At(B, 20) with { Typed = true };
        var blind = At(C, 30) with { Latitude = null, Longitude = null };
        var c = Eval(End, null, At(A, 10), typed, blind, At(D, 40));
        // 80 points, but half the points rest on unverified scans: it fails.
        Assert.Equal((RoundState.Completed, 4, 2, 80, RoundGrade.Fail), (c.State, c.Done, c.Unverified, c.Score, c.Grade));
        Assert.Equal(["B", "C"], c.Points.Where(p => p.Unverified).Select(p => p.Name));
    }

    [Fact]
    public void Photos_of_the_labels_never_grade_good()
    {
        // One typed code among four verified scans: 90 points, but at best a pass.
        var one = Eval(End, null, At(A, 10), At(B, 20) with { Typed = true }, At(C, 30), At(D, 40));
        Assert.Equal((90, RoundGrade.Pass), (one.Score, one.Grade));
        // Half the points scanned from photos without a position: 80 points, but it fails.
        var half = Eval(
            End,
            null,
            At(A, 10) with
            {
                Latitude = null,
                Longitude = null,
            },
            At(B, 20) with
            {
                Typed = true,
            },
            At(C, 30),
            At(D, 40)
        );
        Assert.Equal((80, RoundGrade.Fail), (half.Score, half.Grade));
        // A one-point route walked from a photo: 90 points, fails.
        PlannedPoint[] single = [Plan[0]];
        var photo = PatrolConformance.Evaluate(Start, End, single, [At(A, 10) with { Typed = true }], new HashSet<Guid>(), End, Speed);
        Assert.Equal((90, RoundGrade.Fail), (photo.Score, photo.Grade));
    }

    [Fact]
    public void A_point_planned_without_a_position_is_the_routes_setup_issue_not_the_walkers()
    {
        // Nothing to compare the phone's position with: counted as a setup issue, no penalty, the round still good — with or
        // without the phone's position at that point.
        PlannedPoint[] blind = [Plan[0] with { Latitude = null, Longitude = null }, Plan[1], Plan[2], Plan[3]];
        ScanFact[] walked = [At(A, 10), At(B, 20), At(C, 30), At(D, 40)];
        var unplaced = PatrolConformance.Evaluate(Start, End, blind, walked, new HashSet<Guid>(), End, Speed);
        Assert.Equal((0, 1, 100, RoundGrade.Good), (unplaced.Unverified, unplaced.NoPlannedPosition, unplaced.Score, unplaced.Grade));
        Assert.Equal((false, true), (unplaced.Points[0].Unverified, unplaced.Points[0].NoPlannedPosition));
        Assert.Equal(["A"], unplaced.Points.Where(p => p.NoPlannedPosition).Select(p => p.Name));
        // A whole route without positions: every round still good when walked in order and on time.
        PlannedPoint[] none = [.. Plan.Select(p => p with { Latitude = null, Longitude = null })];
        var all = PatrolConformance.Evaluate(Start, End, none, walked, new HashSet<Guid>(), End, Speed);
        Assert.Equal((0, 4, 100, RoundGrade.Good), (all.Unverified, all.NoPlannedPosition, all.Score, all.Grade));
        // A typed code there is still the walker's unverified scan: at best a pass.
        var typed = PatrolConformance.Evaluate(
            Start,
            End,
            blind,
            [walked[0] with { Typed = true }, .. walked[1..]],
            new HashSet<Guid>(),
            End,
            Speed
        );
        Assert.Equal((1, 90, RoundGrade.Pass), (typed.Unverified, typed.Score, typed.Grade));
    }

    [Fact]
    public void A_B_C_D_walked_A_C_B_D_is_one_point_out_of_order()
    {
        var c = Eval(End, null, At(A, 10), At(C, 22), At(B, 27), At(D, 40));
        Assert.Equal(1, c.OutOfOrder);
        Assert.Single(c.Points, p => p.OutOfOrder && (p.Name == "B" || p.Name == "C"));
        Assert.Equal(RoundState.Completed, c.State);
    }

    [Fact]
    public void A_night_patrol_with_one_point_missed_and_two_swapped_is_graded_missed_and_failing()
    {
        // A, C, B scanned (C before B), D never.
        var c = Eval(End, null, At(A, 10), At(C, 24), At(B, 26));
        Assert.Equal((RoundState.Missed, 1, 1), (c.State, c.Missed, c.OutOfOrder));
        Assert.Equal(PointState.Missed, c.Points.Single(p => p.Name == "D").State);
        // −20 for D missed, −10 for the swap, −5 each for C early and B late.
        Assert.Equal((PointTiming.Early, PointTiming.Late), (c.Points[2].Timing, c.Points[1].Timing));
        Assert.Equal(100 - 20 - 10 - 5 - 5, c.Score);
        Assert.Equal(RoundGrade.Fail, c.Grade);
    }

    [Fact]
    public void An_unscanned_point_is_pending_then_overdue_while_the_round_is_open_then_missed_once_it_closes()
    {
        Assert.Equal(PointState.Pending, Eval(Start.AddMinutes(15), null, At(A, 10)).Points[1].State);
        var open = Eval(Start.AddMinutes(26), null, At(A, 10));
        Assert.Equal((PointState.Overdue, RoundState.Overdue), (open.Points[1].State, open.State));
        var closed = Eval(End, null, At(A, 10), At(C, 30), At(D, 40));
        Assert.Equal((PointState.Missed, RoundState.Missed), (closed.Points[1].State, closed.State));
        var excused = Eval(End, new HashSet<Guid> { B }, At(A, 10), At(C, 30), At(D, 40));
        Assert.Equal((PointState.Excused, RoundState.Completed, 0), (excused.Points[1].State, excused.State, excused.Missed));
    }

    [Fact]
    public void Early_and_late_are_against_the_due_time_and_its_tolerance()
    {
        var c = Eval(End, null, At(A, 4), At(B, 25), At(C, 36), At(D, 40));
        Assert.Equal(
            [PointTiming.Early, PointTiming.OnTime, PointTiming.Late, PointTiming.OnTime],
            c.Points.Select(p => p.Timing!.Value).ToArray()
        );
    }

    [Fact]
    public void A_scan_farther_than_the_radius_from_its_point_is_flagged_with_the_distance()
    {
        // About 200 m south of A.
        var far = new ScanFact(A, Start.AddMinutes(10), 29.1282, 118.4100);
        var c = Eval(End, null, far, At(B, 20), At(C, 30), At(D, 40));
        var a = c.Points[0];
        Assert.True(a.OutOfRadius);
        Assert.InRange(a.DistanceMeters!.Value, 190, 210);
        Assert.Equal(1, c.OutOfRadius);
        Assert.False(c.Points[1].OutOfRadius);
    }

    [Fact]
    public void Two_points_hundreds_of_metres_apart_scanned_seconds_apart_is_impossible_travel()
    {
        // A to D is about 300 m: 20 seconds is 15 m/s; five minutes is 1 m/s.
        var fast = Eval(End, null, At(A, 39, 40), At(D, 40));
        Assert.True(fast.Points.Single(p => p.Name == "D").ImpossibleTravel);
        var walked = Eval(End, null, At(A, 35), At(D, 40));
        Assert.Equal(0, walked.ImpossibleTravel);
    }

    [Fact]
    public void Repeats_and_points_off_the_route_are_extra()
    {
        var other = new ScanFact(Guid.NewGuid(), Start.AddMinutes(12), null, null);
        var c = Eval(End, null, At(A, 10), At(A, 11), other, At(B, 20), At(C, 30), At(D, 40));
        Assert.Equal((2, 4, RoundState.Completed), (c.Extra, c.Done, c.State));
    }

    [Fact]
    public void The_alignment_keeps_the_longest_increasing_run()
    {
        Assert.Equal(3, PatrolConformance.LongestIncreasingRun([1, 3, 2, 4]).Count);
        Assert.Single(PatrolConformance.LongestIncreasingRun([4, 3, 2, 1]));
        Assert.Equal([1, 2, 3, 4, 6], PatrolConformance.LongestIncreasingRun([1, 5, 2, 3, 4, 6]).Order());
        Assert.Empty(PatrolConformance.LongestIncreasingRun([]));
    }
}
