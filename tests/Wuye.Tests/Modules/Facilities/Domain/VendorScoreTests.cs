using Wuye.Modules.Facilities.Domain;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>The vendor scorecard's 100 points: each part in proportion, full when there is nothing to count, never below zero.</summary>
public sealed class VendorScoreTests
{
    [Fact]
    public void A_vendor_with_nothing_against_it_and_nothing_to_count_scores_100() =>
        Assert.Equal(100m, VendorScore.Of(new VendorRecords(0, 0, 0, 0, 0m, 0, 0, 0)));

    [Fact]
    public void Each_part_counts_in_proportion()
    {
        // 90 of 100 tasks done: 36; 8 of 10 checks passed: 16; 2 deduction points: 15 − 6 = 9; one complaint: 10;
        // 3 of 4 fixes on time: 7.5.
        Assert.Equal(78.5m, VendorScore.Of(new VendorRecords(100, 90, 10, 2, 2m, 1, 4, 3)));
    }

    [Fact]
    public void Deductions_and_complaints_never_go_below_zero()
    {
        // All done and passed (60), deductions and complaints used up (0), no fixes (10).
        Assert.Equal(70m, VendorScore.Of(new VendorRecords(10, 10, 5, 0, 12.5m, 9, 0, 0)));
    }

    [Fact]
    public void The_score_is_rounded_to_one_decimal()
    {
        // 2 of 3 tasks: 26.67; the rest in full: 60 → 86.7.
        Assert.Equal(86.7m, VendorScore.Of(new VendorRecords(3, 2, 0, 0, 0m, 0, 0, 0)));
    }
}
