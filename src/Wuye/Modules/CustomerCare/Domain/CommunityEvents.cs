using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

internal enum CommunityEventStatus
{
    Open,
    Cancelled,
}

/// <summary>
/// 社区文化活动 (000#60–62, #78; 001 ≥ 2 a year; 002 ≥ 12 a year, ≥ 300 people): a project's event (or one zone's, when a zone
/// steward organises it) with its monthly theme (主题月), place, time and capacity, invitations to the residents whose interests
/// match, sign-ups per household and check-in at the door.
/// </summary>
internal sealed class CommunityEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>A zone steward's event, for the households of that zone; null = the whole project.</summary>
    public Guid? ZoneId { get; set; }
    public required string Title { get; set; }

    /// <summary>The month's theme (e.g. 三月·学雷锋邻里互助月, 000#65).</summary>
    public string? Theme { get; set; }

    /// <summary>The interests (兴趣爱好 of the customer profiles) it is meant for; none = every resident.</summary>
    public string[] Interests { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public required string Place { get; set; }
    public int Capacity { get; set; }
    public string? Description { get; set; }
    public CommunityEventStatus Status { get; set; }
    public Guid? OrganizerUserId { get; set; }
    public required string OrganizerName { get; set; }

    /// <summary>Accounts invited when it was announced.</summary>
    public int Invited { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }

    public const int MaxPeoplePerSignUp = 5;

    /// <summary>Check-in opens two hours before the start and stays open until the end of the next day (China time).</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromHours(2);

    public void EnsureOpenForSignUp(DateTimeOffset now)
    {
        if (Status == CommunityEventStatus.Cancelled)
            throw new RuleException("event.cancelled", "活动已取消", "The event is cancelled");
        if (now >= StartsAt)
            throw new RuleException("event.started", "活动已开始，报名已截止", "The event has started; sign-up is closed");
    }

    public static bool CheckInOpen(DateTimeOffset startsAt, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(ChinaTime.ToChina(startsAt).DateTime);
        return now >= startsAt - CheckInOpensBefore && now < ChinaTime.StartOf(day.AddDays(2));
    }

    public void EnsureCheckInOpen(DateTimeOffset now)
    {
        if (Status == CommunityEventStatus.Cancelled)
            throw new RuleException("event.cancelled", "活动已取消", "The event is cancelled");
        if (!CheckInOpen(StartsAt, now))
            throw new RuleException(
                "event.check_in_closed",
                "签到仅在活动开始前两小时至次日结束前开放",
                "Check-in is open from two hours before the start until the end of the next day"
            );
    }
}

/// <summary>A household's sign-up (报名) for an event: how many come; checked in at the door by staff.</summary>
internal sealed class EventSignUp : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid EventId { get; set; }
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    public int People { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
    public int? Attended { get; set; }
    public string? CheckedInByName { get; set; }

    public void CheckIn(int? attended, string by, DateTimeOffset now)
    {
        if (CheckedInAt is not null)
            throw new RuleException("event.checked_in", "该户已签到", "This household has already checked in");
        CheckedInAt = now;
        Attended = attended ?? People;
        CheckedInByName = by;
    }
}

/// <summary>小区社团 (000#61): a club of a project, usually around one interest; households join and leave.</summary>
internal sealed class Club : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public string? Interest { get; set; }
    public string? Description { get; set; }
}

/// <summary>A household's membership of a club (the person who joined named).</summary>
internal sealed class ClubMember : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid ClubId { get; set; }
    public required string Name { get; set; }
}

/// <summary>The seeds' yearly goals for community activities.</summary>
internal static class CommunityGoals
{
    /// <summary>001 ch.2.6: 每年组织不少于2次社区文化活动.</summary>
    public const int Seed001PerYear = 2;

    /// <summary>002/篇4 #10: 每年社区文化活动不得少于12次，每次参与人员不得少于300人.</summary>
    public const int Seed002PerYear = 12,
        Seed002People = 300;
}
