using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>What a checklist item asks for.</summary>
internal enum ChecklistKind
{
    /// <summary>正常/异常: "no" fails the item.</summary>
    YesNo,

    /// <summary>A number with optional limits: outside them fails.</summary>
    Number,
    Text,

    /// <summary>A photo is required.</summary>
    Photo,

    /// <summary>A meter's reading (a number, no limits).</summary>
    MeterReading,
}

/// <summary>How bad a failed item is: it sets the time limit of the work order it opens.</summary>
internal enum FailureSeverity
{
    Low,
    Normal,
    Urgent,
}

/// <summary>
/// 保养计划: preventive maintenance of one asset, or of every asset of a class in a project, repeating by an RRULE from
/// <see cref="StartsOn"/>; each due date becomes a task per asset <see cref="LeadDays"/> days ahead, once
/// (<see cref="GeneratedThrough"/> records how far tasks exist). With <see cref="SkipNonWorkingDays"/> a date that falls on a
/// non-working day of the project's calendar moves to the next working day. Statutory duties (elevator annual inspection,
/// water-tank cleaning, fire-system tests) are plans marked <see cref="Statutory"/>.
/// </summary>
internal sealed class MaintenancePlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public Guid? AssetId { get; set; }
    public AssetCategory? Category { get; set; }
    public required string Rule { get; set; }
    public DateOnly StartsOn { get; set; }
    public bool SkipNonWorkingDays { get; set; }
    public Guid? ResponsibleUserId { get; set; }
    public int LeadDays { get; set; }
    public bool Statutory { get; set; }
    public DateOnly? GeneratedThrough { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public static MaintenancePlan Create(
        Guid companyId,
        Guid projectId,
        string name,
        Guid? assetId,
        AssetCategory? category,
        string rule,
        DateOnly startsOn,
        bool skipNonWorkingDays,
        Guid? responsibleUserId,
        int leadDays,
        bool statutory
    )
    {
        if ((assetId is null) == (category is null))
            throw ValidationException.For(
                "assetId",
                "请选择一台设备或一个设备类别（二选一）",
                "Choose one asset or one asset class (one of them)"
            );
        if (Recurrence.Problem(rule) is { } p)
            throw ValidationException.For("rule", p.Zh, p.En);
        if (leadDays is < 0 or > 60)
            throw ValidationException.For("leadDays", "提前天数应在 0–60 之间", "Lead days must be 0–60");
        return new MaintenancePlan
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            AssetId = assetId,
            Category = category,
            Rule = rule.Trim(),
            StartsOn = startsOn,
            SkipNonWorkingDays = skipNonWorkingDays,
            ResponsibleUserId = responsibleUserId,
            LeadDays = leadDays,
            Statutory = statutory,
        };
    }

    /// <summary>The plan's due dates in [<paramref name="from"/>, <paramref name="to"/>], moved off non-working days when asked.</summary>
    public IEnumerable<DateOnly> DueDates(DateOnly from, DateOnly to, Func<DateOnly, bool>? isWorkingDay) =>
        Recurrence.Due(Rule, StartsOn, SkipNonWorkingDays, from, to, isWorkingDay);

    /// <summary>Whether this plan covers <paramref name="asset"/> (archived assets never get tasks).</summary>
    public bool Covers(AssetRef asset) =>
        asset.ArchivedAt is null && asset.ProjectId == ProjectId && (AssetId is { } id ? asset.Id == id : asset.Category == Category);

    public void Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
            throw new RuleException("maintenance_plan.archived", "该保养计划已停用", "The plan is already archived");
        ArchivedAt = now;
    }
}

/// <summary>One line of a plan's checklist.</summary>
internal sealed class ChecklistItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MaintenancePlanId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
    public ChecklistKind Kind { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public string? Unit { get; set; }
    public FailureSeverity Severity { get; set; }

    public static ChecklistItem For(
        MaintenancePlan plan,
        int position,
        string label,
        ChecklistKind kind,
        decimal? min,
        decimal? max,
        string? unit,
        FailureSeverity severity,
        string field
    )
    {
        if (kind != ChecklistKind.Number && (min is not null || max is not null))
            throw ValidationException.For($"{field}.min", "只有数值项可以设上下限", "Only a number item has limits");
        if (min is not null && max is not null && min > max)
            throw ValidationException.For($"{field}.min", "下限不能大于上限", "The lower limit is above the upper limit");
        return new ChecklistItem
        {
            CompanyId = plan.CompanyId,
            ProjectId = plan.ProjectId,
            MaintenancePlanId = plan.Id,
            Position = position,
            Label = label.Trim(),
            Kind = kind,
            Min = min,
            Max = max,
            Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(),
            Severity = severity,
        };
    }
}
