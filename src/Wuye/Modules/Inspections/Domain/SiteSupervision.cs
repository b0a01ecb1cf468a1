using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 前期驻点项目督察 (seed 002 篇3): a supervisor checks each pre-handover site at least twice a day
/// (待人接物、仪容仪表、就餐、劳动纪律、现场秩序、清洁卫生、礼仪规范), correcting on the spot.
/// </summary>
public sealed class SupervisionCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SupervisorUserId { get; set; }
    public DateOnly CheckedOn { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public required string Topics { get; set; }
    public required string Observation { get; set; }
    public bool CorrectedOnSite { get; set; }
}

/// <summary>The site's weekly written report, due Friday 17:00 (China time) of its week.</summary>
public sealed class SupervisionWeeklyReport : Entity, IScoped
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
}

public enum ReportMarkKind { Reminder, Late }

/// <summary>
/// That the weekly-report job reminded a site's supervisor before Friday 17:00, or flagged the report late
/// after it. One row per site, week and kind (unique), so a second run or a second instance notifies nobody twice.
/// </summary>
public sealed class SupervisionReportMark : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly WeekStart { get; set; }
    public ReportMarkKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public int Notified { get; set; }
}

/// <summary>Who a pre-handover survey asks: the sales office monthly (督察员), the developer quarterly (项目负责人).</summary>
public enum SurveyRespondent { SalesOffice, Developer }

/// <summary>
/// 前期驻点项目服务质量调查表 (seed 002 篇3): each month the supervisor surveys the sales office's site
/// manager and contact; each quarter the project head surveys the developer. Scores per topic, 1–5.
/// </summary>
public sealed class SiteSurvey : Entity, IScoped
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
}

public sealed class SiteSurveyAnswer : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SurveyId { get; set; }
    public int Position { get; set; }
    public required string Topic { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
}
