using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Fees.Domain;

/// <summary>减免 rules without a database: four eyes, one decision, a reason to reject, never more than is owed.</summary>
public sealed class FeeAdjustmentRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 2, 0, 0, TimeSpan.Zero);

    private static FeeAdjustment Asked(Guid by) =>
        new()
        {
            ReasonText = "空置",
            RequestedByName = "甲",
            RequestedByUserId = by,
            Amount = 100m,
        };

    [Fact]
    public void The_asker_cannot_decide_a_decision_is_final_and_a_rejection_needs_a_reason()
    {
        var asker = Guid.NewGuid();
        var a = Asked(asker);
        Assert.Equal("fee_adjustment.own_request", Assert.Throws<RuleException>(() => a.Approve(asker, "甲", At, null)).Code);
        Assert.Throws<ValidationException>(() => a.Reject(Guid.NewGuid(), "乙", At, " "));
        Assert.Equal(AdjustmentStatus.Pending, a.Status);
        a.Approve(Guid.NewGuid(), "乙", At, null);
        Assert.Equal(AdjustmentStatus.Approved, a.Status);
        Assert.Equal("fee_adjustment.decided", Assert.Throws<RuleException>(() => a.Reject(Guid.NewGuid(), "丙", At, "不同意")).Code);
    }

    [Theory]
    [InlineData(120.02, 120.02, true)]
    [InlineData(120.03, 120.02, false)]
    public void The_amount_is_at_most_what_the_bill_still_asks(decimal amount, decimal outstanding, bool ok)
    {
        if (ok)
            FeeAdjustment.CheckAmount(amount, outstanding);
        else
            Assert.Equal(
                "fee_adjustment.more_than_owed",
                Assert.Throws<RuleException>(() => FeeAdjustment.CheckAmount(amount, outstanding)).Code
            );
    }
}
