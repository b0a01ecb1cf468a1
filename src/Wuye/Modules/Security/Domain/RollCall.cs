using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>
/// A project's night roll-call (夜间点名, 万科#9): calls from <see cref="From"/> to <see cref="Until"/> (China time, across midnight
/// when Until ≤ From; both ends included) every <see cref="IntervalMinutes"/>; a post that has not answered within
/// <see cref="AnswerMinutes"/> is called again, up to <see cref="Recalls"/> times, then escalated to the supervisor. A project without
/// a row uses <see cref="Defaults"/>.
/// </summary>
internal sealed class RollCallSettings : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public TimeOnly From { get; set; } = new(22, 0);
    public TimeOnly Until { get; set; } = new(7, 0);
    public int IntervalMinutes { get; set; } = 30;
    public int AnswerMinutes { get; set; } = 5;
    public int Recalls { get; set; } = 1;

    public static RollCallSettings Defaults(Guid companyId, Guid projectId) => new() { CompanyId = companyId, ProjectId = projectId };

    /// <summary>The call times of the night that begins on <paramref name="night"/> (UTC).</summary>
    public IEnumerable<DateTimeOffset> Slots(DateOnly night)
    {
        var start = new DateTimeOffset(night.ToDateTime(From), ChinaTime.Offset);
        var end = new DateTimeOffset((Until <= From ? night.AddDays(1) : night).ToDateTime(Until), ChinaTime.Offset);
        for (var t = start; t <= end; t = t.AddMinutes(IntervalMinutes))
            yield return t.ToUniversalTime();
    }

    /// <summary>The night (its first day) a call time belongs to, or null when it is outside every night's window.</summary>
    public DateOnly? NightOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(ChinaTime.ToChina(at).DateTime);
        foreach (var night in new[] { day, day.AddDays(-1) })
            if (Slots(night).Any(s => s == at))
                return night;
        return null;
    }
}

internal enum RollCallState
{
    Waiting,
    Recalled,
    Answered,
    Escalated,
}

internal enum RollCallStep
{
    None,
    Recalled,
    Escalated,
}

/// <summary>
/// 点名: one call of one post at one call time, the evidence of the night: when it was called (and re-called), who answered and how
/// (on the guard's phone, or verbally to the operator), how fast — or when it was escalated to the supervisor. One per post and call
/// time (a unique key), so the scheduler never calls twice.
/// </summary>
internal sealed class RollCall : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SecurityPostId { get; set; }
    public required string PostName { get; set; }
    public DateOnly Night { get; set; }
    public DateTimeOffset SlotAt { get; set; }

    /// <summary>
    /// The guard on the post at the call time (the staff duty roster's where it has rostered the post for that hour, else the
    /// rota's; one with an account first); null when nobody on it has one.
    /// </summary>
    public Guid? GuardUserId { get; set; }
    public string? GuardName { get; set; }
    public DateTimeOffset CalledAt { get; set; }
    public int Calls { get; set; } = 1;
    public DateTimeOffset LastCalledAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid? AnsweredByUserId { get; set; }
    public bool Verbal { get; set; }
    public string? Note { get; set; }

    public static RollCall Open(
        SecurityPost post,
        DateOnly night,
        DateTimeOffset slotAt,
        Guid? guardUserId,
        string? guardName,
        DateTimeOffset now
    ) =>
        new()
        {
            CompanyId = post.CompanyId,
            ProjectId = post.ProjectId,
            SecurityPostId = post.Id,
            PostName = post.Name,
            Night = night,
            SlotAt = slotAt,
            GuardUserId = guardUserId,
            GuardName = guardName,
            CalledAt = now,
            LastCalledAt = now,
        };

    public RollCallState State =>
        AnsweredAt is not null ? RollCallState.Answered
        : EscalatedAt is not null ? RollCallState.Escalated
        : Calls > 1 ? RollCallState.Recalled
        : RollCallState.Waiting;

    /// <summary>Seconds from the first call to the answer.</summary>
    public int? ResponseSeconds => AnsweredAt is { } a ? (int)Math.Round((a - CalledAt).TotalSeconds) : null;

    private void CheckOpen()
    {
        if (AnsweredAt is not null)
            throw new RuleException("roll_call.answered", "该点名已应答", "This roll-call has been answered");
        if (EscalatedAt is not null)
            throw new RuleException(
                "roll_call.escalated",
                $"超时未应答，已于 {ChinaTime.ToChina(EscalatedAt.Value):HH:mm} 上报主管，不能再应答；请向主管说明情况",
                $"Not answered in time: escalated to the supervisor at {ChinaTime.ToChina(EscalatedAt.Value):HH:mm}; "
                    + "it can no longer be acknowledged, explain to the supervisor"
            );
    }

    /// <summary>The guard on the post answers on their phone.</summary>
    public void Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (GuardUserId != userId)
            throw new RuleException("roll_call.not_yours", "这不是您所在岗位的点名", "This roll-call is for another post's guard");
        CheckOpen();
        AnsweredAt = now;
        AnsweredByUserId = userId;
    }

    /// <summary>The monitoring center's operator records the post's verbal answer (radio, phone).</summary>
    public void RecordVerbal(Guid operatorId, string? note, DateTimeOffset now)
    {
        CheckOpen();
        AnsweredAt = now;
        AnsweredByUserId = operatorId;
        Verbal = true;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>
    /// The scheduler's step: a call unanswered for <paramref name="answerMinutes"/> since it was last made is made again while
    /// re-calls are left, else escalated.
    /// </summary>
    public RollCallStep Advance(DateTimeOffset now, int answerMinutes, int recalls)
    {
        if (AnsweredAt is not null || EscalatedAt is not null || now < LastCalledAt.AddMinutes(answerMinutes))
            return RollCallStep.None;
        if (Calls <= recalls)
        {
            Calls++;
            LastCalledAt = now;
            return RollCallStep.Recalled;
        }
        EscalatedAt = now;
        return RollCallStep.Escalated;
    }
}
