using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

internal enum EntryKind
{
    Started,
    Step,
    Note,
    Photo,
    Call,
    Notice,
    Closed,
}

/// <summary>
/// 突发事件: an emergency handled from a plan, started by someone on duty. The plan's version in force is copied into its steps, so a
/// later revision never changes what was done; each step is ticked once with its time and who did it, and is late when ticked (or
/// still open) after its target from <see cref="StartedAt"/>. A drill runs the same way with <see cref="DrillId"/> set.
/// </summary>
internal sealed class Incident : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid EmergencyPlanId { get; set; }
    public int PlanVersion { get; set; }
    public PlanKind Kind { get; set; }
    public required string Title { get; set; }
    public Guid? DrillId { get; set; }
    public string? Location { get; set; }

    /// <summary>The affected buildings; their residents are the ones told.</summary>
    public Guid[] BuildingIds { get; set; } = [];
    public DateTimeOffset StartedAt { get; set; }
    public Guid? StartedByUserId { get; set; }
    public required string StartedByName { get; set; }
    public DateTimeOffset? ResidentsToldAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Cause { get; set; }
    public string? Summary { get; set; }

    /// <summary>Why it was closed with steps still open (required then).</summary>
    public string? OpenStepsReason { get; set; }
    public List<IncidentStep> Steps { get; } = [];

    public bool IsDrill => DrillId is not null;

    public static Incident Start(
        EmergencyPlan plan,
        PlanVersion version,
        IReadOnlyList<PlanStep> steps,
        Guid? drillId,
        string? location,
        Guid[] buildingIds,
        Guid? userId,
        string userName,
        DateTimeOffset now
    )
    {
        if (plan.ArchivedAt is not null)
            throw new RuleException("incident.plan_archived", "预案已停用，不能启动", "The plan is archived and cannot be started");
        var incident = new Incident
        {
            CompanyId = plan.CompanyId,
            ProjectId = plan.ProjectId,
            EmergencyPlanId = plan.Id,
            PlanVersion = version.Number,
            Kind = plan.Kind,
            Title = version.Title,
            DrillId = drillId,
            Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim(),
            BuildingIds = buildingIds,
            StartedAt = now,
            StartedByUserId = userId,
            StartedByName = userName,
        };
        incident.Steps.AddRange(
            steps
                .OrderBy(s => s.Position)
                .Select(s => new IncidentStep
                {
                    CompanyId = plan.CompanyId,
                    ProjectId = plan.ProjectId,
                    IncidentId = incident.Id,
                    Position = s.Position,
                    Action = s.Action,
                    Role = s.Role,
                    TargetMinutes = s.TargetMinutes,
                })
        );
        return incident;
    }

    public DateTimeOffset DueAt(IncidentStep step) => StartedAt.AddMinutes(step.TargetMinutes);

    /// <summary>Late: ticked after its target minute has passed (within the target's minute is on time), or still open past it; a
    /// step left open when the incident closed counts as late.</summary>
    public bool IsLate(IncidentStep step, DateTimeOffset now)
    {
        var at = step.DoneAt ?? (ClosedAt is null ? now : DateTimeOffset.MaxValue);
        return at == DateTimeOffset.MaxValue || Math.Floor((at - StartedAt).TotalMinutes) > step.TargetMinutes;
    }

    public IncidentStep Tick(int position, Guid? userId, string userName, string? note, DateTimeOffset now)
    {
        EnsureOpen();
        var step = Steps.FirstOrDefault(s => s.Position == position)
            ?? throw ValidationException.For("position", "没有这个步骤", "No such step");
        if (step.DoneAt is not null)
            throw new RuleException(
                "incident_step.already_done",
                $"第 {position} 步已由 {step.DoneByName} 于 {ChinaTime.ToChina(step.DoneAt.Value):HH:mm} 完成，不能重复打勾",
                $"Step {position} was already done by {step.DoneByName} at {ChinaTime.ToChina(step.DoneAt.Value):HH:mm}"
            );
        step.DoneAt = now;
        step.DoneByUserId = userId;
        step.DoneByName = userName;
        step.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return step;
    }

    public void Close(string cause, string summary, string? openStepsReason, DateTimeOffset now)
    {
        EnsureOpen();
        var open = Steps.Where(s => s.DoneAt is null).ToList();
        if (open.Count > 0 && string.IsNullOrWhiteSpace(openStepsReason))
            throw new RuleException(
                "incident.open_steps",
                $"还有 {open.Count} 个步骤未完成（{string.Join("、", open.Select(s => s.Position))}），请完成或填写未完成原因",
                $"{open.Count} steps are still open ({string.Join(", ", open.Select(s => s.Position))}): finish them or give a reason"
            );
        ClosedAt = now;
        Cause = cause.Trim();
        Summary = summary.Trim();
        OpenStepsReason = open.Count > 0 ? openStepsReason!.Trim() : null;
    }

    public void EnsureOpen()
    {
        if (ClosedAt is not null)
            throw new RuleException("incident.closed", "事件已结束", "The incident is closed");
    }
}

/// <summary>A step of an incident, copied from the plan: ticked once.</summary>
internal sealed class IncidentStep : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid IncidentId { get; set; }
    public int Position { get; set; }
    public required string Action { get; set; }
    public required string Role { get; set; }
    public int TargetMinutes { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneByUserId { get; set; }
    public string? DoneByName { get; set; }
    public string? Note { get; set; }
}

/// <summary>A line of an incident's timeline: started, a step done, a note or photo, a call made, residents told, closed.</summary>
internal sealed class IncidentEntry : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid IncidentId { get; set; }
    public DateTimeOffset At { get; set; }
    public EntryKind Kind { get; set; }
    public required string Text { get; set; }
    public required string ByName { get; set; }
    public Guid? FileId { get; set; }

    public static IncidentEntry For(Incident i, EntryKind kind, string text, string by, DateTimeOffset at, Guid? fileId = null) =>
        new()
        {
            CompanyId = i.CompanyId,
            ProjectId = i.ProjectId,
            IncidentId = i.Id,
            At = at,
            Kind = kind,
            Text = text.Length <= 500 ? text : text[..500],
            ByName = by,
            FileId = fileId,
        };
}
