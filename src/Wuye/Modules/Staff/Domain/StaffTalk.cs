using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>
/// 员工座谈: one talk a manager held with one member of a project's staff register — the day, the topic, what was said, the
/// issue the person raised (if any) and its follow-up. A talk with an issue is open until its follow-up is recorded.
/// The project manager's quota (000/写字楼): <see cref="StaffOptions.TalksPerMonth"/> talks a month and every member of
/// the project's staff once a quarter.
/// </summary>
internal sealed class StaffTalk : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid StaffMemberId { get; set; }
    public required string StaffName { get; set; }
    public Guid HeldById { get; set; }
    public required string HeldByName { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Topic { get; set; }
    public string? Notes { get; set; }
    public string? Issue { get; set; }
    public string? FollowUp { get; set; }
    public DateOnly? FollowedUpOn { get; set; }

    public bool IsOpen => Issue != null && FollowedUpOn == null;

    /// <summary>Records a talk held today or before (no later than a year back).</summary>
    public static StaffTalk Record(
        Guid companyId,
        Guid projectId,
        Guid staffMemberId,
        string staffName,
        Guid heldById,
        string heldByName,
        DateOnly heldOn,
        string topic,
        string? notes,
        string? issue,
        DateOnly today
    )
    {
        if (heldOn > today)
            throw ValidationException.For("heldOn", "座谈日期不能晚于今天", "The talk cannot be dated after today");
        if (heldOn < today.AddYears(-1))
            throw ValidationException.For("heldOn", "只能补录一年内的座谈", "Only talks within the last year can be recorded");
        return new StaffTalk
        {
            CompanyId = companyId,
            ProjectId = projectId,
            StaffMemberId = staffMemberId,
            StaffName = staffName,
            HeldById = heldById,
            HeldByName = heldByName,
            HeldOn = heldOn,
            Topic = topic.Trim(),
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            Issue = string.IsNullOrWhiteSpace(issue) ? null : issue.Trim(),
        };
    }

    /// <summary>Closes the issue raised with what was done; a talk without an issue, or one already followed up, refuses.</summary>
    public void RecordFollowUp(string followUp, DateOnly today)
    {
        if (Issue is null)
            throw new RuleException("talk.no_issue", "这次座谈没有提出问题，无需跟进", "No issue was raised in this talk");
        if (FollowedUpOn is not null)
            throw new RuleException("talk.followed_up", "该问题已跟进办结", "This issue has already been followed up");
        FollowUp = followUp.Trim();
        FollowedUpOn = today;
    }

    /// <summary>The first day of the quarter of <paramref name="day"/>.</summary>
    public static DateOnly QuarterOf(DateOnly day) => new(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>
/// That a project's managers were told its talks quota was behind, for the month (<c>Period</c> its first day, Quarter false)
/// or the quarter (its first day, Quarter true): the reminder job tells them once.
/// </summary>
internal sealed class StaffTalkNotice
{
    public Guid ProjectId { get; set; }
    public DateOnly Period { get; set; }
    public bool Quarter { get; set; }
    public DateTimeOffset ToldAt { get; set; }
}
