using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.PlanPatrolRounds;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// Patrol routes of the demo guard's project (an hourly car-park and plant-room route, a night perimeter route, a day route), a week
/// of rounds walked by the guard with the usual slips (a point skipped, two swapped, a late point), one missed point excused by the
/// project manager, and the coming rounds planned. Every grade and count is computed from these scans.
/// </summary>
internal sealed class SecurityDemoData(
    TimeProvider clock,
    IOptions<SecurityOptions> options,
    Wuye.Modules.Staff.Contracts.IDutyRoster roster
) : IDemoDataContributor
{
    public int Order => 60;

    private sealed record PointSpec(string Name, int Due, double Lat, double Lng);

    private static readonly (string Name, string[] Starts, int Duration, PointSpec[] Points)[] Routes =
    [
        (
            "地库及设备房巡查",
            [.. Enumerable.Range(0, 24).Select(h => $"{h:D2}:00")],
            45,
            [
                new("地库入口岗", 2, 29.13520, 118.41210),
                new("地下一层 A 区", 10, 29.13545, 118.41260),
                new("水泵房", 20, 29.13580, 118.41300),
                new("配电房", 28, 29.13610, 118.41270),
                new("地下一层 B 区出口", 38, 29.13590, 118.41200),
            ]
        ),
        (
            "夜间周界巡逻",
            ["22:00", "00:00", "02:00", "04:00"],
            90,
            [
                new("东门岗", 5, 29.13500, 118.41400),
                new("北侧围墙", 25, 29.13750, 118.41350),
                new("儿童游乐场", 45, 29.13680, 118.41200),
                new("西门岗", 65, 29.13560, 118.41050),
                new("消防控制室", 80, 29.13530, 118.41180),
            ]
        ),
        (
            "日间公共区域巡查",
            ["09:00", "15:00"],
            60,
            [
                new("1 幢大堂", 5, 29.13600, 118.41250),
                new("中心花园", 20, 29.13650, 118.41300),
                new("垃圾分类点", 35, 29.13700, 118.41150),
                new("3 幢消防通道", 50, 29.13620, 118.41120),
            ]
        ),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        if (guard is null)
            return;
        var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard, ct);
        var project = await db.ProjectRefs().FirstAsync(p => p.Id == grant.ProjectId, ct);
        var pm = await (
            from r in db.RoleAssignments
            where r.ProjectId == project.Id && r.Role == Roles.ProjectManager
            orderby r.UserId
            select r.UserId
        ).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var codes = new HashSet<string>();
        foreach (var spec in Routes)
        {
            var route = PatrolRoute.Create(
                project.CompanyId,
                project.Id,
                spec.Name,
                [.. spec.Starts.Select(s => TimeOnly.ParseExact(s, "HH:mm"))],
                spec.Duration
            );
            var points = spec
                .Points.Select(
                    (p, i) =>
                    {
                        string code;
                        do code = PatrolCheckpoint.NewCode(rng);
                        while (!codes.Add(code));
                        return route.AddCheckpoint(i + 1, p.Name, p.Due, 5, p.Lat, p.Lng, 40, code, $"checkpoints[{i}]");
                    }
                )
                .ToList();
            PatrolRoute.CheckOrder(points);
            db.Add(route);
            db.AddRange(points);
            var excused = false;
            for (var d = -6; d <= 0; d++)
                foreach (var (starts, ends) in route.WindowsOn(today.AddDays(d)))
                {
                    if (starts > now)
                        continue;
                    var round = PatrolRound.For(route, starts, ends);
                    if (ends <= now)
                        round.AlertedAt = ends;
                    db.Add(round);
                    var skipped = Walk(db, rng, round, points, now, guard.Id, guard.DisplayName ?? "guard");
                    if (skipped is { } missed && ends <= now && !excused && pm != Guid.Empty && d == -1)
                    {
                        db.Add(
                            round.Excuse(
                                missed,
                                false,
                                false,
                                "该区域当晚因管道抢修封闭，无法进入",
                                pm,
                                ends.AddHours(1) > now ? now : ends.AddHours(1)
                            )
                        );
                        excused = true;
                    }
                }
        }
        await db.SaveChangesAsync(ct);
        await new RoundPlanner(db, clock, options, new Features.Shared.PostGuards(db, roster)).PlanAsync(null, ct);
    }

    /// <summary>
    /// The guard walks the round up to <paramref name="now"/>: on time give or take a few minutes and metres, with a skipped point
    /// (returned) one round in twelve, two points swapped one in ten, a late point one in eight.
    /// </summary>
    private static PatrolCheckpoint? Walk(
        Wuye.Platform.Database.WuyeDb db,
        Random rng,
        PatrolRound round,
        List<PatrolCheckpoint> points,
        DateTimeOffset now,
        Guid guardId,
        string guardName
    )
    {
        var skip = rng.Next(12) == 0 ? points[rng.Next(1, points.Count)] : null;
        var swap = rng.Next(10) == 0 ? rng.Next(1, points.Count - 1) : -1;
        var late = rng.Next(8) == 0 ? rng.Next(points.Count) : -1;
        var times = points.Select((p, i) => round.StartsAt.AddMinutes(p.DueMinute + rng.Next(-2, 3) + (i == late ? 12 : 0))).ToList();
        if (swap >= 0)
            (times[swap], times[swap + 1]) = (times[swap + 1], times[swap]);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (p == skip || times[i] > now || times[i] >= round.EndsAt)
                continue;
            var scan = round.Scan(
                round.ProjectId,
                p,
                times[i],
                p.Latitude + (rng.NextDouble() - 0.5) * 0.0002,
                p.Longitude + (rng.NextDouble() - 0.5) * 0.0002,
                null,
                guardId,
                guardName,
                rng.Next(5) == 0
            );
            db.Add(scan);
        }
        return skip;
    }
}
