using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.Complaints.Domain;

/// <summary>The complaint's state changes and their rules, on the entity alone (no app, no database).</summary>
public sealed class ComplaintRulesTests
{
    private static readonly DateTimeOffset Received = China(2026, 11, 23, 9, 0);
    private static readonly Guid Owner = Guid.NewGuid();

    private static Complaint Open(bool vip = false, MajorKind? major = null) =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            UnitId = Guid.NewGuid(),
            Number = "TS261123ABCDEF",
            Description = "漏水",
            ComplainantName = "钱先生",
            ReceivedByName = "客服 赵敏",
            OwnerStaffId = Owner,
            OwnerStaffName = "客服 赵敏",
            ReceivedAt = Received,
            ReplyDueAt = China(2026, 11, 25, 9, 0),
            Status = ComplaintStatus.Open,
            Vip = vip,
            Major = major,
        };

    private static Complaint Closed(bool? satisfied = null)
    {
        var c = Open();
        c.Close("已修复", Received.AddHours(3));
        if (satisfied is { } s)
            c.RecordVisit(s, null, Received.AddHours(5));
        return c;
    }

    private static void Rule(string code, Action act) => Assert.Equal(code, Assert.Throws<RuleException>(act).Code);

    private static void Invalid(string field, Action act) => Assert.True(Assert.Throws<ValidationException>(act).Errors.ContainsKey(field));

    [Fact]
    public void The_owner_of_record_customer_service_and_managers_may_handle_a_complaint_others_may_not()
    {
        var c = Open();
        c.CheckHandler(Owner, false, [Roles.Technician]);
        c.CheckHandler(Guid.NewGuid(), false, [Roles.CustomerService]);
        c.CheckHandler(Guid.NewGuid(), false, [Roles.ProjectManager]);
        c.CheckHandler(Guid.NewGuid(), false, [Roles.CompanyManager]);
        c.CheckHandler(Guid.NewGuid(), true, []);
        Assert.Throws<ForbiddenException>(() => c.CheckHandler(Guid.NewGuid(), false, [Roles.Technician, Roles.Steward]));
    }

    [Fact]
    public void Only_a_manager_reassigns_and_not_once_the_complaint_is_finished()
    {
        var c = Open();
        Assert.Throws<ForbiddenException>(() => c.CheckReassignable(false, [Roles.CustomerService]));
        c.CheckReassignable(false, [Roles.ProjectManager]);
        c.CheckReassignable(true, []);
        var pm = Guid.NewGuid();
        Assert.Equal("客服 赵敏", c.Reassign(pm, "项目经理 王强"));
        Assert.Equal((pm, "项目经理 王强"), (c.OwnerStaffId, c.OwnerStaffName));
        Invalid("ownerStaffId", () => c.Reassign(pm, "项目经理 王强"));

        Closed(satisfied: false).CheckReassignable(false, [Roles.CompanyManager]);
        Closed().CheckReassignable(false, [Roles.CompanyManager]);
        Rule("complaint.finished", () => Closed(satisfied: true).CheckReassignable(false, [Roles.CompanyManager]));
    }

    [Fact]
    public void A_reply_is_postponed_once_while_open_later_than_now_and_the_old_promise_within_thirty_days()
    {
        var c = Open();
        var now = Received.AddHours(1);
        Invalid("replyDueAt", () => c.Postpone(now, "等待配件", now));
        Invalid("replyDueAt", () => c.Postpone(c.ReplyDueAt, "等待配件", now));
        Invalid("replyDueAt", () => c.Postpone(Received.AddDays(30).AddMinutes(1), "等待配件", now));
        Assert.Null(c.PostponedAt);

        var old = c.Postpone(China(2026, 11, 27, 17, 0), " 等待配件 ", now);
        Assert.Equal(China(2026, 11, 25, 9, 0), old);
        Assert.Equal(China(2026, 11, 27, 17, 0), c.ReplyDueAt);
        Assert.Equal(now, c.PostponedAt);
        Assert.Equal("等待配件", c.PostponeReason);
        Rule("complaint.already_postponed", c.CheckPostponable);
        Rule("complaint.already_postponed", () => c.Postpone(China(2026, 11, 28, 17, 0), "再等", now));

        Rule("complaint.not_open", Closed().CheckPostponable);
    }

    [Fact]
    public void Working_days_of_a_postponement_count_from_the_promise_or_from_now_when_it_has_passed()
    {
        var c = Open();
        Assert.Equal(c.ReplyDueAt, c.PostponeFrom(Received));
        var late = c.ReplyDueAt.AddHours(2);
        Assert.Equal(late, c.PostponeFrom(late));
    }

    [Fact]
    public void A_manual_escalation_climbs_one_level_to_company_management_and_only_while_open()
    {
        var c = Open();
        Assert.Equal(1, c.NextEscalationLevel());
        c.RaiseTo(1);
        Assert.Equal(2, c.NextEscalationLevel());
        c.RaiseTo(2);
        Rule("complaint.escalation_top", () => c.NextEscalationLevel());
        c.RaiseTo(1);
        Assert.Equal(2, c.EscalationLevel);
        Rule("complaint.not_open", () => Closed().NextEscalationLevel());
    }

    [Fact]
    public void The_clock_escalates_flagged_complaints_by_the_projects_hours_and_any_complaint_past_its_promise()
    {
        var s = new ComplaintSettings { ProjectManagerAfterHours = 4, CompanyAfterHours = 48 };
        var vip = Open(vip: true);
        Assert.Null(vip.TimedEscalation(s, Received.AddHours(3)));
        Assert.Equal(1, vip.TimedEscalation(s, Received.AddHours(4))?.Level);
        vip.RaiseTo(1);
        Assert.Null(vip.TimedEscalation(s, Received.AddHours(47)));
        Assert.Equal(2, vip.TimedEscalation(s, Received.AddHours(48))?.Level);
        vip.RaiseTo(2);
        Assert.Null(vip.TimedEscalation(s, Received.AddHours(100)));

        var major = Open(major: MajorKind.Group);
        Assert.Equal(2, major.TimedEscalation(s, Received.AddHours(48))?.Level);

        var plain = Open();
        Assert.Null(plain.TimedEscalation(s, plain.ReplyDueAt));
        Assert.Equal(1, plain.TimedEscalation(s, plain.ReplyDueAt.AddMinutes(1))?.Level);
        Assert.Equal(1, plain.TimedEscalation(s, Received.AddHours(100))?.Level); // never to company management unless VIP or major
        plain.RaiseTo(1);
        Assert.Null(plain.TimedEscalation(s, Received.AddHours(100)));

        var closed = Open(vip: true);
        closed.Close("已处理", Received.AddHours(1));
        Assert.Null(closed.TimedEscalation(s, Received.AddHours(100)));
    }

    [Fact]
    public void Reclassifying_says_when_a_complaint_became_vip_or_major_while_open_and_not_escalated()
    {
        var c = Open();
        Assert.False(c.Classify(ComplaintCategory.Noise, true, null, null, null, ["security", "security"]));
        Assert.Equal(["security"], c.Departments);
        Assert.True(c.Classify(ComplaintCategory.Noise, false, " 重复投诉 ", true, null, null));
        Assert.Equal("重复投诉", c.IneffectiveReason);
        Assert.True(c.Vip);
        Assert.False(c.Classify(ComplaintCategory.Noise, true, "x", null, MajorKind.Media, null));
        Assert.Null(c.IneffectiveReason);
        Assert.True(c.Vip);

        var raised = Open();
        raised.RaiseTo(1);
        Assert.False(raised.Classify(ComplaintCategory.Repairs, true, null, true, null, null));
        var closed = Closed();
        Assert.False(closed.Classify(ComplaintCategory.Repairs, true, null, true, null, null));
    }

    [Fact]
    public void A_follow_up_keeps_what_it_does_not_replace()
    {
        var c = Open();
        c.FollowUp(" 人手不足 ", null);
        c.FollowUp("  ", "外包明天上门");
        Assert.Equal(("人手不足", "外包明天上门"), (c.RootCause, c.NextStep));
    }

    [Fact]
    public void A_service_request_is_linked_once_and_work_is_handed_to_engineering_only_while_open()
    {
        var c = Open();
        var request = Guid.NewGuid();
        c.Link(request);
        Rule("complaint.already_linked", () => c.Link(request));
        var made = Guid.NewGuid();
        c.HandedOver(made);
        c.HandedOver(Guid.NewGuid());
        Assert.Equal(3, c.ServiceRequestIds.Length);
        Assert.Equal(["engineering"], c.Departments);
        Rule("complaint.not_open", Closed().CheckMayHandOver);
        Rule("complaint.not_open", () => Closed().HandedOver(Guid.NewGuid()));
    }

    [Fact]
    public void Closing_is_the_first_reply_on_time_or_late_and_only_an_open_complaint_closes()
    {
        var c = Open();
        Assert.False(c.Close(" 已修复 ", c.ReplyDueAt));
        Assert.Equal((ComplaintStatus.Closed, "已修复", true), (c.Status, c.Resolution, c.RepliedOnTime));
        Assert.Equal(c.ReplyDueAt, c.RepliedAt);
        Rule("complaint.not_open", () => c.Close("again", c.ReplyDueAt));

        var late = Open();
        Assert.True(late.Close("已修复", late.ReplyDueAt.AddMinutes(1)));
        Assert.False(late.RepliedOnTime);
    }

    [Fact]
    public void A_visit_comes_after_closing_once()
    {
        Rule("complaint.not_closed", () => Open().RecordVisit(true, null, Received));
        var c = Closed();
        c.RecordVisit(false, " 还是漏 ", Received.AddHours(6));
        Assert.Equal((false, "还是漏", Received.AddHours(6)), (c.Satisfied!.Value, c.VisitComment, c.VisitedAt!.Value));
        Rule("complaint.already_visited", () => c.RecordVisit(true, null, Received.AddHours(7)));
    }

    [Fact]
    public void Only_a_closed_complaint_whose_complainant_is_not_satisfied_reopens_and_the_first_reply_stays()
    {
        Rule("complaint.not_reopenable", Open().CheckReopenable);
        Rule("complaint.not_reopenable", Closed(satisfied: true).CheckReopenable);
        Closed().CheckReopenable();

        var c = Closed(satisfied: false);
        var repliedAt = c.RepliedAt;
        var due = China(2026, 11, 27, 9, 0);
        c.Reopen(due);
        Assert.Equal((ComplaintStatus.Open, 1, due), (c.Status, c.ReopenCount, c.ReplyDueAt));
        Assert.Null(c.ClosedAt);
        Assert.Null(c.VisitedAt);
        Assert.Null(c.Satisfied);
        Assert.Equal(repliedAt, c.RepliedAt);
        Rule("complaint.not_reopenable", () => c.Reopen(due));

        // Closed again, the reply figures are those of the first closure.
        c.Close("更换整段水管", due.AddHours(1));
        Assert.Equal(repliedAt, c.RepliedAt);
    }

    [Fact]
    public void A_timeline_line_carries_the_complaints_place_and_cuts_long_notes()
    {
        var c = Open();
        var e = c.Event(ComplaintEventKind.FollowedUp, Received, null, "系统", new string('x', 1200));
        Assert.Equal((c.Id, c.CompanyId, c.ProjectId, c.UnitId), (e.ComplaintId, e.CompanyId, e.ProjectId, e.UnitId!.Value));
        Assert.Equal(1000, e.Note!.Length);
    }
}
