using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>One asset class's hours in a period: its assets, total asset-hours and hours out of order.</summary>
internal sealed record ClassHours(AssetCategory Category, int Assets, double TotalHours, double DownHours);

/// <summary>
/// A 002/篇4 intactness indicator of a period: available asset-hours (<see cref="AvailableHours"/>, the numerator) over total
/// asset-hours (<see cref="TotalHours"/>, the denominator) of the asset classes it covers, in percent against its goal.
/// </summary>
internal sealed record IntactnessIndicator(
    string Code,
    string Name,
    List<AssetCategory> Categories,
    decimal Goal,
    int Assets,
    double AvailableHours,
    double TotalHours,
    decimal Rate,
    bool MeetsGoal
);

/// <summary>
/// The 002/篇4 indicators that concern assets (路灯完好率, 消防设施完好率, 公共体育设施完好率, 停车场设施完好率), each the intactness
/// rule (<see cref="Intactness"/>) over the asset classes it names. Street lights are the register's lighting class (照明, which
/// the import also fills from "路灯"); an indicator with no assets in the project reads 100%, as the intactness rate does.
/// </summary>
internal static class IntactnessIndicators
{
    private static readonly (string Code, string Zh, string En, AssetCategory[] Categories)[] Definitions =
    [
        ("streetLights", "路灯完好率", "Street-light intactness", [AssetCategory.Lighting]),
        ("fireFacilities", "消防设施完好率", "Fire-facility intactness", [AssetCategory.FireSystem]),
        ("sportsFacilities", "公共体育设施完好率", "Public sports-facility intactness", [AssetCategory.SportsFacility]),
        ("carParks", "停车场设施完好率", "Car-park facility intactness", [AssetCategory.CarPark]),
    ];

    /// <summary>The indicators from the classes' hours (classes absent from <paramref name="classes"/> have no assets).</summary>
    public static List<IntactnessIndicator> From(IEnumerable<ClassHours> classes)
    {
        var byClass = classes.ToDictionary(c => c.Category);
        return
        [
            .. Definitions.Select(d =>
            {
                var lines = d.Categories.Where(byClass.ContainsKey).Select(c => byClass[c]).ToList();
                var total = lines.Sum(l => l.TotalHours);
                var available = total - lines.Sum(l => l.DownHours);
                var rate = total <= 0 ? 100m : Math.Round((decimal)(available / total * 100), 2);
                return new IntactnessIndicator(
                    d.Code,
                    Loc.T(d.Zh, d.En),
                    [.. d.Categories],
                    Intactness.Goal,
                    lines.Sum(l => l.Assets),
                    Math.Round(available, 2),
                    Math.Round(total, 2),
                    rate,
                    rate >= Intactness.Goal
                );
            }),
        ];
    }
}
