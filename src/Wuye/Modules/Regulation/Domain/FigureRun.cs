using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>
/// That a regulator's figure-scored items were computed for a rating period (按企业数据计分), once: the close waits for it (and
/// for the records it made to pass their objection window), because a company whose figure fires no rule gets no record.
/// </summary>
internal sealed class FigureRun : Entity, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public string Period { get; set; } = "";
    public Guid TableId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}
