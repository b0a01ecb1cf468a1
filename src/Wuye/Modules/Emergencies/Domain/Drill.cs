using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>
/// 应急演练: a drill of a plan, scheduled for a time, run like an incident in drill mode (<see cref="IncidentId"/>: its steps timed),
/// attended by <see cref="Participants"/>, and completed with findings that become actions with owners and deadlines.
/// </summary>
internal sealed class Drill : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid EmergencyPlanId { get; set; }
    public PlanKind Kind { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset ScheduledFor { get; set; }
    public Guid? IncidentId { get; set; }
    public string[] Participants { get; set; } = [];
    public string? Summary { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static Drill Schedule(EmergencyPlan plan, DateTimeOffset at)
    {
        if (plan.ArchivedAt is not null)
            throw new RuleException("drill.plan_archived", "预案已停用，不能安排演练", "The plan is archived");
        return new Drill
        {
            CompanyId = plan.CompanyId,
            ProjectId = plan.ProjectId,
            EmergencyPlanId = plan.Id,
            Kind = plan.Kind,
            Title = plan.Title,
            ScheduledFor = at.ToUniversalTime(),
        };
    }

    public void Started(Guid incidentId)
    {
        if (CompletedAt is not null)
            throw new RuleException("drill.completed", "演练已完成", "The drill is completed");
        if (IncidentId is not null)
            throw new RuleException("drill.started", "演练已开始", "The drill has already started");
        IncidentId = incidentId;
    }

    public void Complete(IReadOnlyList<string> participants, string summary, DateTimeOffset now)
    {
        if (CompletedAt is not null)
            throw new RuleException("drill.completed", "演练已完成", "The drill is completed");
        if (IncidentId is null)
            throw new RuleException("drill.not_run", "演练尚未开始，不能完成", "The drill has not been run");
        if (participants.Count == 0)
            throw ValidationException.For("participants", "请填写参加人员", "Who took part is required");
        Participants = [.. participants.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct()];
        Summary = summary.Trim();
        CompletedAt = now;
    }

    public DrillAction Finding(string finding, Guid? ownerUserId, string ownerName, DateOnly dueOn, DateOnly today, string field)
    {
        if (dueOn < today)
            throw ValidationException.For($"{field}.dueOn", "整改期限不能早于今天", "The deadline cannot be in the past");
        return new DrillAction
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            DrillId = Id,
            Finding = finding.Trim(),
            OwnerUserId = ownerUserId,
            OwnerName = ownerName,
            DueOn = dueOn,
        };
    }

    /// <summary>When the next drill of a plan is due: its required months after the last completed one (or after the plan was
    /// written, if never drilled).</summary>
    public static DateTimeOffset NextDue(DateTimeOffset? lastDrill, DateTimeOffset planCreated, int months) =>
        (lastDrill ?? planCreated).AddMonths(months);
}

/// <summary>An action from a drill's finding: an owner, a deadline, done or not.</summary>
internal sealed class DrillAction : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid DrillId { get; set; }
    public required string Finding { get; set; }
    public Guid? OwnerUserId { get; set; }
    public required string OwnerName { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    public void Done(DateTimeOffset now)
    {
        if (DoneAt is not null)
            throw new RuleException("drill_action.done", "整改项已完成", "The action is already done");
        DoneAt = now;
    }
}
