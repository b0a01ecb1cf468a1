using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>An escalation already raised for one complaint at one level; its unique key keeps the job idempotent.</summary>
internal sealed class ComplaintEscalation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ComplaintId { get; set; }
    public int Level { get; set; }
    public DateTimeOffset At { get; set; }
}
