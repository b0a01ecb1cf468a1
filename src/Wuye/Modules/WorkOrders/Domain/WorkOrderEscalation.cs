using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum SlaClock
{
    Response,
    Arrival,
    Completion,
}

internal enum EscalationLevel
{
    Warning,
    Breach,
}

/// <summary>A warning or breach already raised for one clock of one work order; its unique key makes the escalation job
/// idempotent.</summary>
internal sealed class WorkOrderEscalation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid WorkOrderId { get; set; }
    public SlaClock Clock { get; set; }
    public EscalationLevel Level { get; set; }
    public DateTimeOffset At { get; set; }
}
