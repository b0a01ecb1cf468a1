using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>The kinds of the safety log: 治安事件 (security incident), 刑事案件 (criminal case), 火警 (fire alarm), 火灾 (fire).</summary>
internal enum SafetyEventKind
{
    SecurityIncident,
    CriminalCase,
    FireAlarm,
    Fire,
}

/// <summary>
/// 安全事件登记: one security incident, criminal case (重大 or not), fire alarm or fire at a project, with when and where it happened;
/// the safety indicators of 001 and 002 are counted from these records per project and year.
/// </summary>
internal sealed class SafetyEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public SafetyEventKind Kind { get; set; }

    /// <summary>重大刑事案件 (002 indicator 13); only a criminal case can be major.</summary>
    public bool Major { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Location { get; set; }
    public required string Description { get; set; }

    /// <summary>The incident it was handled in, if any.</summary>
    public Guid? IncidentId { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }

    public static SafetyEvent Record(
        Guid companyId,
        Guid projectId,
        SafetyEventKind kind,
        bool major,
        DateTimeOffset occurredAt,
        string? location,
        string description,
        Guid? incidentId,
        Guid? userId,
        string userName,
        DateTimeOffset now
    )
    {
        var v = new Validator();
        if (major && kind != SafetyEventKind.CriminalCase)
            v.Add("major", "只有刑事案件分重大与否", "Only a criminal case can be major");
        if (occurredAt > now.AddMinutes(5))
            v.Add("occurredAt", "发生时间不能晚于现在", "It cannot have happened in the future");
        if (occurredAt < now.AddYears(-10))
            v.Add("occurredAt", "发生时间不能早于十年前", "More than ten years ago");
        v.ThrowIfAny();
        return new SafetyEvent
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Kind = kind,
            Major = major,
            OccurredAt = occurredAt,
            Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim(),
            Description = description.Trim(),
            IncidentId = incidentId,
            RecordedByUserId = userId,
            RecordedByName = userName,
        };
    }

    public static string KindName(SafetyEventKind k, bool major = false) =>
        k switch
        {
            SafetyEventKind.SecurityIncident => Loc.T("治安事件", "Security incident"),
            SafetyEventKind.CriminalCase => major ? Loc.T("重大刑事案件", "Major criminal case") : Loc.T("刑事案件", "Criminal case"),
            SafetyEventKind.FireAlarm => Loc.T("火警", "Fire alarm"),
            _ => Loc.T("火灾", "Fire"),
        };
}
