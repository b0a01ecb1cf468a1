using Wuye.Modules.Inspections.Domain;

namespace Wuye.Tests.Modules.Inspections.Domain;

/// <summary>The standards library's revisions, plans ending, what counts as traceable and as points. No database.</summary>
public sealed class CheckItemAndPlanTests
{
    private static CheckItem NewItem()
    {
        var item = new CheckItem
        {
            CompanyId = Guid.NewGuid(),
            Code = "",
            Description = "",
        };
        item.Word(" AQ-01 ", CheckArea.Safety, CheckFrequency.Weekly, " 消防通道畅通 ", "  ", " 抽查 3 处 ", 2);
        return item;
    }

    [Fact]
    public void Wording_trims_and_blanks_become_null()
    {
        var item = NewItem();
        Assert.Equal(
            ("AQ-01", "消防通道畅通", null, "抽查 3 处", 2m),
            (item.Code, item.Description, item.Method, item.Sampling, item.PointsPerDeduction)
        );
        Assert.Equal(1, item.Revision);
        var snap = item.Snapshot();
        Assert.Equal(
            (item.Id, item.CompanyId, 1, "AQ-01", CheckFrequency.Weekly),
            (snap.CheckItemId, snap.CompanyId, snap.Revision, snap.Code, snap.Frequency)
        );
    }

    [Fact]
    public void A_revision_raises_the_number_and_keeps_the_new_wording()
    {
        var item = NewItem();
        var rev = item.Revise("AQ-01", CheckArea.Safety, CheckFrequency.Daily, "消防通道无堵塞", null, null, null);
        Assert.Equal(2, item.Revision);
        Assert.Equal(
            (2, "消防通道无堵塞", CheckFrequency.Daily, 0m),
            (rev.Revision, rev.Description, rev.Frequency, rev.PointsPerDeduction)
        );
    }

    [Fact]
    public void Reimport_revises_only_a_changed_wording_and_brings_a_retired_item_back()
    {
        var item = NewItem();
        Assert.Null(item.Reimport("AQ-01", CheckArea.Safety, CheckFrequency.Weekly, "消防通道畅通", null, "抽查 3 处", 2));
        Assert.Equal(1, item.Revision);
        item.Retire(DateTimeOffset.UtcNow);
        var back = item.Reimport("AQ-01", CheckArea.Safety, CheckFrequency.Weekly, "消防通道畅通", null, "抽查 3 处", 2);
        Assert.NotNull(back);
        Assert.Null(item.RetiredAt);
        Assert.Equal(2, item.Revision);
        Assert.NotNull(item.Reimport("AQ-01", CheckArea.Safety, CheckFrequency.Monthly, "消防通道畅通", null, "抽查 3 处", 2));
        Assert.Equal(3, item.Revision);
    }

    [Fact]
    public void Retiring_twice_keeps_the_first_date()
    {
        var item = NewItem();
        var first = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        item.Retire(first);
        item.Retire(first.AddDays(1));
        Assert.Equal(first, item.RetiredAt);
        Assert.Equal("check_item.duplicate_code", CheckItem.DuplicateCode("AQ-01").Code);
    }

    [Fact]
    public void A_plan_ends_after_this_month_or_after_its_first_month_if_not_begun()
    {
        var plan = new InspectionPlan
        {
            InspectorName = "x",
            Name = "p",
            StartMonth = new DateOnly(2026, 9, 1),
        };
        Assert.True(plan.RunsIn(new DateOnly(2027, 1, 1)));
        plan.EndAfter(new DateOnly(2026, 11, 1));
        Assert.Equal(new DateOnly(2026, 11, 1), plan.EndMonth);
        Assert.True(plan.RunsIn(new DateOnly(2026, 11, 1)));
        Assert.False(plan.RunsIn(new DateOnly(2026, 12, 1)));
        Assert.False(plan.RunsIn(new DateOnly(2026, 8, 1)));

        var future = new InspectionPlan
        {
            InspectorName = "x",
            Name = "p",
            StartMonth = new DateOnly(2027, 2, 1),
        };
        future.EndAfter(new DateOnly(2026, 11, 1));
        Assert.Equal(new DateOnly(2027, 2, 1), future.EndMonth);
    }

    [Fact]
    public void A_result_is_traceable_with_samples_place_and_inspector()
    {
        InspectionResult R(int samples, string place, Guid inspector) =>
            new()
            {
                Place = place,
                SampleCount = samples,
                InspectorUserId = inspector,
            };
        Assert.True(R(3, "1号楼", Guid.NewGuid()).IsTraceable());
        Assert.False(R(0, "1号楼", Guid.NewGuid()).IsTraceable());
        Assert.False(R(3, "", Guid.NewGuid()).IsTraceable());
        Assert.False(R(3, "1号楼", Guid.Empty).IsTraceable());
    }

    [Fact]
    public void Only_a_deduction_costs_points_given_or_the_items_default()
    {
        Assert.Equal(5m, Finding.PointsFor(FindingType.Deduction, 5, 2));
        Assert.Equal(2m, Finding.PointsFor(FindingType.Deduction, null, 2));
        Assert.Equal(0m, Finding.PointsFor(FindingType.Rectification, null, 2));
        Assert.Equal(0m, Finding.PointsFor(FindingType.Suggestion, 3, 2));
    }

    [Theory]
    [InlineData("Daily", "2026-11-19", "2026-11-19")]
    [InlineData("Weekly", "2026-11-19", "2026-11-16")]
    [InlineData("Weekly", "2026-11-16", "2026-11-16")]
    [InlineData("Weekly", "2026-11-22", "2026-11-16")]
    [InlineData("Biweekly", "2026-11-15", "2026-11-01")]
    [InlineData("Biweekly", "2026-11-16", "2026-11-16")]
    [InlineData("Monthly", "2026-11-19", "2026-11-01")]
    [InlineData("Quarterly", "2026-11-19", "2026-10-01")]
    [InlineData("Semiannual", "2026-11-19", "2026-07-01")]
    [InlineData("Annual", "2026-11-19", "2026-01-01")]
    public void Periods_start_where_the_frequency_says(string frequency, string day, string start) =>
        Assert.Equal(DateOnly.Parse(start), CheckPeriods.Start(Enum.Parse<CheckFrequency>(frequency), DateOnly.Parse(day)));
}
