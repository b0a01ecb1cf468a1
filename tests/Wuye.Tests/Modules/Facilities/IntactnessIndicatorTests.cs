using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The 002 intactness indicators on GET /api/v1/asset-intactness: faults reported on a sports facility and a car-park barrier late
/// in April 2031 and still open keep them out of order to the month's end, so April reads 720 asset-hours each, 648 and 684
/// available (90% and 95%); street lights and fire facilities read the same hours as their classes.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class IntactnessIndicatorTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public IntactnessIndicatorTests(SharedApp shared)
    {
        _clock = Clocks.At(new DateTimeOffset(2031, 4, 28, 0, 0, 0, China));
        _app = shared.Use(_clock);
    }

    [Fact]
    public async Task Open_faults_late_in_the_month_lower_the_sports_and_car_park_indicators_by_their_hours()
    {
        var (project, sports, barrier) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).FirstAsync();
            Asset New(string name, AssetCategory category) =>
                new()
                {
                    CompanyId = zone.CompanyId,
                    ProjectId = zone.ProjectId,
                    Code = $"II-{Guid.NewGuid():N}"[..12],
                    Name = name,
                    Category = category,
                };
            var s = New("篮球场灯架与篮架", AssetCategory.SportsFacility);
            var b = New("地库出口道闸", AssetCategory.CarPark);
            db.AddRange(s, b);
            await db.SaveChangesAsync();
            return (zone.ProjectId, s.Id, b.Id);
        });
        var pm = await _app.As("pm");
        // Reported at 04-28 00:00 (72 h to the month's end) and at 04-29 12:00 (36 h), neither fixed.
        await pm.PostJsonAsync("/api/v1/asset-faults", new { assetId = sports, description = "篮架松动" }).OkAsync();
        _clock.Advance(TimeSpan.FromHours(36));
        _app.ForgetTokens();
        pm = await _app.As("pm");
        await pm.PostJsonAsync("/api/v1/asset-faults", new { assetId = barrier, description = "道闸不抬杆" }).OkAsync();
        _clock.SetUtcNow(new DateTimeOffset(2031, 5, 10, 9, 0, 0, China).ToUniversalTime());
        _app.ForgetTokens();

        var april = await (await _app.As("pm")).GetJsonAsync($"/api/v1/asset-intactness?projectId={project}&month=2031-04");
        var indicators = april.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        Assert.Equal(["streetLights", "fireFacilities", "sportsFacilities", "carParks"], indicators.Keys);
        AssertIndicator(indicators["sportsFacilities"], assets: 1, available: 648, total: 720, rate: 90.00m, meets: false);
        AssertIndicator(indicators["carParks"], assets: 1, available: 684, total: 720, rate: 95.00m, meets: false);
        Assert.Equal("公共体育设施完好率", indicators["sportsFacilities"].GetProperty("name").GetString());

        var classes = april.GetProperty("classes").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!);
        foreach (var (code, category) in new[] { ("streetLights", "lighting"), ("fireFacilities", "fireSystem") })
        {
            if (!classes.TryGetValue(category, out var line))
            {
                AssertIndicator(indicators[code], assets: 0, available: 0, total: 0, rate: 100m, meets: true);
                continue;
            }
            var total = line.GetProperty("totalHours").GetDouble();
            Assert.Equal(line.GetProperty("assets").GetInt32(), indicators[code].GetProperty("assets").GetInt32());
            Assert.Equal(total, indicators[code].GetProperty("totalHours").GetDouble(), 2);
            Assert.Equal(total - line.GetProperty("downHours").GetDouble(), indicators[code].GetProperty("availableHours").GetDouble(), 2);
            Assert.Equal(line.GetProperty("rate").GetDecimal(), indicators[code].GetProperty("rate").GetDecimal());
        }
    }

    private static void AssertIndicator(JsonElement i, int assets, double available, double total, decimal rate, bool meets)
    {
        Assert.Equal(assets, i.GetProperty("assets").GetInt32());
        Assert.Equal(available, i.GetProperty("availableHours").GetDouble(), 6);
        Assert.Equal(total, i.GetProperty("totalHours").GetDouble(), 6);
        Assert.Equal(rate, i.GetProperty("rate").GetDecimal());
        Assert.Equal(meets, i.GetProperty("meetsGoal").GetBoolean());
        Assert.Equal(98m, i.GetProperty("goal").GetDecimal());
    }
}
