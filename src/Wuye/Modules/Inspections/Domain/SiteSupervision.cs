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
