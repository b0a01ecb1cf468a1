using Wuye.Modules.MasterData.Features.Shared;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>
/// What _OccupantLinks draws: a person's links to units (or a unit's residents), current and
/// ended, each with its edit and end forms for those who may change them.
/// </summary>
internal sealed record OccupantLinks(
    IReadOnlyList<OccupantDto> Links,
    IReadOnlyDictionary<Guid, string> UnitLabels,
    bool ShowUnit,
    bool MayEdit,
    DateOnly Today,
    string Then,
    string TestId
)
{
    public bool Ended(OccupantDto o) => o.Until is { } u && u < Today;

    public string Label(OccupantDto o) => ShowUnit ? UnitLabels.GetValueOrDefault(o.UnitId) ?? "?" : o.PersonName;
}
