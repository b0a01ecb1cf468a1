using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 暗访: a confidential audit of a project by a mystery visitor. The project is held in
/// <see cref="TargetProjectId"/>, deliberately not a scope key, so that project staff (whose grants
/// open project rows) never see the plan; the API admits only the quality department and management.
/// Results live here, apart from the self-inspection records, and are compared with them.
/// </summary>
public sealed class MysteryAudit : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid TargetProjectId { get; set; }
    public DateOnly Month { get; set; }
    public required string Title { get; set; }
    public string? Requirements { get; set; }
    public string? VisitorAlias { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    public string? Report { get; set; }
    public Guid? ReportedBy { get; set; }
}

/// <summary>One line of an audit's confidential checklist, optionally tied to a library item so it can be compared.</summary>
public sealed class MysteryAuditItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid AuditId { get; set; }
    public int Position { get; set; }
    public Guid? CheckItemId { get; set; }
    public required string Description { get; set; }
    public bool? Passed { get; set; }
    public string? Observation { get; set; }
}
