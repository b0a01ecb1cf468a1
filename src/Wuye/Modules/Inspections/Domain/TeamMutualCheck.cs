using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// A team (班组) of a project for mutual checks. Kept here, minimal, so the inspections module
/// does not depend on the master-data teams being built in parallel.
/// </summary>
public sealed class InspectionTeam : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public Guid? LeaderUserId { get; set; }
    public string? LeaderName { get; set; }
}

/// <summary>
/// 班组互查 (万科 #1): once a week a team checks another team, records the problems with a fix deadline;
/// the checked team submits its measures; the safety lead verifies.
/// </summary>
public sealed class TeamMutualCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CheckingTeamId { get; set; }
    public Guid CheckedTeamId { get; set; }
    public DateOnly CheckedOn { get; set; }
    /// <summary>Monday of the check's week: one check per pair of teams per week.</summary>
    public DateOnly WeekStart { get; set; }
    public required string Method { get; set; }
    public string? Problems { get; set; }
    public decimal DeductedPoints { get; set; }
    public DateOnly? FixDeadline { get; set; }
    public string? Measures { get; set; }
    public DateOnly? MeasuresOn { get; set; }
    public Guid? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
}
