using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>What a technician is qualified for, optionally in one zone; automatic dispatch reads it.</summary>
internal sealed class TechnicianSkill : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UserId { get; set; }
    public RequestCategory Category { get; set; }
}
