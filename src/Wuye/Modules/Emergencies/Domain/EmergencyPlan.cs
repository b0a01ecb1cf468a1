using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>The kinds of emergency a project plans for (001 ch.6, ch.2.1; 000#69); <see cref="Other"/> is one the company adds.</summary>
internal enum PlanKind
{
    Fire,
    WaterOutage,
    PowerOutage,
    ElevatorEntrapment,
    Flood,
    GasLeak,
    MassComplaint,
    Other,
}

/// <summary>
/// 应急预案: a project's plan for one kind of emergency. Its content (ordered steps with a role and a target time from activation,
/// the contacts to call) lives in numbered versions; the latest, <see cref="CurrentVersion"/>, is the one in force.
/// </summary>
internal sealed class EmergencyPlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public PlanKind Kind { get; set; }
    public required string Title { get; set; }
    public int CurrentVersion { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The drill due date the managers were last told was passed (DrillDueJob tells once per due date).</summary>
    public DateTimeOffset? DrillOverdueToldFor { get; set; }

    public const int MaxSteps = 40;
    public const int MaxContacts = 20;

    public static EmergencyPlan Create(Guid companyId, Guid projectId, PlanKind kind, string title) =>
        new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Kind = kind,
            Title = title.Trim(),
        };

    /// <summary>
    /// The next version, in force at once: the steps keep their order, targets never go back in time along the plan (a later step
    /// cannot be due before an earlier one), and a plan needs at least one step.
    /// </summary>
    public PlanVersion Publish(
        string title,
        IReadOnlyList<(string Action, string Role, int TargetMinutes)> steps,
        IReadOnlyList<(string Name, string Phone)> contacts,
        string? note,
        string authorName,
        DateTimeOffset now
    )
    {
        if (ArchivedAt is not null)
            throw new RuleException("emergency_plan.archived", "预案已停用，不能再修订", "The plan is archived and cannot be revised");
        var v = new Validator();
        if (steps.Count == 0)
            v.Add("steps", "预案至少要有一个步骤", "A plan needs at least one step");
        if (steps.Count > MaxSteps)
            v.Add("steps", $"一个预案最多 {MaxSteps} 个步骤", $"At most {MaxSteps} steps");
        if (contacts.Count > MaxContacts)
            v.Add("contacts", $"一个预案最多 {MaxContacts} 个联系人", $"At most {MaxContacts} contacts");
        for (var i = 0; i < steps.Count; i++)
        {
            if (!EmergencyRoles.StepRoles.Contains(steps[i].Role))
                v.Add($"steps[{i}].role", "步骤的责任岗位不在可选范围内", "The step's role is not one of the choices");
            if (steps[i].TargetMinutes is < 0 or > 1440)
                v.Add(
                    $"steps[{i}].targetMinutes",
                    "目标时间须在启动后 0 到 1440 分钟之间",
                    "The target is 0 to 1440 minutes from activation"
                );
            else if (i > 0 && steps[i].TargetMinutes < steps[i - 1].TargetMinutes)
                v.Add(
                    $"steps[{i}].targetMinutes",
                    "后面步骤的目标时间不能早于前面的步骤",
                    "A later step cannot be due before an earlier one"
                );
        }
        v.ThrowIfAny();
        CurrentVersion++;
        Title = title.Trim();
        var version = new PlanVersion
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            EmergencyPlanId = Id,
            Number = CurrentVersion,
            Title = Title,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            AuthorName = authorName,
            PublishedAt = now,
        };
        version.Steps.AddRange(
            steps.Select(
                (s, i) =>
                    new PlanStep
                    {
                        CompanyId = CompanyId,
                        ProjectId = ProjectId,
                        PlanVersionId = version.Id,
                        Position = i + 1,
                        Action = s.Action.Trim(),
                        Role = s.Role,
                        TargetMinutes = s.TargetMinutes,
                    }
            )
        );
        version.Contacts.AddRange(
            contacts.Select(
                (c, i) =>
                    new PlanContact
                    {
                        CompanyId = CompanyId,
                        ProjectId = ProjectId,
                        PlanVersionId = version.Id,
                        Position = i + 1,
                        Name = c.Name.Trim(),
                        Phone = c.Phone.Trim(),
                    }
            )
        );
        return version;
    }

    public void Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
            throw new RuleException("emergency_plan.archived", "预案已停用", "The plan is already archived");
        ArchivedAt = now;
    }
}

/// <summary>One published version of a plan: what was in force from <see cref="PublishedAt"/> until the next one.</summary>
internal sealed class PlanVersion : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid EmergencyPlanId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public string? Note { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public List<PlanStep> Steps { get; } = [];
    public List<PlanContact> Contacts { get; } = [];
}

/// <summary>A step of a version: what to do, who does it (a role of the project) and by when, in minutes from activation.</summary>
internal sealed class PlanStep : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlanVersionId { get; set; }
    public int Position { get; set; }
    public required string Action { get; set; }
    public required string Role { get; set; }
    public int TargetMinutes { get; set; }
}

/// <summary>Whom to call (119/110/120, the elevator maintenance company, the utility…).</summary>
internal sealed class PlanContact : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlanVersionId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
}
