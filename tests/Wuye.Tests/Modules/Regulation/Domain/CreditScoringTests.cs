using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Regulation.Domain;

/// <summary>The credit-rating engine under the presets: the same records, different published outcomes; every band boundary;
/// validity, caps, vetoes and the objection window.</summary>
public sealed class CreditScoringTests
{
    private static readonly DateOnly Day = new(2026, 12, 31);

    private static CreditRules Rules(string preset) => CreditRatingTable.Create(Guid.NewGuid(), 1, CreditPresets.Spec(preset)!).Rules();

    private static ConductFact Base(decimal points, string item = "daily_inspection") =>
        new(item, ConductKind.Base, points, Day.AddMonths(-1), Day.AddMonths(11), true);

    private static ConductFact Fact(
        string item,
        ConductKind kind,
        decimal points,
        int monthsAgo = 1,
        int validMonths = 12,
        bool counts = true
    )
    {
        var on = Day.AddMonths(-monthsAgo);
        return new(item, kind, points, on, on.AddMonths(validMonths).AddDays(-1), counts);
    }

    private static CreditOutcome Rate(string preset, params ConductFact[] facts) => CreditScoring.Rate(Rules(preset), facts, Day);

    [Fact]
    public void Fifty_nine_points_with_no_bad_record_is_B_in_Shandong_and_C_in_Yantai()
    {
        var yantai = Rate("yantai", Base(45), Base(14, "filing"));
        var shandong = Rate("shandong", Base(45), Base(14, "filing"));
        Assert.Equal(59, yantai.Score);
        Assert.Equal("C", yantai.Grade);
        Assert.Equal(CreditList.Black, yantai.List);
        Assert.Equal("B", shandong.Grade);
        Assert.Equal(CreditList.None, shandong.List);
        // With a bad record the Shandong floor no longer holds.
        var withBad = Rate("shandong", Base(47), Base(14, "filing"), Fact("complaint_verified", ConductKind.Bad, 2));
        Assert.Equal(59, withBad.Score);
        Assert.Equal("C", withBad.Grade);
    }

    [Theory]
    [InlineData("yantai", 85, "AAA")]
    [InlineData("yantai", 84.5, "AA")]
    [InlineData("yantai", 80, "AA")]
    [InlineData("yantai", 79.5, "A")]
    [InlineData("yantai", 70, "A")]
    [InlineData("yantai", 69.5, "B")]
    [InlineData("yantai", 60, "B")]
    [InlineData("yantai", 59.5, "C")]
    [InlineData("shangqiu", 100, "AAA")]
    [InlineData("shangqiu", 99.5, "AA")]
    [InlineData("shangqiu", 90, "AA")]
    [InlineData("shangqiu", 80, "A")]
    [InlineData("shangqiu", 70, "B")]
    [InlineData("shangqiu", 60, "C")]
    [InlineData("shangqiu", 59.5, null)]
    [InlineData("kaihua", 90, "excellent")]
    [InlineData("kaihua", 89.5, "good")]
    [InlineData("kaihua", 80, "good")]
    [InlineData("kaihua", 79.5, "pass")]
    [InlineData("kaihua", 60, "pass")]
    [InlineData("kaihua", 59.5, "fail")]
    public void Each_band_boundary_gives_its_grade(string preset, double score, string? grade) =>
        Assert.Equal(grade, CreditScoring.Grade(Rules(preset), (decimal)score, hasBadRecord: true)?.Grade);

    [Fact]
    public void Shangqiu_puts_AAA_on_the_red_list_and_C_on_the_black_list()
    {
        var top = Rate("shangqiu", Base(60), Base(20, "filing"), Fact("award", ConductKind.Good, 10), Fact("award", ConductKind.Good, 10));
        Assert.Equal(100, top.Score);
        Assert.Equal(CreditList.Red, top.List);
        var low = Rate("shangqiu", Base(45), Base(15, "filing"));
        Assert.Equal(("C", CreditList.Black), (low.Grade, low.List));
        Assert.Null(Rate("shangqiu", Base(40), Base(15, "filing")).Grade);
    }

    [Fact]
    public void A_record_past_its_validity_no_longer_counts()
    {
        var fresh = Fact("safety_incident", ConductKind.Bad, 15, monthsAgo: 23, validMonths: 24);
        var stale = Fact("safety_incident", ConductKind.Bad, 15, monthsAgo: 25, validMonths: 24);
        Assert.Equal(65, Rate("yantai", Base(60), Base(20, "filing"), fresh).Score);
        Assert.Equal(80, Rate("yantai", Base(60), Base(20, "filing"), stale).Score);
    }

    [Fact]
    public void Good_conduct_is_capped_per_item_and_in_total_and_a_veto_gives_the_lowest_grade()
    {
        var praise = Enumerable.Range(0, 5).Select(_ => Fact("praise", ConductKind.Good, 3)).ToArray();
        var o = Rate("kaihua", [Base(70), Base(15, "filing"), .. praise]);
        Assert.Equal(9, o.GoodPoints); // praise caps at 9; kaihua's total cap is 10
        Assert.Equal(10, Rate("kaihua", [Base(70), Base(15, "filing"), .. praise, Fact("award", ConductKind.Good, 10)]).GoodPoints);
        var vetoed = Rate("kaihua", Base(80), Base(20, "filing"), Fact("major_accident", ConductKind.Veto, 0));
        Assert.Equal(100, vetoed.Score);
        Assert.True(vetoed.Vetoed);
        Assert.Equal("fail", vetoed.Grade);
    }

    [Fact]
    public void An_unconfirmed_record_does_not_count_and_the_latest_base_assessment_replaces_the_earlier()
    {
        var pending = Fact("rectify_late", ConductKind.Bad, 5, counts: false);
        Assert.Equal(0, Rate("kaihua", Base(80), pending).BadPoints);
        var earlier = Fact("daily_inspection", ConductKind.Base, 50, monthsAgo: 5);
        Assert.Equal(72, Rate("kaihua", earlier, Fact("daily_inspection", ConductKind.Base, 72, monthsAgo: 1)).BasePoints);
    }

    [Fact]
    public void A_record_counts_after_its_objection_window_unless_objected_and_an_accepted_objection_withdraws_it()
    {
        var item = CreditPresets.Spec("kaihua")!.Items.First(i => i.Code == "rectify_late");
        var today = new DateOnly(2026, 12, 1);
        var r = ConductRecord.Create(
            Guid.NewGuid(),
            Guid.NewGuid(),
            10,
            item,
            Guid.NewGuid(),
            null,
            null,
            today,
            today,
            "逾期",
            default,
            null,
            "x"
        );
        Assert.False(r.Confirmed(today.AddDays(10), objectionPending: false));
        Assert.True(r.Confirmed(today.AddDays(11), objectionPending: false));
        Assert.False(r.Confirmed(today.AddDays(11), objectionPending: true));
        Assert.Throws<RuleException>(() => r.CheckObjectionAllowed(today.AddDays(11)));
        r.Decide(accepted: false, "证据不足", DateTimeOffset.UnixEpoch, objectionPending: true);
        Assert.True(r.Confirmed(today.AddDays(1), objectionPending: true));
        Assert.Throws<RuleException>(() => r.Decide(true, null, DateTimeOffset.UnixEpoch, true));
        Assert.Throws<RuleException>(() =>
            ConductRecord.Create(
                Guid.NewGuid(),
                Guid.NewGuid(),
                10,
                item,
                Guid.NewGuid(),
                null,
                null,
                today.AddDays(1),
                today,
                "x",
                default,
                null,
                "x"
            )
        );
    }

    [Fact]
    public void A_table_with_bands_out_of_order_is_refused()
    {
        var spec = CreditPresets.Spec("yantai")!;
        Assert.Throws<RuleException>(() => CreditRatingTable.Check(spec with { Bands = [.. spec.Bands.AsEnumerable().Reverse()] }));
        Assert.Throws<RuleException>(() => CreditRatingTable.Check(spec with { NoBadRecordFloorGrade = "Z" }));
    }
}
