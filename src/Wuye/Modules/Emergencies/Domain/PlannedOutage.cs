using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

internal enum OutageKind
{
    Water,
    Power,
}

/// <summary>
/// 计划停水停电 (001 ch.6.2): the engineering side plans an outage of an area of a project (whole buildings and single units), its
/// start, expected end and reason. The affected residents must be told by <see cref="NoticeDueBy"/> (the lead time before the start,
/// fixed when planned); a notice after it is late. An outage expected to last longer than two hours needs the temporary water supply:
/// planned with the outage and confirmed in place before it is ended. The job marks the start and asks about an overrun.
/// </summary>
internal sealed class PlannedOutage : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public OutageKind Kind { get; set; }

    /// <summary>Whole buildings out.</summary>
    public Guid[] BuildingIds { get; set; } = [];

    /// <summary>Single units out (besides the whole buildings).</summary>
    public Guid[] UnitIds { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset ExpectedEndAt { get; set; }
    public required string Reason { get; set; }

    /// <summary>临时供水安排: how water is supplied meanwhile (required when longer than two hours).</summary>
    public string? TemporaryWater { get; set; }
    public Guid? PlannedByUserId { get; set; }
    public required string PlannedByName { get; set; }
    public DateTimeOffset PlannedAt { get; set; }

    /// <summary>The last moment the residents may be told (the start less the lead time in force when planned).</summary>
    public DateTimeOffset NoticeDueBy { get; set; }
    public DateTimeOffset? FirstNoticeAt { get; set; }
    public bool NoticeLate { get; set; }
    public DateTimeOffset? NoticeRemindedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? TemporaryWaterReadyAt { get; set; }
    public string? TemporaryWaterReadyBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedByName { get; set; }
    public DateTimeOffset? OverrunToldAt { get; set; }

    /// <summary>Called off before its start (it is then also ended, so nothing more is asked of it).</summary>
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }

    public static readonly TimeSpan TemporaryWaterAfter = TimeSpan.FromHours(2);

    public bool NeedsTemporaryWater => ExpectedEndAt - StartsAt > TemporaryWaterAfter;

    /// <summary>Entered after its notice was due: whatever is sent now is late.</summary>
    public bool EnteredLate => PlannedAt > NoticeDueBy;

    public static PlannedOutage Plan(
        Guid companyId,
        Guid projectId,
        OutageKind kind,
        Guid[] buildingIds,
        Guid[] unitIds,
        DateTimeOffset startsAt,
        DateTimeOffset expectedEndAt,
        string reason,
        string? temporaryWater,
        Guid? userId,
        string userName,
        int leadHours,
        DateTimeOffset now
    )
    {
        (startsAt, expectedEndAt, now) = (startsAt.ToUniversalTime(), expectedEndAt.ToUniversalTime(), now.ToUniversalTime());
        var v = new Validator();
        if (buildingIds.Length == 0 && unitIds.Length == 0)
            v.Add("buildingIds", "请选择停水停电的楼栋或房屋", "Choose the buildings or units affected");
        if (startsAt <= now)
            v.Add("startsAt", "开始时间须晚于现在", "The outage must start in the future");
        if (expectedEndAt <= startsAt)
            v.Add("expectedEndAt", "预计结束时间须晚于开始时间", "The expected end must be after the start");
        else if (expectedEndAt - startsAt > TimeSpan.FromDays(7))
            v.Add("expectedEndAt", "一次停水停电不超过 7 天", "An outage lasts at most 7 days");
        if (expectedEndAt - startsAt > TemporaryWaterAfter && string.IsNullOrWhiteSpace(temporaryWater))
            v.Add(
                "temporaryWater",
                "预计超过 2 小时，须安排临时供水（送水车、临时水点等）",
                "Longer than 2 hours: plan the temporary water supply (water truck, standpipe…)"
            );
        v.ThrowIfAny();
        return new PlannedOutage
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Kind = kind,
            BuildingIds = buildingIds,
            UnitIds = unitIds,
            StartsAt = startsAt,
            ExpectedEndAt = expectedEndAt,
            Reason = reason.Trim(),
            TemporaryWater = string.IsNullOrWhiteSpace(temporaryWater) ? null : temporaryWater.Trim(),
            PlannedByUserId = userId,
            PlannedByName = userName,
            PlannedAt = now,
            NoticeDueBy = startsAt.AddHours(-leadHours),
        };
    }

    /// <summary>A notice to (some of) the area's residents: late when after <see cref="NoticeDueBy"/>; the first one marks the outage.
    /// </summary>
    public OutageNotice Notify(Guid[] unitIds, int recipients, Guid? boardNoticeId, string text, string by, DateTimeOffset now)
    {
        EnsureNotEnded();
        var late = now > NoticeDueBy;
        if (FirstNoticeAt is null)
        {
            FirstNoticeAt = now;
            NoticeLate = late;
        }
        return new OutageNotice
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            PlannedOutageId = Id,
            At = now,
            UnitIds = unitIds,
            Recipients = recipients,
            BoardNoticeId = boardNoticeId,
            Text = text.Length <= 1000 ? text : text[..1000],
            ByName = by,
            Late = late,
        };
    }

    /// <summary>Marked by the job when the start has come (idempotent).</summary>
    public bool MarkStarted(DateTimeOffset now)
    {
        if (StartedAt is not null || EndedAt is not null || now < StartsAt)
            return false;
        StartedAt = StartsAt;
        return true;
    }

    public void ConfirmTemporaryWater(string by, DateTimeOffset now)
    {
        EnsureNotEnded();
        if (TemporaryWaterReadyAt is not null)
            throw new RuleException(
                "outage.temporary_water_done",
                $"临时供水已于 {ChinaTime.Text(TemporaryWaterReadyAt)} 由 {TemporaryWaterReadyBy} 确认",
                $"The temporary water supply was confirmed by {TemporaryWaterReadyBy} at {ChinaTime.Text(TemporaryWaterReadyAt)}"
            );
        TemporaryWaterReadyAt = now;
        TemporaryWaterReadyBy = by;
    }

    /// <summary>Supply restored: only once it has started, and (when longer than two hours) with the temporary water confirmed.</summary>
    public void End(string by, DateTimeOffset now)
    {
        EnsureNotEnded();
        if (now < StartsAt)
            throw new RuleException("outage.not_started", "停水停电尚未开始，不能确认恢复", "The outage has not started yet");
        if (NeedsTemporaryWater && TemporaryWaterReadyAt is null)
            throw new RuleException(
                "outage.temporary_water",
                "预计超过 2 小时的停水停电须先确认临时供水到位",
                "An outage of more than 2 hours needs the temporary water supply confirmed first"
            );
        StartedAt ??= StartsAt;
        EndedAt = now;
        EndedByName = by;
    }

    /// <summary>取消: called off before it starts, with the reason; it ends at once (no reminder, no overrun, off the to-do lists).</summary>
    public void Cancel(string reason, string by, DateTimeOffset now)
    {
        EnsureNotEnded();
        if (now >= StartsAt)
            throw new RuleException(
                "outage.already_started",
                "停水停电已开始，不能取消；恢复后请确认恢复供应",
                "The outage has started and cannot be cancelled: confirm the supply restored instead"
            );
        CancelledAt = now;
        CancelReason = reason;
        EndedAt = now;
        EndedByName = by;
    }

    public void EnsureNotEnded()
    {
        if (EndedAt is not null)
            throw new RuleException(
                "outage.ended",
                CancelledAt is null ? "已恢复供应，停水停电已结束" : "停水停电已取消",
                CancelledAt is null ? "The outage is over" : "The outage was cancelled"
            );
    }
}

/// <summary>停水停电通知: one notice of an outage — which units, how many residents, on the board as which notice, late or not.</summary>
internal sealed class OutageNotice : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlannedOutageId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid[] UnitIds { get; set; } = [];
    public int Recipients { get; set; }
    public Guid? BoardNoticeId { get; set; }
    public required string Text { get; set; }
    public required string ByName { get; set; }
    public bool Late { get; set; }
}
