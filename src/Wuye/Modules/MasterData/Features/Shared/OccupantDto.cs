using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Audit;

namespace Wuye.Modules.MasterData.Features.Shared;

/// <summary>A person's link to a unit, as the unit's and the person's lists show it (phone masked).</summary>
internal sealed record OccupantDto(
    Guid Id,
    Guid UnitId,
    Guid PersonId,
    string PersonName,
    string? Phone,
    OccupantRelation Relation,
    string? Kinship,
    DateOnly? Since,
    DateOnly? Until,
    uint Version = 0
)
{
    public static OccupantDto Of(UnitOccupant o, string name, string? phone) =>
        new(o.Id, o.UnitId, o.PersonId, name, Mask.Phone(phone), o.Relation, o.Kinship, o.Since, o.Until, o.Version);
}
