namespace Wuye.Modules.Security.Domain;

/// <summary>A checkpoint as the round plans it.</summary>
internal sealed record PlannedPoint(
    Guid CheckpointId,
    int Position,
    string Name,
    int DueMinute,
    int ToleranceMinutes,
    double? Latitude,
    double? Longitude,
    int RadiusMeters
);

/// <summary>A scan as recorded; <paramref name="Typed"/>: the code was typed (no camera read of the signed label).</summary>
internal sealed record ScanFact(Guid CheckpointId, DateTimeOffset At, double? Latitude, double? Longitude, bool Typed = false)
{
    /// <summary>Nothing proves the walker stood there: the code was typed, or the phone gave no position.</summary>
    public bool Unverified => Typed || Latitude is null || Longitude is null;
}

internal enum PointState
{
    Pending,
    Done,
    Overdue,
    Missed,
    Excused,
}

internal enum PointTiming
{
    OnTime,
    Early,
    Late,
}

internal enum RoundState
{
    Upcoming,
    InProgress,
    Overdue,
    Completed,
    Missed,
}

internal enum RoundGrade
{
    Good,
    Pass,
    Fail,
}

internal sealed record PointResult(
    Guid CheckpointId,
    int Position,
    string Name,
    DateTimeOffset Due,
    PointState State,
    DateTimeOffset? ScannedAt,
    PointTiming? Timing,
    double? DistanceMeters,
    bool OutOfRadius,
    bool OutOfOrder,
    bool ImpossibleTravel,
    bool Unverified = false,
    bool NoPlannedPosition = false
);

internal sealed record RoundConformance(
    RoundState State,
    IReadOnlyList<PointResult> Points,
    int Done,
    int Missed,
    int Overdue,
    int Excused,
    int Extra,
    int OutOfOrder,
    int Late,
    int Early,
    int OutOfRadius,
    int ImpossibleTravel,
    int Unverified,
    int Score,
    RoundGrade Grade,
    int NoPlannedPosition = 0
);

/// <summary>
/// Route conformance of one round, computed from the plan and the scans (never stored, so it is always the records' answer):
/// <list type="bullet">
/// <item>the first scan of each planned point counts; scans of points off the route, or repeats, are extra;</item>
/// <item>order: the counted scans in time order are aligned to the plan by their longest increasing run of positions; every point
/// outside it is out of order (A-B-C-D walked A-C-B-D is one point out of order: one swap);</item>
/// <item>timing: early or late against the point's due time ± tolerance;</item>
/// <item>position: a scan farther than the point's radius from it (when both positions are known);</item>
/// <item>unverified: a counted scan whose code was typed (no camera), or that carries no position where the point has one, proves
/// nothing on its own: a photo of the label scanned anywhere;</item>
/// <item>no planned position: a point planned without one cannot check where it was scanned. That is the route's setup, not the
/// walker's doing: counted apart (<see cref="RoundConformance.NoPlannedPosition"/>, a warning for the supervisor), never a penalty;</item>
/// <item>impossible travel: from the previous counted scan to this one faster than a person walks or runs
/// (<see cref="SecurityOptions.MaxWalkingSpeed"/>), measured between the points' planned positions;</item>
/// <item>a point not scanned is overdue while the round's window is open and past its due time, missed once the window closes,
/// unless the supervisor excused it.</item>
/// </list>
/// The score starts at 100: −20 per missed point, −20 per impossible travel, −10 per point out of order, out of radius or
/// unverified,
/// −5 per early or late point and per extra scan; ≥ 90 good, ≥ 75 pass, else fail. A round with any unverified scan is at best a
/// pass, and one where half or more of the planned points rest on unverified scans fails: on a short route the −10s alone would
/// leave photos of the labels graded good.
/// </summary>
internal static class PatrolConformance
{
    public static RoundConformance Evaluate(
        DateTimeOffset startsAt,
        DateTimeOffset endsAt,
        IReadOnlyList<PlannedPoint> plan,
        IReadOnlyList<ScanFact> scans,
        IReadOnlySet<Guid> excused,
        DateTimeOffset now,
        double maxSpeed
    )
    {
        var ordered = plan.OrderBy(p => p.Position).ToList();
        var byId = ordered.ToDictionary(p => p.CheckpointId);
        var counted = new List<(PlannedPoint Point, ScanFact Scan)>();
        var extra = 0;
        foreach (var s in scans.OrderBy(s => s.At))
        {
            if (byId.TryGetValue(s.CheckpointId, out var p) && counted.All(c => c.Point.CheckpointId != p.CheckpointId))
                counted.Add((p, s));
            else
                extra++;
        }
        var inOrder = LongestIncreasingRun(counted.Select(c => c.Point.Position).ToList());
        var impossible = new HashSet<Guid>();
        for (var i = 1; i < counted.Count; i++)
        {
            var (a, b) = (counted[i - 1], counted[i]);
            var meters = Distance(a.Point.Latitude, a.Point.Longitude, b.Point.Latitude, b.Point.Longitude);
            var seconds = (b.Scan.At - a.Scan.At).TotalSeconds;
            if (meters is { } m && m > 0 && (seconds <= 0 || m / seconds > maxSpeed))
                impossible.Add(b.Point.CheckpointId);
        }
        var results = new List<PointResult>();
        foreach (var p in ordered)
        {
            var due = startsAt.AddMinutes(p.DueMinute);
            var hit = counted.FirstOrDefault(c => c.Point.CheckpointId == p.CheckpointId);
            if (hit.Scan is { } s)
            {
                var timing =
                    s.At < due.AddMinutes(-p.ToleranceMinutes) ? PointTiming.Early
                    : s.At > due.AddMinutes(p.ToleranceMinutes) ? PointTiming.Late
                    : PointTiming.OnTime;
                var distance = Distance(p.Latitude, p.Longitude, s.Latitude, s.Longitude);
                results.Add(
                    new(
                        p.CheckpointId,
                        p.Position,
                        p.Name,
                        due,
                        PointState.Done,
                        s.At,
                        timing,
                        distance is { } d ? Math.Round(d, 1) : null,
                        distance > p.RadiusMeters,
                        !inOrder.Contains(p.Position),
                        impossible.Contains(p.CheckpointId),
                        s.Typed || (p.Latitude is not null && p.Longitude is not null && (s.Latitude is null || s.Longitude is null)),
                        p.Latitude is null || p.Longitude is null
                    )
                );
                continue;
            }
            var state =
                excused.Contains(p.CheckpointId) ? PointState.Excused
                : now >= endsAt ? PointState.Missed
                : now > due.AddMinutes(p.ToleranceMinutes) ? PointState.Overdue
                : PointState.Pending;
            results.Add(
                new(
                    p.CheckpointId,
                    p.Position,
                    p.Name,
                    due,
                    state,
                    null,
                    null,
                    null,
                    false,
                    false,
                    false,
                    false,
                    p.Latitude is null || p.Longitude is null
                )
            );
        }
        int Count(Func<PointResult, bool> f) => results.Count(f);
        var missed = Count(r => r.State == PointState.Missed);
        var overdue = Count(r => r.State == PointState.Overdue);
        var done = Count(r => r.State == PointState.Done);
        var excusedCount = Count(r => r.State == PointState.Excused);
        var outOfOrder = Count(r => r.OutOfOrder);
        var late = Count(r => r.Timing == PointTiming.Late);
        var early = Count(r => r.Timing == PointTiming.Early);
        var outOfRadius = Count(r => r.OutOfRadius);
        var travel = Count(r => r.ImpossibleTravel);
        var unverified = Count(r => r.Unverified);
        var roundState =
            now < startsAt ? RoundState.Upcoming
            : done + excusedCount == results.Count ? RoundState.Completed
            : now >= endsAt ? RoundState.Missed
            : overdue > 0 ? RoundState.Overdue
            : RoundState.InProgress;
        var score = Math.Max(0, 100 - 20 * (missed + travel) - 10 * (outOfOrder + outOfRadius + unverified) - 5 * (late + early + extra));
        var grade =
            unverified > 0 && unverified * 2 >= results.Count ? RoundGrade.Fail
            : score >= 90 && unverified == 0 ? RoundGrade.Good
            : score >= 75 ? RoundGrade.Pass
            : RoundGrade.Fail;
        return new(
            roundState,
            results,
            done,
            missed,
            overdue,
            excusedCount,
            extra,
            outOfOrder,
            late,
            early,
            outOfRadius,
            travel,
            unverified,
            score,
            grade,
            Count(r => r.NoPlannedPosition)
        );
    }

    /// <summary>The positions of one longest strictly increasing subsequence (patience sorting, O(n log n)).</summary>
    public static HashSet<int> LongestIncreasingRun(IReadOnlyList<int> seq)
    {
        var tails = new List<int>(); // index into seq of the smallest tail of each length
        var prev = new int[seq.Count];
        for (var i = 0; i < seq.Count; i++)
        {
            int lo = 0,
                hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (seq[tails[mid]] < seq[i])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            prev[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
                tails.Add(i);
            else
                tails[lo] = i;
        }
        var run = new HashSet<int>();
        for (var k = tails.Count == 0 ? -1 : tails[^1]; k >= 0; k = prev[k])
            run.Add(seq[k]);
        return run;
    }

    /// <summary>Great-circle distance in metres (haversine); null when either position is unknown.</summary>
    public static double? Distance(double? lat1, double? lng1, double? lat2, double? lng2)
    {
        if (lat1 is not { } a1 || lng1 is not { } o1 || lat2 is not { } a2 || lng2 is not { } o2)
            return null;
        const double R = 6_371_000;
        double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(a2 - a1);
        var dLng = Rad(o2 - o1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a1)) * Math.Cos(Rad(a2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
