using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>The 002 intactness indicators: each over its own asset classes only, available over total asset-hours, against 98%.</summary>
public sealed class IntactnessIndicatorsTests
{
    [Fact]
    public void Each_indicator_takes_its_classes_hours_and_only_those()
    {
        var list = IntactnessIndicators.From([
            new ClassHours(AssetCategory.Lighting, 10, 7200, 36),
            new ClassHours(AssetCategory.FireSystem, 2, 1440, 72),
            new ClassHours(AssetCategory.CarPark, 1, 720, 0),
            new ClassHours(AssetCategory.Elevator, 3, 2160, 500),
        ]);
        Assert.Equal(["streetLights", "fireFacilities", "sportsFacilities", "carParks"], list.Select(i => i.Code));
        var lights = list[0];
        Assert.Equal(
            (10, 7164d, 7200d, 99.50m, true),
            (lights.Assets, lights.AvailableHours, lights.TotalHours, lights.Rate, lights.MeetsGoal)
        );
        var fire = list[1];
        Assert.Equal((2, 1368d, 1440d, 95.00m, false), (fire.Assets, fire.AvailableHours, fire.TotalHours, fire.Rate, fire.MeetsGoal));
        var cars = list[3];
        Assert.Equal((1, 720d, 720d, 100m), (cars.Assets, cars.AvailableHours, cars.TotalHours, cars.Rate));
        Assert.All(list, i => Assert.Equal(98m, i.Goal));
        Assert.DoesNotContain(list, i => i.Categories.Contains(AssetCategory.Elevator));
    }

    [Fact]
    public void An_indicator_without_assets_reads_100_percent_of_nothing()
    {
        var sports = IntactnessIndicators
            .From([new ClassHours(AssetCategory.Lighting, 1, 720, 720)])
            .Single(i => i.Code == "sportsFacilities");
        Assert.Equal((0, 0d, 0d, 100m), (sports.Assets, sports.AvailableHours, sports.TotalHours, sports.Rate));
    }

    [Fact]
    public void A_rate_is_rounded_to_two_decimals_and_the_goal_is_met_at_98_exactly()
    {
        var list = IntactnessIndicators.From([
            new ClassHours(AssetCategory.SportsFacility, 3, 2160, 1),
            new ClassHours(AssetCategory.FireSystem, 1, 100, 2),
        ]);
        Assert.Equal(99.95m, list.Single(i => i.Code == "sportsFacilities").Rate);
        Assert.True(list.Single(i => i.Code == "fireFacilities").MeetsGoal);
    }
}
