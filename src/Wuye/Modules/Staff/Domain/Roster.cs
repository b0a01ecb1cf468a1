using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>白班 / 夜班 / 弹性班: a technician's flexible shift (000#44) is an on-call window rather than fixed hours on a post.</summary>
internal enum ShiftKind
{
    Day,
    Night,
    Flexible,
}

/// <summary>班次: a project's shift, China time; one ending at or before its start ends the next day (夜班 19:00–07:00).</summary>
internal sealed class RosterShift : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public ShiftKind Kind { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }

    public (DateTimeOffset From, DateTimeOffset To) On(DateOnly day) =>
        (
            new DateTimeOffset(day.ToDateTime(Starts), ChinaTime.Offset),
            new DateTimeOffset((Ends > Starts ? day : day.AddDays(1)).ToDateTime(Ends), ChinaTime.Offset)
        );

    public string Hours => $"{Starts:HH\\:mm}-{Ends:HH\\:mm}";

    public static RosterShift Create(Guid companyId, Guid projectId, string name, ShiftKind kind, TimeOnly starts, TimeOnly ends)
    {
        if (starts == ends)
            throw ValidationException.For("ends", "下班时间不能等于上班时间", "A shift must end at another time than it starts");
        return new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            Kind = kind,
            Starts = starts,
            Ends = ends,
        };
    }
}

/// <summary>
/// 岗位 of a duty roster: a team's post on a project (工程值班, 消防控制室…), optionally the security module's post it staffs and
/// the special-operation certificate it requires (持证上岗): nobody without a valid one is rostered on it.
/// </summary>
internal sealed class RosterPost : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? SecurityPostId { get; set; }
    public required string Name { get; set; }
    public CertificateKind? RequiredCertificate { get; set; }

    /// <summary>需值守的班次: the shifts someone fit must be on this post every day; one left empty is a gap (缺岗).</summary>
    public Guid[] StaffedShiftIds { get; set; } = [];
}

/// <summary>
/// 排班: a member of the project's staff register on a post for a shift of a day; the window (UTC) answers "who is on duty now".
/// </summary>
internal sealed class RosterEntry : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PostId { get; set; }
    public Guid ShiftId { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid? UserId { get; set; }
    public required string StaffName { get; set; }

    /// <summary>What the caller found about the person for the day: checked here, field by field.</summary>
    internal sealed record Fitness(bool Certified, bool OnLeave, string? Overlapping);

    /// <summary>
    /// Puts a person on a post for a shift of a day (today or later). Post, shift and person must be of one project; a person
    /// without a valid certificate the post requires, on approved leave that day, or already rostered at an overlapping
    /// time is refused.
    /// </summary>
    public static RosterEntry For(
        RosterPost post,
        RosterShift shift,
        DateOnly day,
        Guid staffId,
        Guid? staffProjectId,
        Guid? userId,
        string name,
        Fitness fit,
        DateOnly today
    )
    {
        if (day < today)
            throw ValidationException.For("day", "不能给已过去的日期排班", "A past day cannot be rostered");
        if (day > today.AddDays(62))
            throw ValidationException.For("day", "只能排两个月内的班", "Only the next two months can be rostered");
        if (shift.ProjectId != post.ProjectId)
            throw ValidationException.For("shiftId", "该班次不属于本岗位的项目", "The shift is of another project");
        if (staffProjectId != post.ProjectId)
            throw ValidationException.For(
                "staffMemberId",
                "该员工不在本项目的员工名册中",
                "The person is not on this project's staff register"
            );
        Check(post, name, fit);
        var (from, to) = shift.On(day);
        return new()
        {
            CompanyId = post.CompanyId,
            ProjectId = post.ProjectId,
            PostId = post.Id,
            ShiftId = shift.Id,
            Day = day,
            StartsAt = from.ToUniversalTime(),
            EndsAt = to.ToUniversalTime(),
            StaffMemberId = staffId,
            UserId = userId,
            StaffName = name,
        };
    }

    /// <summary>The rules a person must meet to stand on <paramref name="post"/> (also when a swap hands them the shift).</summary>
    public static void Check(RosterPost post, string name, Fitness fit, string field = "staffMemberId")
    {
        if (post.RequiredCertificate is { } kind && !fit.Certified)
            throw ValidationException.For(
                field,
                $"{name} 没有有效的{StaffText.KindZh(kind)}证书（已过期或未取得），不能排在“{post.Name}”岗位",
                $"{name} holds no valid {StaffText.Kinds.First(k => k.Kind == kind).En} certificate for \"{post.Name}\""
            );
        if (fit.OnLeave)
            throw ValidationException.For(field, $"{name} 当天已获准请假", $"{name} is on approved leave that day");
        if (fit.Overlapping is { } other)
            throw new RuleException(
                "roster.double_booked",
                $"{name} 在该时段已排在“{other}”",
                $"{name} is already rostered on \"{other}\" at that time"
            );
    }
}

internal enum RequestStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>请假: a staff member's leave of whole days, approved or rejected by a keeper of the project's roster.</summary>
internal sealed class LeaveRequest : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid UserId { get; set; }
    public required string StaffName { get; set; }
    public DateOnly FromDay { get; set; }
    public DateOnly ToDay { get; set; }
    public required string Reason { get; set; }
    public RequestStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    public static LeaveRequest Ask(
        Guid companyId,
        Guid projectId,
        Guid staffId,
        Guid userId,
        string name,
        DateOnly from,
        DateOnly to,
        string reason,
        DateOnly today
    )
    {
        if (from < today)
            throw ValidationException.For("fromDay", "不能为已过去的日期请假", "Leave cannot start in the past");
        if (to < from)
            throw ValidationException.For("toDay", "结束日期不能早于开始日期", "The last day cannot be before the first");
        if (to.DayNumber - from.DayNumber >= 30)
            throw ValidationException.For("toDay", "一次请假不超过 30 天", "A leave request covers at most 30 days");
        return new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            StaffMemberId = staffId,
            UserId = userId,
            StaffName = name,
            FromDay = from,
            ToDay = to,
            Reason = reason.Trim(),
        };
    }

    public void Decide(bool approve, Guid by, string byName, string? note, DateTimeOffset now)
    {
        if (Status != RequestStatus.Pending)
            throw new RuleException("leave.decided", "该请假申请已审批", "This leave request has already been decided");
        if (by == UserId)
            throw new RuleException("leave.own", "不能审批自己的请假", "You cannot decide your own leave");
        Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
        DecidedById = by;
        DecidedByName = byName;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>
/// 换班: a staff member offers one of their coming shifts for a colleague's; a keeper's approval exchanges the two people, each
/// checked against the other's post (certificate, leave, overlaps).
/// </summary>
internal sealed class ShiftSwap : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid EntryId { get; set; }
    public Guid WithEntryId { get; set; }
    public Guid RequesterUserId { get; set; }
    public required string RequesterName { get; set; }
    public Guid? PartnerUserId { get; set; }
    public required string PartnerName { get; set; }
    public required string Reason { get; set; }
    public RequestStatus Status { get; set; }
    public Guid? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public static ShiftSwap Ask(RosterEntry mine, RosterEntry theirs, Guid me, string reason, DateTimeOffset now)
    {
        if (mine.UserId != me)
            throw ValidationException.For("entryId", "只能拿自己的班次换班", "Only a shift of your own can be swapped");
        if (theirs.ProjectId != mine.ProjectId)
            throw ValidationException.For("withEntryId", "只能与同一项目的班次互换", "Swap only with a shift of the same project");
        if (theirs.StaffMemberId == mine.StaffMemberId)
            throw ValidationException.For("withEntryId", "请选择同事的班次", "Choose a colleague's shift");
        if (mine.StartsAt <= now)
            throw ValidationException.For("entryId", "该班次已开始，不能换班", "That shift has started");
        if (theirs.StartsAt <= now)
            throw ValidationException.For("withEntryId", "该班次已开始，不能换班", "That shift has started");
        return new()
        {
            CompanyId = mine.CompanyId,
            ProjectId = mine.ProjectId,
            EntryId = mine.Id,
            WithEntryId = theirs.Id,
            RequesterUserId = me,
            RequesterName = mine.StaffName,
            PartnerUserId = theirs.UserId,
            PartnerName = theirs.StaffName,
            Reason = reason.Trim(),
        };
    }

    /// <summary>Approves (the caller has checked each person against the other's post) or rejects the swap.</summary>
    public void Decide(bool approve, RosterEntry mine, RosterEntry theirs, Guid by, string byName, DateTimeOffset now)
    {
        if (Status != RequestStatus.Pending)
            throw new RuleException("swap.decided", "该换班申请已审批", "This swap has already been decided");
        if (by == RequesterUserId || by == PartnerUserId)
            throw new RuleException("swap.own", "不能审批自己参与的换班", "You cannot decide a swap of your own");
        if (approve && (mine.StartsAt <= now || theirs.StartsAt <= now))
            throw new RuleException("swap.started", "班次已开始，不能再换班", "A shift of the swap has started");
        if (approve)
        {
            (mine.StaffMemberId, theirs.StaffMemberId) = (theirs.StaffMemberId, mine.StaffMemberId);
            (mine.UserId, theirs.UserId) = (theirs.UserId, mine.UserId);
            (mine.StaffName, theirs.StaffName) = (theirs.StaffName, mine.StaffName);
        }
        Status = approve ? RequestStatus.Approved : RequestStatus.Rejected;
        DecidedById = by;
        DecidedByName = byName;
        DecidedAt = now;
    }
}
