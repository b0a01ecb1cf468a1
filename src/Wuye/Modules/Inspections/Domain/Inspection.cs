using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

internal enum CheckArea
{
    Safety,
    Facilities,
    Cleaning,
    Greening,
    Parking,
    Repairs,
    CustomerService,
    Etiquette,
}

/// <summary>核查标准: one line of the company's standards library. Edits raise <see cref="Revision"/> and keep the old text.</summary>
internal sealed class CheckItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Code { get; set; }
    public CheckArea Area { get; set; }
    public required string Description { get; set; }
    public string? Method { get; set; }
    public string? Sampling { get; set; }

    /// <summary>Points a deduction finding on this item costs by default.</summary>
    public decimal PointsPerDeduction { get; set; }
    public CheckFrequency Frequency { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>The company's library holds each code once.</summary>
    public static RuleException DuplicateCode(string code) =>
        new("check_item.duplicate_code", $"标准库中已有编码“{code}”", $"The library already has code \"{code}\"");

    /// <summary>Sets the wording (a new item, or before <see cref="Revise"/>).</summary>
    public void Word(
        string code,
        CheckArea area,
        CheckFrequency frequency,
        string description,
        string? method,
        string? sampling,
        decimal? pointsPerDeduction
    )
    {
        Code = code.Trim();
        Area = area;
        Frequency = frequency;
        Description = description.Trim();
        Method = string.IsNullOrWhiteSpace(method) ? null : method.Trim();
        Sampling = string.IsNullOrWhiteSpace(sampling) ? null : sampling.Trim();
        PointsPerDeduction = pointsPerDeduction ?? 0;
    }

    /// <summary>A new wording is a new revision; results keep the revision they were checked against. Returns the revision to
    /// keep.</summary>
    public CheckItemRevision Revise(
        string code,
        CheckArea area,
        CheckFrequency frequency,
        string description,
        string? method,
        string? sampling,
        decimal? pointsPerDeduction
    )
    {
        Word(code, area, frequency, description, method, sampling, pointsPerDeduction);
        Revision++;
        return Snapshot();
    }

    /// <summary>
    /// The wording read again from an imported library: the item is back in use (no longer retired); a changed wording is a new
    /// revision (returned, to keep), an unchanged one returns null.
    /// </summary>
    public CheckItemRevision? Reimport(
        string code,
        CheckArea area,
        CheckFrequency frequency,
        string description,
        string? method,
        string? sampling,
        decimal? pointsPerDeduction
    )
    {
        var before = (Area, Description, Method, Sampling, PointsPerDeduction, Frequency, RetiredAt);
        Word(code, area, frequency, description, method, sampling, pointsPerDeduction);
        RetiredAt = null;
        if (before == (Area, Description, Method, Sampling, PointsPerDeduction, Frequency, RetiredAt))
            return null;
        Revision++;
        return Snapshot();
    }

    /// <summary>Retired, not deleted: past results and plans still point at it. Retiring twice keeps the first date.</summary>
    public void Retire(DateTimeOffset now) => RetiredAt ??= now;

    /// <summary>The current wording, kept as a revision.</summary>
    public CheckItemRevision Snapshot() =>
        new()
        {
            CompanyId = CompanyId,
            CheckItemId = Id,
            Revision = Revision,
            Code = Code,
            Area = Area,
            Description = Description,
            Method = Method,
            Sampling = Sampling,
            PointsPerDeduction = PointsPerDeduction,
            Frequency = Frequency,
        };
}

/// <summary>A past wording of a check item, kept so a result can be read against the text it was checked on.</summary>
internal sealed class CheckItemRevision : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid CheckItemId { get; set; }
    public int Revision { get; set; }
    public required string Code { get; set; }
    public CheckArea Area { get; set; }
    public required string Description { get; set; }
    public string? Method { get; set; }
    public string? Sampling { get; set; }
    public decimal PointsPerDeduction { get; set; }
    public CheckFrequency Frequency { get; set; }
}

/// <summary>The five inspector levels of seed 004 (公司管理层 → 职能部门 → 项目负责人 → 业务主管 → 班组长).</summary>
internal enum InspectorLevel
{
    CompanyManagement,
    QualityDepartment,
    ProjectHead,
    Supervisor,
    TeamLeader,
}

/// <summary>核查计划: what one inspector checks, where, how often, from a month on.</summary>
internal sealed class InspectionPlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid InspectorUserId { get; set; }
    public required string InspectorName { get; set; }
    public InspectorLevel Level { get; set; }
    public required string Name { get; set; }

    /// <summary>First day of the first month the plan applies to.</summary>
    public DateOnly StartMonth { get; set; }

    /// <summary>First day of the last month, or null while it runs.</summary>
    public DateOnly? EndMonth { get; set; }

    /// <summary>Whether the plan applies to the month (its first day).</summary>
    public bool RunsIn(DateOnly month) => StartMonth <= month && (EndMonth == null || EndMonth >= month);

    /// <summary>Ending a plan keeps past months' requirements as they were: it stops after this month (or its first month, if not
    /// begun).</summary>
    public void EndAfter(DateOnly thisMonth) => EndMonth = thisMonth < StartMonth ? StartMonth : thisMonth;
}

/// <summary>One check point of a plan: an item at a project with a frequency.</summary>
internal sealed class InspectionPlanLine : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlanId { get; set; }
    public Guid CheckItemId { get; set; }
    public CheckFrequency Frequency { get; set; }
}

/// <summary>核查: one visit of an inspector to a project, with its results.</summary>
internal sealed class Inspection : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectorUserId { get; set; }
    public required string InspectorName { get; set; }
    public required string Place { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public bool AdHoc { get; set; }
}

/// <summary>The record of one item checked during an inspection: samples, note, photos.</summary>
internal sealed class InspectionResult : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectionId { get; set; }
    public Guid CheckItemId { get; set; }
    public int CheckItemRevision { get; set; }
    public Guid? PlanLineId { get; set; }
    public Guid InspectorUserId { get; set; }

    /// <summary>China date of the check, so “done today / this week” needs no time-zone arithmetic in SQL.</summary>
    public DateOnly CheckedOn { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public required string Place { get; set; }
    public int SampleCount { get; set; }
    public string? SampleNote { get; set; }
    public string? Note { get; set; }
    public Guid[] PhotoIds { get; set; } = [];

    /// <summary>Samples, time, place and inspector all present (seed 004: 可追溯).</summary>
    public bool Traceable { get; set; }

    /// <summary>Seed 004: a check is traceable when its samples, time, place and inspector are on record.</summary>
    public bool IsTraceable() => SampleCount > 0 && Place.Length > 0 && InspectorUserId != Guid.Empty;
}

internal enum FindingType
{
    Suggestion,
    Rectification,
    Deduction,
}

/// <summary>建议项 / 整改项 / 扣分项 found on a checked item.</summary>
internal sealed class Finding : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectionId { get; set; }
    public Guid ResultId { get; set; }
    public Guid InspectorUserId { get; set; }
    public DateOnly FoundOn { get; set; }
    public FindingType Type { get; set; }
    public decimal Points { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Only a deduction costs points: those given, else the item's default.</summary>
    public static decimal PointsFor(FindingType type, decimal? given, decimal itemDefault) =>
        type == FindingType.Deduction ? given ?? itemDefault : 0;
}
