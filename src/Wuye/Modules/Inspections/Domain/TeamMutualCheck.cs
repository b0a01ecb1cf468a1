using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// A team (班组) of a project for mutual checks. Kept here, minimal, so the inspections module
/// does not depend on the master-data teams being built in parallel.
/// </summary>
internal sealed class InspectionTeam : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public Guid? LeaderUserId { get; set; }
    public string? LeaderName { get; set; }

    /// <summary>A project names each of its teams once.</summary>
    public static RuleException DuplicateName(string name) =>
        new("inspection_team.duplicate_name", $"该项目已有班组“{name}”", $"The project already has a team \"{name}\"");
}

/// <summary>
/// 班组互查 (万科 #1): once a week a team checks another team, records the problems with a fix deadline;
/// the checked team submits its measures; the safety lead verifies.
/// </summary>
internal sealed class TeamMutualCheck : Entity, IScoped
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

    /// <summary>
    /// A check of <paramref name="checkedTeam"/> by <paramref name="checking"/>: two different teams of one project, on a day not
    /// after today (default today), with a fix deadline not in the past. Whether the pair already met this week is the caller's
    /// to ask (<see cref="AlreadyThisWeek"/>).
    /// </summary>
    public static TeamMutualCheck Record(
        InspectionTeam checking,
        InspectionTeam checkedTeam,
        DateOnly? checkedOn,
        DateOnly today,
        string method,
        string? problems,
        decimal? deductedPoints,
        DateOnly? fixDeadline
    )
    {
        if (checking.Id == checkedTeam.Id)
            throw new RuleException("team_mutual_check.self_check", "班组不能检查自己", "A team cannot check itself");
        if (checking.ProjectId != checkedTeam.ProjectId)
            throw new RuleException(
                "team_mutual_check.other_project",
                "互查的两个班组须在同一项目",
                "Both teams must belong to the same project"
            );
        var on = checkedOn ?? today;
        new Validator()
            .Back("checkedOn", on, today, "检查日期", "The check date")
            .Ahead("fixDeadline", fixDeadline, today, "整改时限", "The fix deadline")
            .ThrowIfAny();
        return new TeamMutualCheck
        {
            CompanyId = checking.CompanyId,
            ProjectId = checking.ProjectId,
            CheckingTeamId = checking.Id,
            CheckedTeamId = checkedTeam.Id,
            CheckedOn = on,
            WeekStart = CheckPeriods.Start(CheckFrequency.Weekly, on),
            Method = method.Trim(),
            Problems = string.IsNullOrWhiteSpace(problems) ? null : problems.Trim(),
            DeductedPoints = deductedPoints ?? 0,
            FixDeadline = fixDeadline,
        };
    }

    /// <summary>One check per pair of teams per week.</summary>
    public static RuleException AlreadyThisWeek(InspectionTeam checking, InspectionTeam checkedTeam, DateOnly week) =>
        new(
            "team_mutual_check.already_this_week",
            $"{checking.Name}本周（{week:MM-dd} 起）已检查过{checkedTeam.Name}",
            $"{checking.Name} already checked {checkedTeam.Name} in the week of {week:yyyy-MM-dd}"
        );

    /// <summary>The checked team submits (or rewrites) its measures until the check is verified.</summary>
    public void SubmitMeasures(string measures, DateOnly today)
    {
        if (VerifiedAt is not null)
            throw new RuleException(
                "team_mutual_check.verified",
                "已验证，不能再提交整改措施",
                "Already verified; measures can no longer change"
            );
        Measures = measures.Trim();
        MeasuresOn = today;
    }

    /// <summary>The safety lead verifies: measures must be in when problems were found, and the checked team's own leader may not
    /// verify.</summary>
    public void Verify(Guid by, bool byCheckedTeamLeader, DateTimeOffset now)
    {
        if (Problems is not null && Measures is null)
            throw new RuleException(
                "team_mutual_check.no_measures",
                "被检查班组尚未提交整改措施",
                "The checked team has not submitted its measures"
            );
        if (byCheckedTeamLeader)
            throw new RuleException(
                "team_mutual_check.verifier_is_checked_leader",
                "验证须由被检查班组以外的安全负责人进行",
                "The verification must be done by someone outside the checked team"
            );
        VerifiedBy = by;
        VerifiedAt ??= now;
    }

    /// <summary>The fix came (or is still missing) after its deadline.</summary>
    public bool IsLate(DateOnly today) => FixDeadline is { } dl && (MeasuresOn is { } on ? on > dl : today > dl);
}
