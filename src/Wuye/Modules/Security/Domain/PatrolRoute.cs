using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>
/// 巡逻路线: ordered checkpoints walked in rounds that start at fixed times of day (the plan: time, point, route; 001) and last
/// <see cref="DurationMinutes"/>. A round of 22:00 with a 120-minute duration is open from 22:00 to 24:00, China time.
/// </summary>
internal sealed class PatrolRoute : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }

    /// <summary>Start times of the rounds, China time, "HH:mm" separated by commas, in order ("22:00,00:00,02:00").</summary>
    public required string StartTimes { get; set; }
    public int DurationMinutes { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public const int MaxCheckpoints = 60;

    /// <summary>A route of a project with its round times; the checkpoints come with it (<see cref="AddCheckpoint"/>).</summary>
    public static PatrolRoute Create(Guid companyId, Guid projectId, string name, IReadOnlyList<TimeOnly> startTimes, int durationMinutes)
    {
        var v = new Validator();
        if (startTimes.Count == 0)
            v.Add("startTimes", "请至少填写一个巡逻开始时间", "At least one start time is required");
        else if (startTimes.Distinct().Count() != startTimes.Count)
            v.Add("startTimes", "巡逻开始时间不能重复", "Start times must differ");
        if (durationMinutes is < 10 or > 720)
            v.Add("durationMinutes", "每轮时长须在 10 到 720 分钟之间", "A round lasts 10 to 720 minutes");
        else if (startTimes.Count > 1 && MinGap(startTimes) < durationMinutes)
            v.Add("durationMinutes", "每轮时长不能超过两轮开始时间的间隔", "A round must end before the next one starts");
        v.ThrowIfAny();
        return new PatrolRoute
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            StartTimes = string.Join(',', startTimes.Select(t => t.ToString("HH:mm"))),
            DurationMinutes = durationMinutes,
        };
    }

    /// <summary>The shortest gap between two consecutive starts, across midnight too.</summary>
    private static int MinGap(IReadOnlyList<TimeOnly> times)
    {
        var m = times.Select(t => t.Hour * 60 + t.Minute).Order().ToList();
        var gaps = m.Zip(m.Skip(1), (a, b) => b - a).Append(m[0] + 1440 - m[^1]);
        return gaps.Min();
    }

    public IReadOnlyList<TimeOnly> Starts() => [.. StartTimes.Split(',').Select(s => TimeOnly.ParseExact(s, "HH:mm"))];

    /// <summary>The round windows of a China date: [start, start + duration).</summary>
    public IEnumerable<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> WindowsOn(DateOnly day) =>
        Starts()
            .Select(t => new DateTimeOffset(day.ToDateTime(t), ChinaTime.Offset))
            .Select(s => (s.ToUniversalTime(), s.AddMinutes(DurationMinutes).ToUniversalTime()));

    /// <summary>The next checkpoint of the route; its due minute must fall within the round and after the previous point's.</summary>
    public PatrolCheckpoint AddCheckpoint(
        int position,
        string name,
        int dueMinute,
        int toleranceMinutes,
        double? latitude,
        double? longitude,
        int radiusMeters,
        string code,
        string field
    )
    {
        var v = new Validator();
        if (dueMinute < 0 || dueMinute > DurationMinutes)
            v.Add(
                $"{field}.dueMinute",
                $"到点时间须在本轮 0–{DurationMinutes} 分钟内",
                $"The due minute must be within 0–{DurationMinutes}"
            );
        if (toleranceMinutes is < 1 or > 120)
            v.Add($"{field}.toleranceMinutes", "允许误差须在 1 到 120 分钟之间", "The tolerance must be 1 to 120 minutes");
        if (latitude is null != longitude is null)
            v.Add($"{field}.latitude", "经纬度须同时填写或同时不填", "Give both latitude and longitude, or neither");
        if (latitude is < -90 or > 90)
            v.Add($"{field}.latitude", "纬度须在 -90 到 90 之间", "Latitude must be -90 to 90");
        if (longitude is < -180 or > 180)
            v.Add($"{field}.longitude", "经度须在 -180 到 180 之间", "Longitude must be -180 to 180");
        if (radiusMeters is < 5 or > 1000)
            v.Add($"{field}.radiusMeters", "半径须在 5 到 1000 米之间", "The radius must be 5 to 1000 m");
        v.ThrowIfAny();
        return new PatrolCheckpoint
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            PatrolRouteId = Id,
            Position = position,
            Name = name.Trim(),
            DueMinute = dueMinute,
            ToleranceMinutes = toleranceMinutes,
            Latitude = latitude,
            Longitude = longitude,
            RadiusMeters = radiusMeters,
            Code = code,
        };
    }

    /// <summary>Due minutes go forward along the route: the order is the plan.</summary>
    public static void CheckOrder(IReadOnlyList<PatrolCheckpoint> points)
    {
        if (points.Count == 0)
            throw ValidationException.For("checkpoints", "路线至少要有一个巡更点", "A route needs at least one checkpoint");
        if (points.Count > MaxCheckpoints)
            throw ValidationException.For(
                "checkpoints",
                $"一条路线最多 {MaxCheckpoints} 个巡更点",
                $"At most {MaxCheckpoints} checkpoints"
            );
        for (var i = 1; i < points.Count; i++)
            if (points[i].DueMinute < points[i - 1].DueMinute)
                throw ValidationException.For(
                    $"checkpoints[{i}].dueMinute",
                    "巡更点的到点时间须按路线顺序递增",
                    "Due minutes must increase along the route"
                );
        if (points.Select(p => p.Name).Distinct().Count() != points.Count)
            throw ValidationException.For("checkpoints", "同一路线的巡更点名称不能重复", "Checkpoint names must differ on a route");
    }
}

/// <summary>巡更点: a point of a route, due <see cref="DueMinute"/> minutes into the round, ± <see cref="ToleranceMinutes"/>, at a
/// position with a radius. <see cref="Code"/> is the short code printed under its QR label, typed when the camera cannot read it.</summary>
internal sealed class PatrolCheckpoint : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PatrolRouteId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public int DueMinute { get; set; }
    public int ToleranceMinutes { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public int RadiusMeters { get; set; }
    public required string Code { get; set; }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A fresh typed code: 6 characters without look-alikes (no I, O, 0, 1).</summary>
    public static string NewCode(Random rng) => new([.. Enumerable.Range(0, 6).Select(_ => Alphabet[rng.Next(Alphabet.Length)])]);
}
