using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>
/// The month's contact analysis meeting of a project (走访分析会, 写字楼: 每月 28 日): scheduled when the month's plans are made, due
/// on the 28th, when the project's managers are reminded. Holding it records the findings with the month's figures as they stood
/// (target, households contacted, issues raised during the visits); the issues raised at the meeting follow as
/// <see cref="ContactMeetingIssue"/>s.
/// </summary>
internal sealed class ContactMeeting : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The 28th of the month.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>When the managers were reminded that it is due (once).</summary>
    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset? HeldAt { get; set; }
    public string? ChairName { get; set; }
    public string? Attendees { get; set; }
    public string? Findings { get; set; }
    public int Target { get; set; }
    public int Contacted { get; set; }
    public int IssuesRaised { get; set; }

    public const int Day = 28;

    public static DateOnly DueFor(DateOnly month) => new(month.Year, month.Month, Day);

    public static ContactMeeting For(Guid companyId, Guid projectId, DateOnly month) =>
        new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Month = new DateOnly(month.Year, month.Month, 1),
            DueOn = DueFor(month),
        };

    /// <summary>Records the meeting as held: once, and not before its day.</summary>
    public void Hold(
        string findings,
        string? attendees,
        string chair,
        (int Target, int Contacted, int Issues) figures,
        DateOnly today,
        DateTimeOffset now
    )
    {
        if (HeldAt is not null)
            throw new RuleException("contact_meeting.held", "本月分析会已记录", "This month's meeting is already recorded");
        if (today < DueOn)
            throw new RuleException(
                "contact_meeting.not_due",
                $"分析会定于 {DueOn:yyyy-MM-dd} 召开，尚未到期",
                $"The meeting is due on {DueOn:yyyy-MM-dd}, not yet"
            );
        HeldAt = now;
        Findings = findings;
        Attendees = attendees;
        ChairName = chair;
        (Target, Contacted, IssuesRaised) = figures;
    }
}

/// <summary>An issue raised at the analysis meeting, about a household or a public place; turned into a service request once.</summary>
internal sealed class ContactMeetingIssue : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MeetingId { get; set; }

    /// <summary>The household it concerns (a unit of the project), or null for a public place (<see cref="Location"/>).</summary>
    public Guid? HouseholdUnitId { get; set; }

    public string? Location { get; set; }
    public RequestCategory Category { get; set; }
    public required string Description { get; set; }
    public required string RaisedByName { get; set; }
    public Guid? ServiceRequestId { get; set; }
    public string? ServiceRequestNumber { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>An issue of a held meeting (one not held yet has no issues to record).</summary>
    public static ContactMeetingIssue Raise(
        ContactMeeting meeting,
        Guid? unitId,
        string? location,
        RequestCategory category,
        string description,
        string by
    )
    {
        if (meeting.HeldAt is null)
            throw new RuleException("contact_meeting.not_held", "请先记录分析会", "Record the meeting first");
        return new()
        {
            CompanyId = meeting.CompanyId,
            ProjectId = meeting.ProjectId,
            MeetingId = meeting.Id,
            HouseholdUnitId = unitId,
            Location = unitId is null ? location : null,
            Category = category,
            Description = description,
            RaisedByName = by,
        };
    }

    /// <summary>Links the service request opened for it: once.</summary>
    public void Opened(Guid requestId, string number, DateTimeOffset now)
    {
        CheckNotOpened();
        ServiceRequestId = requestId;
        ServiceRequestNumber = number;
        OpenedAt = now;
    }

    /// <summary>Refuses an issue already opened as a request (checked before the request is opened, and again when linked).</summary>
    public void CheckNotOpened()
    {
        if (ServiceRequestId is not null)
            throw new RuleException(
                "contact_meeting.issue_opened",
                $"该问题已转为报事 {ServiceRequestNumber}",
                $"Already opened as service request {ServiceRequestNumber}"
            );
    }
}
