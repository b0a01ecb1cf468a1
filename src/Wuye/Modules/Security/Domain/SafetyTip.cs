using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>安全提示 (万科#4): one tip of the monitoring center's library of a project, e.g. "夜间注意电动车违规充电".</summary>
internal sealed class SafetyTip : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Takes the tip out of the library: no longer listed nor pushed; its pushes stay on record.</summary>
    public void Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
            throw new RuleException("safety_tip.archived", "该提示已移出提示库", "The tip is already out of the library");
        ArchivedAt = now;
    }
}

/// <summary>
/// A tip scheduled to a post every day in a time slot (China time, never across midnight): at the slot's start the guard on the post
/// gets it on their phone and acknowledges it before the slot ends.
/// </summary>
internal sealed class SafetyTipSchedule : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SafetyTipId { get; set; }
    public Guid SecurityPostId { get; set; }
    public TimeOnly From { get; set; }
    public TimeOnly To { get; set; }

    public static SafetyTipSchedule For(SafetyTip tip, SecurityPost post, TimeSlot slot)
    {
        if (post.ProjectId != tip.ProjectId)
            throw ValidationException.For("securityPostId", "该岗位不属于提示所在项目", "The post is not of the tip's project");
        return new()
        {
            CompanyId = tip.CompanyId,
            ProjectId = tip.ProjectId,
            SafetyTipId = tip.Id,
            SecurityPostId = post.Id,
            From = slot.From,
            To = slot.To,
        };
    }

    public TimeSlot Slot => new(From, To);
}

/// <summary>
/// 提示推送: one tip pushed to the guard on one post for one day's slot — the evidence that the tip reached the post and was read.
/// One per schedule and day (a unique key), so the scheduler never pushes twice. The title and body are kept as pushed.
/// </summary>
internal sealed class SafetyTipDelivery : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SafetyTipScheduleId { get; set; }
    public Guid SafetyTipId { get; set; }
    public Guid SecurityPostId { get; set; }
    public required string PostName { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset SlotFrom { get; set; }
    public DateTimeOffset SlotTo { get; set; }

    /// <summary>The guard on the post when the slot began (the first of the rota with an account); null when nobody has one.</summary>
    public Guid? GuardUserId { get; set; }
    public string? GuardName { get; set; }
    public DateTimeOffset PushedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    public static SafetyTipDelivery Push(
        SafetyTipSchedule schedule,
        SafetyTip tip,
        SecurityPost post,
        DateOnly day,
        Guid? guardUserId,
        string? guardName,
        DateTimeOffset now
    )
    {
        var (from, to) = schedule.Slot.On(day);
        return new()
        {
            CompanyId = schedule.CompanyId,
            ProjectId = schedule.ProjectId,
            SafetyTipScheduleId = schedule.Id,
            SafetyTipId = tip.Id,
            SecurityPostId = post.Id,
            PostName = post.Name,
            Title = tip.Title,
            Body = tip.Body,
            Day = day,
            SlotFrom = from.ToUniversalTime(),
            SlotTo = to.ToUniversalTime(),
            GuardUserId = guardUserId,
            GuardName = guardName,
            PushedAt = now,
        };
    }

    /// <summary>The guard on the post confirms they read the tip, before its slot ends.</summary>
    public void Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (GuardUserId != userId)
            throw new RuleException("safety_tip.not_yours", "这不是推送给您的安全提示", "This tip was pushed to another guard");
        if (AcknowledgedAt is not null)
            throw new RuleException("safety_tip.acknowledged", "该提示已确认", "This tip has been acknowledged");
        if (now >= SlotTo)
            throw new RuleException(
                "safety_tip.slot_over",
                $"提示时段已于 {ChinaTime.ToChina(SlotTo):HH:mm} 结束，不能再确认",
                $"The tip's slot ended at {ChinaTime.ToChina(SlotTo):HH:mm}; it can no longer be acknowledged"
            );
        AcknowledgedAt = now;
    }
}
