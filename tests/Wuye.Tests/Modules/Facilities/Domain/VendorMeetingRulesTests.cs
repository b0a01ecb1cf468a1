using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>The vendors' meeting's rules without a database: not in the future, vendors present; an action for a vendor present, due
/// on or after the meeting, each field's error named with its row; done once, with a note.</summary>
public sealed class VendorMeetingRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private static readonly Guid Vendor = Guid.NewGuid();

    private static VendorMeeting Meeting(DateOnly heldOn) =>
        VendorMeeting.Create(Guid.NewGuid(), Guid.NewGuid(), heldOn, [Vendor, Vendor], null, Guid.NewGuid(), "经理", Today);

    [Fact]
    public void A_meeting_belongs_to_the_month_it_was_held_in_and_is_never_in_the_future()
    {
        var m = Meeting(new DateOnly(2026, 3, 31));
        Assert.Equal(new DateOnly(2026, 3, 1), m.Month);
        Assert.Equal([Vendor], m.VendorIds);
        var e = Assert.Throws<ValidationException>(() =>
            VendorMeeting.Create(Guid.NewGuid(), Guid.NewGuid(), Today.AddDays(1), [], null, Guid.NewGuid(), "经理", Today)
        );
        Assert.Equal(["heldOn", "vendorIds"], e.Errors.Keys.Order());
    }

    [Fact]
    public void An_action_is_for_a_vendor_present_and_due_on_or_after_the_meeting()
    {
        var m = Meeting(new DateOnly(2026, 3, 10));
        var e = Assert.Throws<ValidationException>(() =>
            m.AddAction(Guid.NewGuid(), "别家", " ", Guid.NewGuid(), "张三", new DateOnly(2026, 3, 9), "actions[2].")
        );
        Assert.Equal(["actions[2].dueOn", "actions[2].vendorId", "actions[2].what"], e.Errors.Keys.Order());
        var a = m.AddAction(Vendor, "保洁公司", " 补齐二次清洁 ", Guid.NewGuid(), "张三", new DateOnly(2026, 3, 10));
        Assert.Equal(m.Id, a.VendorMeetingId);
        Assert.Equal(m.ProjectId, a.ProjectId);
        Assert.Equal("补齐二次清洁", a.What);
        Assert.False(a.IsOverdue(new DateOnly(2026, 3, 10)));
        Assert.True(a.IsOverdue(new DateOnly(2026, 3, 11)));
    }

    [Fact]
    public void An_action_is_done_once_with_a_note_and_is_then_no_longer_overdue()
    {
        var a = Meeting(new DateOnly(2026, 3, 10)).AddAction(Vendor, "保洁公司", "补种", Guid.NewGuid(), "张三", new DateOnly(2026, 3, 12));
        var now = new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("note", Assert.Single(Assert.Throws<ValidationException>(() => a.Close(" ", "张三", now)).Errors.Keys));
        a.Close("已补种完毕", "张三", now);
        Assert.Equal(now.ToUniversalTime(), a.DoneAt);
        Assert.False(a.IsOverdue(new DateOnly(2026, 3, 20)));
        Assert.Equal("vendor_meeting_action.done", Assert.Throws<RuleException>(() => a.Close("再次", "张三", now)).Code);
    }
}
