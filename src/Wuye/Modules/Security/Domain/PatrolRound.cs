using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>
/// 巡逻轮次: one walk of a route in its window [<see cref="StartsAt"/>, <see cref="EndsAt"/>), generated from the route's plan once per
/// start time (a unique key on route and start). Its conformance is computed from the scans (<see cref="PatrolConformance"/>);
/// <see cref="AlertedAt"/> marks the missed-round alert as sent.
/// </summary>
internal sealed class PatrolRound : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PatrolRouteId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>The guard who scanned first: the round's walker.</summary>
    public Guid? WalkerUserId { get; set; }
    public string? WalkerName { get; set; }
    public DateTimeOffset? AlertedAt { get; set; }

    /// <summary>
    /// The plan this round is held to, frozen (JSON of <see cref="PlannedPoint"/>s) when its route's checkpoints were edited after the
    /// round was generated; null: the route's current checkpoints. An edit of the route never rewrites a round already generated or
    /// walked.
    /// </summary>
    public string? Plan { get; set; }

    public IReadOnlyList<PlannedPoint>? FrozenPlan() =>
        Plan is null ? null : System.Text.Json.JsonSerializer.Deserialize<List<PlannedPoint>>(Plan, PlanJson);

    public static string FreezePlan(IEnumerable<PlannedPoint> points) =>
        System.Text.Json.JsonSerializer.Serialize(points.OrderBy(p => p.Position).ToList(), PlanJson);

    private static readonly System.Text.Json.JsonSerializerOptions PlanJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>
    /// 当班巡逻员: the guard on the project's patrol post when the round starts (the staff duty roster's where it has rostered the
    /// post for that hour, else the rota's), read when the round is planned and again in the hour before it starts; null when
    /// nobody is on it.
    /// </summary>
    public Guid? DutyUserId { get; set; }
    public string? DutyName { get; set; }

    /// <summary>Sets the guard on duty for the round; true when it changed.</summary>
    public bool AssignDuty(Guid? userId, string? name)
    {
        if (DutyUserId == userId && DutyName == name)
            return false;
        (DutyUserId, DutyName) = (userId, name);
        return true;
    }

    public static PatrolRound For(PatrolRoute route, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        new()
        {
            CompanyId = route.CompanyId,
            ProjectId = route.ProjectId,
            PatrolRouteId = route.Id,
            StartsAt = startsAt,
            EndsAt = endsAt,
        };

    public bool IsOpen(DateTimeOffset now) => now >= StartsAt && now < EndsAt;

    /// <summary>
    /// A scan of <paramref name="point"/> at <paramref name="now"/>: the label must be of this project, and the scan inside the round's
    /// window. A point of the project that is not on this route is kept (it counts as an extra point).
    /// </summary>
    public PatrolScan Scan(
        Guid labelProjectId,
        PatrolCheckpoint point,
        DateTimeOffset now,
        double? latitude,
        double? longitude,
        string? note,
        Guid userId,
        string userName,
        bool typed
    )
    {
        if (labelProjectId != ProjectId || point.ProjectId != ProjectId)
            throw new RuleException(
                "patrol_scan.other_project",
                "这是其他项目的巡更点标签，不能用于本轮巡逻",
                "This label belongs to another project's checkpoint"
            );
        if (!IsOpen(now))
            throw new RuleException(
                "patrol_scan.outside_round",
                $"不在本轮巡逻时间内（{ChinaTime.Text(StartsAt)} 至 {ChinaTime.ToChina(EndsAt):HH:mm}）",
                $"Outside the round's window ({ChinaTime.Text(StartsAt)} to {ChinaTime.ToChina(EndsAt):HH:mm})"
            );
        if (WalkerUserId is null)
        {
            WalkerUserId = userId;
            WalkerName = userName;
        }
        return new PatrolScan
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            PatrolRoundId = Id,
            PatrolCheckpointId = point.Id,
            ScannedAt = now,
            Latitude = latitude,
            Longitude = longitude,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            UserId = userId,
            Typed = typed,
        };
    }

    /// <summary>
    /// Whether <paramref name="checkpointId"/> is one of the points this round is held to: its frozen plan's when an edit froze one (a
    /// point removed from the route since then included), else its route's current points (<paramref name="routePoints"/>).
    /// </summary>
    public bool Plans(Guid checkpointId, IEnumerable<Guid> routePoints) =>
        FrozenPlan() is { } plan ? plan.Any(p => p.CheckpointId == checkpointId) : routePoints.Contains(checkpointId);

    /// <summary>The supervisor excuses a point of the route left unscanned, once the round's window is closed, with a reason.</summary>
    public PatrolExcuse Excuse(PatrolCheckpoint point, bool scanned, bool alreadyExcused, string reason, Guid by, DateTimeOffset now) =>
        Excuse(point.Id, point.PatrolRouteId == PatrolRouteId && Plans(point.Id, [point.Id]), scanned, alreadyExcused, reason, by, now);

    /// <summary>
    /// The supervisor excuses a point of the round's plan (<paramref name="planned"/>: <see cref="Plans"/>) left unscanned, once the
    /// round's window is closed, with a reason. The point may since have been removed from the route: it stays in the plan of the
    /// rounds that had started (frozen), where it counts as missed until excused.
    /// </summary>
    public PatrolExcuse Excuse(
        Guid checkpointId,
        bool planned,
        bool scanned,
        bool alreadyExcused,
        string reason,
        Guid by,
        DateTimeOffset now
    )
    {
        if (!planned)
            throw ValidationException.For("patrolCheckpointId", "该巡更点不在本轮路线上", "The checkpoint is not on this round's route");
        if (now < EndsAt)
            throw new RuleException("patrol_excuse.round_open", "本轮巡逻尚未结束，不能免责", "The round is still open");
        if (scanned)
            throw new RuleException("patrol_excuse.scanned", "该巡更点已打卡，无需免责", "The checkpoint was scanned");
        if (alreadyExcused)
            throw new RuleException("patrol_excuse.already", "该巡更点已免责", "The checkpoint is already excused");
        return new PatrolExcuse
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            PatrolRoundId = Id,
            PatrolCheckpointId = checkpointId,
            Reason = reason.Trim(),
            ExcusedBy = by,
            ExcusedAt = now,
        };
    }
}

/// <summary>巡更打卡: one scan (or typed code) of a checkpoint in a round, with where the phone was and an optional note.</summary>
internal sealed class PatrolScan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PatrolRoundId { get; set; }
    public Guid PatrolCheckpointId { get; set; }
    public DateTimeOffset ScannedAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Note { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The code was typed (camera fallback) rather than read from the signed label.</summary>
    public bool Typed { get; set; }

    /// <summary>A photo of the point taken with the scan (a stored file of the round's project).</summary>
    public Guid? PhotoId { get; set; }

    /// <summary>隐患: what the guard found wrong at the point; it opened <see cref="HazardRequestNumber"/> in the work-order loop.</summary>
    public string? Hazard { get; set; }
    public Guid? HazardRequestId { get; set; }
    public string? HazardRequestNumber { get; set; }

    public void ReportHazard(string hazard, Guid requestId, string requestNumber)
    {
        Hazard = hazard;
        HazardRequestId = requestId;
        HazardRequestNumber = requestNumber;
    }
}

/// <summary>A missed point excused by the supervisor, with the reason.</summary>
internal sealed class PatrolExcuse : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PatrolRoundId { get; set; }
    public Guid PatrolCheckpointId { get; set; }
    public required string Reason { get; set; }
    public Guid ExcusedBy { get; set; }
    public DateTimeOffset ExcusedAt { get; set; }
}
