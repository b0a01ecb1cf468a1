using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 前期驻点项目督察 (seed 002 篇3): a supervisor checks each pre-handover site at least twice a day
/// (待人接物、仪容仪表、就餐、劳动纪律、现场秩序、清洁卫生、礼仪规范), correcting on the spot.
/// </summary>
internal sealed class SupervisionCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SupervisorUserId { get; set; }
    public DateOnly CheckedOn { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public required string Topics { get; set; }
    public required string Observation { get; set; }
    public bool CorrectedOnSite { get; set; }

    /// <summary>Checks a site needs each day (at least twice a day).</summary>
    public const int ChecksPerDay = 2;
}

/// <summary>The site's weekly written report, due Friday 17:00 (China time) of its week.</summary>
internal sealed class SupervisionWeeklyReport : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly WeekStart { get; set; }
    public Guid AuthorUserId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public int SignedHouseholds { get; set; }
    public int UnsignedHouseholds { get; set; }
    public required string Problems { get; set; }
    public string? CustomerOpinions { get; set; }
    public string? Improvements { get; set; }
    public string? DeveloperNews { get; set; }
    public string? SiteStatus { get; set; }
    public string? NextWeekPlan { get; set; }
    public bool Late { get; set; }

    /// <summary>How many past weeks a missed report can still be handed in for (late).</summary>
    public const int MakeUpWeeks = 4;

    /// <summary>Friday 17:00 China time of the week starting on <paramref name="weekStart"/> (a Monday).</summary>
    public static DateTimeOffset DueAt(DateOnly weekStart) =>
        new DateTimeOffset(weekStart.AddDays(4).ToDateTime(new TimeOnly(17, 0)), ChinaTime.Offset).ToUniversalTime();

    /// <summary>The week a report is for: this one, or (any day of) a past week up to <see cref="MakeUpWeeks"/> back, never a week to
    /// come.</summary>
    public static DateOnly WeekFor(DateOnly? given, DateOnly today)
    {
        var thisWeek = CheckPeriods.Start(CheckFrequency.Weekly, today);
        var week = given is { } g ? CheckPeriods.Start(CheckFrequency.Weekly, g) : thisWeek;
        if (week > thisWeek)
            throw ValidationException.For("weekStart", "不能提交尚未开始的一周的周报", "That week has not begun");
        if (week < thisWeek.AddDays(-7 * MakeUpWeeks))
            throw ValidationException.For(
                "weekStart",
                $"只能补交最近 {MakeUpWeeks} 周的周报",
                $"Only the last {MakeUpWeeks} weeks' reports can be handed in late"
            );
        return week;
    }

    /// <summary>One report per site and week.</summary>
    public static RuleException AlreadyIn(DateOnly week) =>
        new(
            "site_supervision.report_exists",
            $"{week:MM-dd} 起这一周的报告已提交",
            $"The report for the week of {week:yyyy-MM-dd} is already in"
        );
}

internal enum ReportMarkKind
{
    Reminder,
    Late,
}

/// <summary>
/// That the weekly-report job reminded a site's supervisor before Friday 17:00, or flagged the report late
/// after it. One row per site, week and kind (unique), so a second run or a second instance notifies nobody twice.
/// </summary>
internal sealed class SupervisionReportMark : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly WeekStart { get; set; }
    public ReportMarkKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public int Notified { get; set; }
}

/// <summary>Who a pre-handover survey asks: the sales office monthly (督察员), the developer quarterly (项目负责人).</summary>
internal enum SurveyRespondent
{
    SalesOffice,
    Developer,
}

/// <summary>
/// 前期驻点项目服务质量调查表 (seed 002 篇3): each month the supervisor surveys the sales office's site
/// manager and contact; each quarter the project head surveys the developer. Scores per topic, 1–5.
/// </summary>
internal sealed class SiteSurvey : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public SurveyRespondent Respondent { get; set; }

    /// <summary>First day of the month (sales office) or quarter (developer) surveyed.</summary>
    public DateOnly PeriodStart { get; set; }
    public required string RespondentName { get; set; }
    public Guid SurveyorUserId { get; set; }
    public required string SurveyorName { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public decimal AverageScore { get; set; }
    public string? Summary { get; set; }

    /// <summary>Submitted after its period ended.</summary>
    public bool Late { get; set; }

    /// <summary>The topics of the survey form: the seed's check topics for pre-handover sites, and the overall impression.</summary>
    public static readonly (string Zh, string En)[] Topics =
    [
        ("待人接物", "Dealing with people"),
        ("仪容仪表", "Appearance"),
        ("劳动纪律", "Work discipline"),
        ("现场秩序维护", "Order on site"),
        ("清洁卫生", "Cleanliness"),
        ("礼仪规范", "Etiquette"),
        ("总体满意度", "Overall satisfaction"),
    ];

    /// <summary>The survey's score: the mean of its topics' 1–5 scores, to two places.</summary>
    public static decimal Average(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        return list.Count == 0 ? 0 : Math.Round((decimal)list.Sum() / list.Count, 2);
    }

    public static int Months(SurveyRespondent r) => r == SurveyRespondent.SalesOffice ? 1 : 3;

    public static DateOnly PeriodOf(SurveyRespondent r, DateOnly d) =>
        r == SurveyRespondent.SalesOffice ? new DateOnly(d.Year, d.Month, 1) : new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1);

    public static string PeriodText(SurveyRespondent r, DateOnly start) =>
        r == SurveyRespondent.SalesOffice ? start.ToString("yyyy-MM") : $"{start.Year}-Q{(start.Month - 1) / 3 + 1}";

    /// <summary>The end of the period: 00:00 China time on the first day of the next one.</summary>
    public static DateTimeOffset DueAt(SurveyRespondent r, DateOnly start) =>
        new DateTimeOffset(start.AddMonths(Months(r)).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    /// <summary>A period can be surveyed once it has begun.</summary>
    public static void EnsureBegun(DateOnly start, DateOnly current)
    {
        if (start > current)
            throw ValidationException.For("period", "不能调查尚未开始的期间", "That period has not begun");
    }

    /// <summary>One survey per site, respondent and period.</summary>
    public static RuleException AlreadyIn(SurveyRespondent r, DateOnly start) =>
        new("site_survey.exists", $"{PeriodText(r, start)} 的调查已提交", $"The survey for {PeriodText(r, start)} is already in");
}

internal sealed class SiteSurveyAnswer : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SurveyId { get; set; }
    public int Position { get; set; }
    public required string Topic { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
}
