using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>What a training is about: 专业技能 (professional, the 002 indicator's kind), 安全, 服务礼仪, 新员工入职.</summary>
internal enum TrainingTopic
{
    Professional,
    Safety,
    Service,
    Onboarding,
}

/// <summary>
/// 培训: one session of a course for staff of a project (or of the company), with the day it is held, its hours, the trainer and
/// the pass mark of its assessment; each trainee has an attendance line with their result.
/// </summary>
internal sealed class TrainingSession : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Title { get; set; }
    public TrainingTopic Topic { get; set; }
    public DateOnly HeldOn { get; set; }
    public decimal Hours { get; set; }
    public string? Trainer { get; set; }
    public decimal PassMark { get; set; }

    /// <summary>Plans a session: half an hour to forty hours, a pass mark out of 100.</summary>
    public static TrainingSession Plan(
        Guid companyId,
        Guid? projectId,
        string title,
        TrainingTopic topic,
        DateOnly heldOn,
        decimal hours,
        string? trainer,
        decimal passMark
    )
    {
        if (hours is < 0.5m or > 40m)
            throw ValidationException.For("hours", "课时须在 0.5 到 40 小时之间", "Hours must be between 0.5 and 40");
        if (passMark is < 0m or > 100m)
            throw ValidationException.For("passMark", "合格分须在 0 到 100 之间", "The pass mark must be between 0 and 100");
        return new TrainingSession
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Title = title.Trim(),
            Topic = topic,
            HeldOn = heldOn,
            Hours = Math.Round(hours, 1),
            Trainer = string.IsNullOrWhiteSpace(trainer) ? null : trainer.Trim(),
            PassMark = passMark,
        };
    }

    /// <summary>A trainee's line, without a result yet.</summary>
    public TrainingAttendance Enrol(Guid staffMemberId, string traineeName) =>
        new()
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            SessionId = Id,
            StaffMemberId = staffMemberId,
            TraineeName = traineeName,
        };
}

/// <summary>A trainee of a session: present or absent, the score, passed or not, and their rating of the session (1–5).</summary>
internal sealed class TrainingAttendance : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid SessionId { get; set; }
    public Guid StaffMemberId { get; set; }
    public required string TraineeName { get; set; }

    /// <summary>Null until the result is recorded.</summary>
    public bool? Attended { get; set; }
    public decimal? Score { get; set; }
    public bool? Passed { get; set; }
    public int? Rating { get; set; }

    /// <summary>
    /// The result, once the session has been held: an absent trainee has not passed (and neither scores nor rates); a present
    /// one needs a score out of 100 and passes at the session's pass mark. A result can be corrected.
    /// </summary>
    public void RecordResult(TrainingSession session, bool attended, decimal? score, int? rating, DateOnly today)
    {
        if (session.HeldOn > today)
            throw new RuleException(
                "training.not_held_yet",
                $"培训在 {session.HeldOn:yyyy-MM-dd} 举行，之后才能录入成绩",
                $"The session is held on {session.HeldOn:yyyy-MM-dd}; results can be recorded from then on"
            );
        if (!attended)
        {
            (Attended, Score, Passed, Rating) = (false, null, false, null);
            return;
        }
        if (score is not { } s)
            throw ValidationException.For("score", $"请填写 {TraineeName} 的考核分数", $"Enter {TraineeName}'s score");
        if (s is < 0m or > 100m)
            throw ValidationException.For("score", "分数须在 0 到 100 之间", "The score must be between 0 and 100");
        if (rating is < 1 or > 5)
            throw ValidationException.For("rating", "评价须为 1 到 5 分", "The rating must be 1 to 5");
        (Attended, Score, Passed, Rating) = (true, s, s >= session.PassMark, rating);
    }
}
