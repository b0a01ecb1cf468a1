using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Inspections.Domain;

/// <summary>Pre-handover supervision reports and surveys, and mystery audit results: their rules without a database.</summary>
public sealed class SupervisionAndAuditTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void A_weekly_report_is_due_friday_17_china_time()
    {
        var due = SupervisionWeeklyReport.DueAt(new DateOnly(2026, 11, 16));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 17, 0, 0, China), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void A_report_is_for_this_week_or_one_of_the_last_four_never_a_week_to_come()
    {
        var today = new DateOnly(2026, 11, 19);
        Assert.Equal(new DateOnly(2026, 11, 16), SupervisionWeeklyReport.WeekFor(null, today));
        Assert.Equal(new DateOnly(2026, 11, 9), SupervisionWeeklyReport.WeekFor(new DateOnly(2026, 11, 12), today));
        Assert.Equal(new DateOnly(2026, 10, 19), SupervisionWeeklyReport.WeekFor(new DateOnly(2026, 10, 19), today));
        Assert.Contains(
            "weekStart",
            Assert.Throws<ValidationException>(() => SupervisionWeeklyReport.WeekFor(new DateOnly(2026, 10, 18), today)).Errors.Keys
        );
        Assert.Contains(
            "weekStart",
            Assert.Throws<ValidationException>(() => SupervisionWeeklyReport.WeekFor(new DateOnly(2026, 11, 23), today)).Errors.Keys
        );
        Assert.Equal("site_supervision.report_exists", SupervisionWeeklyReport.AlreadyIn(today).Code);
    }

    [Fact]
    public void Surveys_run_monthly_for_the_sales_office_and_quarterly_for_the_developer()
    {
        var day = new DateOnly(2026, 11, 19);
        Assert.Equal(new DateOnly(2026, 11, 1), SiteSurvey.PeriodOf(SurveyRespondent.SalesOffice, day));
        Assert.Equal(new DateOnly(2026, 10, 1), SiteSurvey.PeriodOf(SurveyRespondent.Developer, day));
        Assert.Equal("2026-11", SiteSurvey.PeriodText(SurveyRespondent.SalesOffice, new DateOnly(2026, 11, 1)));
        Assert.Equal("2026-Q4", SiteSurvey.PeriodText(SurveyRespondent.Developer, new DateOnly(2026, 10, 1)));
        Assert.Equal(
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, China),
            SiteSurvey.DueAt(SurveyRespondent.SalesOffice, new DateOnly(2026, 11, 1))
        );
        Assert.Equal(
            new DateTimeOffset(2027, 1, 1, 0, 0, 0, China),
            SiteSurvey.DueAt(SurveyRespondent.Developer, new DateOnly(2026, 10, 1))
        );
        Assert.Equal(3.67m, SiteSurvey.Average([3, 4, 4]));
        Assert.Equal(0m, SiteSurvey.Average([]));
        SiteSurvey.EnsureBegun(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));
        Assert.Contains(
            "period",
            Assert
                .Throws<ValidationException>(() => SiteSurvey.EnsureBegun(new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 1)))
                .Errors.Keys
        );
        Assert.Equal("site_survey.exists", SiteSurvey.AlreadyIn(SurveyRespondent.Developer, new DateOnly(2026, 10, 1)).Code);
    }

    [Fact]
    public void A_mystery_audit_reports_once_with_a_verdict_for_every_line()
    {
        var audit = new MysteryAudit { Title = "暗访", Month = new DateOnly(2026, 11, 1) };
        MysteryAuditItem Line(int pos) =>
            new()
            {
                AuditId = audit.Id,
                Position = pos,
                Description = $"第{pos}项",
            };
        List<MysteryAuditItem> lines = [Line(1), Line(2)];
        var who = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        var missing = Assert.Throws<ValidationException>(() =>
            audit.RecordResults(lines, new Dictionary<Guid, (bool?, string?)> { [lines[0].Id] = (true, null) }, "r", who, now)
        );
        Assert.Contains("items", missing.Errors.Keys);
        var extra = new Dictionary<Guid, (bool?, string?)>
        {
            [lines[0].Id] = (true, null),
            [lines[1].Id] = (false, null),
            [Guid.NewGuid()] = (true, null),
        };
        Assert.Throws<ValidationException>(() => audit.RecordResults(lines, extra, "r", who, now));
        Assert.Null(audit.VisitedAt);

        audit.RecordResults(
            lines,
            new Dictionary<Guid, (bool?, string?)> { [lines[0].Id] = (true, null), [lines[1].Id] = (false, " 前台无人 ") },
            " 报告 ",
            who,
            now
        );
        Assert.Equal((now, "报告", who), (audit.VisitedAt!.Value, audit.Report!, audit.ReportedBy!.Value));
        Assert.Equal((true, false, "前台无人"), (lines[0].Passed!.Value, lines[1].Passed!.Value, lines[1].Observation!));
        Assert.Equal(
            "mystery_audit.already_reported",
            Assert
                .Throws<RuleException>(() =>
                    audit.RecordResults(
                        lines,
                        new Dictionary<Guid, (bool?, string?)> { [lines[0].Id] = (true, null), [lines[1].Id] = (true, null) },
                        "again",
                        who,
                        now
                    )
                )
                .Code
        );
    }
}
