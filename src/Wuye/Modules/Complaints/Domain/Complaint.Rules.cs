using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>
/// The complaint's state changes. Each checks its rule and throws the <see cref="RuleException"/>
/// (or, for who may act, the <see cref="ForbiddenException"/>) that says why not; the use cases
/// load the complaint, call one of these, write the timeline and save.
/// </summary>
internal sealed partial class Complaint
{
    /// <summary>VIP or major: escalated by the project's ladder.</summary>
    public bool IsFlagged() => Vip || Major is not null;

    /// <summary>First-responder ownership: the owner of record, customer service or a manager may act on the complaint.</summary>
    public void CheckHandler(Guid actorId, bool isGlobal, IReadOnlyCollection<string> roles)
    {
        if (isGlobal || OwnerStaffId == actorId || roles.Contains(Roles.CustomerService) || ComplaintRoles.Managers.Any(roles.Contains))
            return;
        throw new ForbiddenException(
            "只有首问责任人、客服或经理可以处理该投诉",
            "Only the complaint's owner, customer service or a manager may act on it"
        );
    }

    /// <summary>Reclassifies; true when it became VIP or major just now while open and not yet escalated (it may go up at once).</summary>
    public bool Classify(
        ComplaintCategory category,
        bool effective,
        string? ineffectiveReason,
        bool? vip,
        MajorKind? major,
        IEnumerable<string>? departments
    )
    {
        var wasFlagged = IsFlagged();
        Category = category;
        Effective = effective;
        IneffectiveReason = effective ? null : ineffectiveReason?.Trim();
        Vip = vip ?? Vip;
        Major = major;
        Departments = [.. (departments ?? []).Distinct()];
        return !wasFlagged && IsFlagged() && Status == ComplaintStatus.Open && EscalationLevel < 1;
    }

    /// <summary>Only a project or company manager changes the owner of record, and not once the complaint is finished.</summary>
    public void CheckReassignable(bool isGlobal, IReadOnlyCollection<string> roles)
    {
        if (!isGlobal && !ComplaintRoles.Managers.Any(roles.Contains))
            throw new ForbiddenException(
                "首问责任制：只有项目经理或公司管理层可以变更投诉责任人",
                "First-responder ownership: only a project or company manager may change the owner of a complaint"
            );
        if (Status == ComplaintStatus.Closed && VisitedAt is not null && Satisfied == true)
            throw new RuleException(
                "complaint.finished",
                "投诉已办结，不能变更责任人",
                "The complaint is finished; its owner cannot change"
            );
    }

    /// <summary>Hands ownership to <paramref name="staffId"/> (a staff member of the project, checked by the caller); returns the previous
    /// owner's name.</summary>
    public string Reassign(Guid staffId, string staffName)
    {
        if (staffId == OwnerStaffId)
            throw ValidationException.For("ownerStaffId", "该人员已是责任人", "That person already owns the complaint");
        var before = OwnerStaffName;
        OwnerStaffId = staffId;
        OwnerStaffName = staffName;
        return before;
    }

    /// <summary>A reply may be put off once, while the complaint is open.</summary>
    public void CheckPostponable()
    {
        if (Status != ComplaintStatus.Open)
            throw new RuleException("complaint.not_open", "投诉已关闭，不能延期", "The complaint is closed and cannot be postponed");
        if (PostponedAt is not null)
            throw new RuleException(
                "complaint.already_postponed",
                $"该投诉已于 {ChinaTime.Text(PostponedAt)} 延期过一次，同一件事不得两次推迟答复",
                $"This complaint was already postponed once (on {ChinaTime.Text(PostponedAt)}); a reply may not be put off twice"
            );
    }

    /// <summary>Working days of a postponement count on from the promise already given, or from now when that has passed.</summary>
    public DateTimeOffset PostponeFrom(DateTimeOffset now) => ReplyDueAt > now ? ReplyDueAt : now;

    /// <summary>Moves the promise to <paramref name="due"/>: later than now and than the old promise, within 30 days of receipt. Returns
    /// the old promise.</summary>
    public DateTimeOffset Postpone(DateTimeOffset due, string reason, DateTimeOffset now)
    {
        CheckPostponable();
        if (due <= now)
            throw ValidationException.For("replyDueAt", "新的答复时间不能早于现在", "The new reply time cannot be in the past");
        if (due <= ReplyDueAt)
            throw ValidationException.For(
                "replyDueAt",
                "新的答复时间应晚于原承诺时间",
                "The new reply time must be later than the one promised"
            );
        if (due > ReceivedAt.AddDays(LongestReplyDays))
            throw ValidationException.For(
                "replyDueAt",
                "延期后不能超过受理后 30 天",
                "Even postponed, the reply must come within 30 days of receipt"
            );
        var old = ReplyDueAt;
        ReplyDueAt = due;
        PostponedAt = now;
        PostponeReason = reason.Trim();
        return old;
    }

    /// <summary>The level a manual escalation raises to: open complaints only, at most company management (2).</summary>
    public int NextEscalationLevel()
    {
        if (Status != ComplaintStatus.Open)
            throw new RuleException("complaint.not_open", "投诉已关闭，不能升级", "The complaint is closed and cannot be escalated");
        if (EscalationLevel >= 2)
            throw new RuleException(
                "complaint.escalation_top",
                "已升级到公司管理层，不能再升级",
                "Already escalated to company management"
            );
        return EscalationLevel + 1;
    }

    /// <summary>Marks <paramref name="level"/> raised (never lowers it).</summary>
    public void RaiseTo(int level) => EscalationLevel = Math.Max(EscalationLevel, level);

    /// <summary>
    /// The escalation the clock calls for now, if any: a VIP or major complaint still open goes to
    /// company management after the project's longer hours, to the project manager after its shorter
    /// ones; any complaint past its promised reply goes to the project manager. Null: nothing to raise.
    /// </summary>
    public (int Level, string Reason)? TimedEscalation(ComplaintSettings s, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Open || EscalationLevel >= 2)
            return null;
        var age = now - ReceivedAt;
        var flagged = IsFlagged();
        (int Level, string Reason)? due = null;
        if (flagged && age >= TimeSpan.FromHours(s.CompanyAfterHours))
            due = (
                2,
                Loc.T(
                    $"VIP/重大投诉受理 {s.CompanyAfterHours} 小时仍未关闭",
                    $"VIP or major complaint still open {s.CompanyAfterHours} hours after receipt"
                )
            );
        else if (EscalationLevel < 1 && flagged && age >= TimeSpan.FromHours(s.ProjectManagerAfterHours))
            due = (
                1,
                Loc.T(
                    $"VIP/重大投诉受理 {s.ProjectManagerAfterHours} 小时",
                    $"VIP or major complaint received {s.ProjectManagerAfterHours} hours ago"
                )
            );
        else if (EscalationLevel < 1 && now > ReplyDueAt)
            due = (
                1,
                Loc.T($"已超过承诺答复时间 {ChinaTime.Text(ReplyDueAt)}", $"past the promised reply time {ChinaTime.Text(ReplyDueAt)}")
            );
        return due is { } d && d.Level > EscalationLevel ? d : null;
    }

    /// <summary>Records the root cause and/or the next step (blank ones leave what is there).</summary>
    public void FollowUp(string? rootCause, string? nextStep)
    {
        if (!string.IsNullOrWhiteSpace(rootCause))
            RootCause = rootCause.Trim();
        if (!string.IsNullOrWhiteSpace(nextStep))
            NextStep = nextStep.Trim();
    }

    /// <summary>Links an existing service request (of the same project, checked by the caller), once.</summary>
    public void Link(Guid serviceRequestId)
    {
        if (ServiceRequestIds.Contains(serviceRequestId))
            throw new RuleException("complaint.already_linked", "已关联该报事", "That request is already linked");
        ServiceRequestIds = [.. ServiceRequestIds, serviceRequestId];
    }

    /// <summary>Work is handed to engineering only while the complaint is open.</summary>
    public void CheckMayHandOver()
    {
        if (Status != ComplaintStatus.Open)
            throw new RuleException("complaint.not_open", "投诉已关闭", "The complaint is closed");
    }

    /// <summary>Links the service request made for the complaint; engineering becomes one of its departments.</summary>
    public void HandedOver(Guid serviceRequestId)
    {
        CheckMayHandOver();
        ServiceRequestIds = [.. ServiceRequestIds, serviceRequestId];
        if (!Departments.Contains("engineering"))
            Departments = [.. Departments, "engineering"];
    }

    /// <summary>Closes an open complaint with the resolution given; the first closure is the reply (on time when by the promise). True when
    /// after the promise.</summary>
    public bool Close(string resolution, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Open)
            throw new RuleException("complaint.not_open", "投诉已关闭", "The complaint is already closed");
        Status = ComplaintStatus.Closed;
        ClosedAt = now;
        Resolution = resolution.Trim();
        if (RepliedAt is null)
        {
            RepliedAt = now;
            RepliedOnTime = now <= ReplyDueAt;
        }
        return now > ReplyDueAt;
    }

    /// <summary>The return visit: once per closure, after closing.</summary>
    public void RecordVisit(bool satisfied, string? comment, DateTimeOffset now)
    {
        if (Status != ComplaintStatus.Closed)
            throw new RuleException(
                "complaint.not_closed",
                "投诉尚未处理完毕，不能回访",
                "The complaint is not closed yet; visit after closing"
            );
        if (VisitedAt is not null)
            throw new RuleException(
                "complaint.already_visited",
                "已回访过，不满意请重新处理",
                "Already visited; reopen it if the complainant is not satisfied"
            );
        VisitedAt = now;
        Satisfied = satisfied;
        VisitComment = comment?.Trim();
    }

    /// <summary>Only a closed complaint whose complainant is not satisfied (or not yet asked) is reopened.</summary>
    public void CheckReopenable()
    {
        if (Status != ComplaintStatus.Closed || Satisfied == true)
            throw new RuleException(
                "complaint.not_reopenable",
                "只有已关闭且投诉人不满意的投诉可以重新处理",
                "Only a closed complaint whose complainant is not satisfied can be reopened"
            );
    }

    /// <summary>Opens it again with a new promise; the first reply's figures stay.</summary>
    public void Reopen(DateTimeOffset newReplyDueAt)
    {
        CheckReopenable();
        Status = ComplaintStatus.Open;
        ReopenCount++;
        ClosedAt = null;
        VisitedAt = null;
        Satisfied = null;
        ReplyDueAt = newReplyDueAt;
    }

    /// <summary>A line of this complaint's timeline (notes over 1000 characters are cut).</summary>
    public ComplaintEvent Event(ComplaintEventKind kind, DateTimeOffset at, Guid? actorUserId, string? actorName, string? note) =>
        new()
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ZoneId = ZoneId,
            UnitId = UnitId,
            ComplaintId = Id,
            At = at,
            ActorUserId = actorUserId,
            ActorName = actorName,
            Kind = kind,
            Note = note is { Length: > 1000 } ? note[..1000] : note,
        };
}
