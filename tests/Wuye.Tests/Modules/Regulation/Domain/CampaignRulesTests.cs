using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Regulation.Domain;

/// <summary>A campaign's phases by date, its self-check window (late after the due date, closed after rectification) and the report
/// only from the inspection phase on, once.</summary>
public sealed class CampaignRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static Campaign Launch() =>
        Campaign.Launch(Guid.NewGuid(), "物业管理我来治", null, Day, Day.AddDays(10), Day.AddDays(20), Day.AddDays(30), Day, "刘科长");

    [Fact]
    public void Phases_follow_the_dates()
    {
        var c = Launch();
        Assert.Equal(
            [
                CampaignPhase.Planned,
                CampaignPhase.SelfCheck,
                CampaignPhase.SelfCheck,
                CampaignPhase.Rectification,
                CampaignPhase.Rectification,
                CampaignPhase.Inspection,
                CampaignPhase.Inspection,
                CampaignPhase.SummaryDue,
            ],
            new[] { -1, 0, 10, 11, 20, 21, 30, 31 }.Select(d => c.Phase(Day.AddDays(d)))
        );
        c.Report("总结", Day.AddDays(31), DateTimeOffset.UtcNow);
        Assert.Equal(CampaignPhase.Reported, c.Phase(Day.AddDays(31)));
    }

    [Fact]
    public void Dates_out_of_order_or_in_the_past_are_refused()
    {
        Assert.Equal(
            "campaign.phases",
            Assert
                .Throws<RuleException>(() =>
                    Campaign.Launch(Guid.NewGuid(), "x", null, Day, Day.AddDays(10), Day.AddDays(10), Day.AddDays(30), Day, "")
                )
                .Code
        );
        Assert.Equal(
            "campaign.start_past",
            Assert
                .Throws<RuleException>(() =>
                    Campaign.Launch(Guid.NewGuid(), "x", null, Day.AddDays(-1), Day.AddDays(10), Day.AddDays(20), Day.AddDays(30), Day, "")
                )
                .Code
        );
    }

    [Fact]
    public void A_self_check_is_on_time_until_due_late_until_rectification_ends_then_closed_and_only_once()
    {
        var c = Launch();
        Assert.Equal("campaign.not_started", Assert.Throws<RuleException>(() => c.CheckSelfCheckAllowed(Day.AddDays(-1), false)).Code);
        Assert.False(c.CheckSelfCheckAllowed(Day.AddDays(10), false));
        Assert.True(c.CheckSelfCheckAllowed(Day.AddDays(11), false));
        Assert.Equal(
            "campaign.self_check_closed",
            Assert.Throws<RuleException>(() => c.CheckSelfCheckAllowed(Day.AddDays(21), false)).Code
        );
        Assert.Equal("campaign.self_check_done", Assert.Throws<RuleException>(() => c.CheckSelfCheckAllowed(Day.AddDays(5), true)).Code);
    }

    [Fact]
    public void The_report_waits_for_the_inspection_phase_and_is_made_once()
    {
        var c = Launch();
        Assert.Equal(
            "campaign.report_early",
            Assert.Throws<RuleException>(() => c.Report("x", Day.AddDays(20), DateTimeOffset.UtcNow)).Code
        );
        c.Report("全县 6 个项目全部检查", Day.AddDays(21), DateTimeOffset.UtcNow);
        Assert.Equal("campaign.reported", Assert.Throws<RuleException>(() => c.Report("y", Day.AddDays(22), DateTimeOffset.UtcNow)).Code);
        Assert.Equal(
            "campaign.reported",
            Assert.Throws<RuleException>(() => c.CheckInspectionAllowed(Day.AddDays(22), Day.AddDays(22))).Code
        );
    }
}
