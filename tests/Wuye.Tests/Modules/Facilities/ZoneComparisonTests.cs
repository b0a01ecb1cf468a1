using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The zones' upkeep ranking through the API (000#13): a fault reported on an asset of a building in the steward's zone counts on
/// that zone's line (reported, open, hours out of order on a moved clock) and nowhere else; stewards and managers read it, the field
/// staff do not; a bad month is answered on its field.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class ZoneComparisonTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public ZoneComparisonTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    [Fact]
    public async Task A_fault_on_an_asset_in_a_zone_counts_on_that_zones_line_and_the_zones_are_ranked()
    {
        var (project, zone, asset) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).FirstAsync();
            var building = await db.BuildingRefs().Where(b => b.ZoneId == zone.Id).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
            var asset = new Asset
            {
                CompanyId = zone.CompanyId,
                ProjectId = zone.ProjectId,
                BuildingId = building,
                Code = $"ZC-{Guid.NewGuid():N}"[..12],
                Name = "楼道应急照明",
                Category = AssetCategory.Lighting,
            };
            db.Add(asset);
            await db.SaveChangesAsync();
            return (zone.ProjectId, zone.Id, asset.Id);
        });
        var month = $"{ChinaTime.Today(_clock):yyyy-MM}";
        var url = $"/api/v1/zone-comparison?projectId={project}&month={month}";
        var pm = await _app.As("pm");
        var bad = await pm.GetAsync($"/api/v1/zone-comparison?projectId={project}&month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("tech")).GetAsync(url)).StatusCode);

        var before = (await pm.GetJsonAsync(url)).GetProperty("zones").EnumerateArray().ToList();
        var line = before.Single(z =>
            z.TryGetProperty("zoneId", out var id) && id.ValueKind != System.Text.Json.JsonValueKind.Null && id.GetGuid() == zone
        );
        Assert.True(line.GetProperty("assets").GetInt32() >= 1);
        await pm.PostJsonAsync("/api/v1/asset-faults", new { assetId = asset, description = "应急灯不亮" }).OkAsync();
        _clock.Advance(TimeSpan.FromHours(3));
        _app.ForgetTokens();
        var steward = await _app.As("steward");
        var after = (await steward.GetJsonAsync(url)).GetProperty("zones").EnumerateArray().ToList();
        var now = after.Single(z =>
            z.TryGetProperty("zoneId", out var id) && id.ValueKind != System.Text.Json.JsonValueKind.Null && id.GetGuid() == zone
        );
        Assert.Equal(line.GetProperty("faultsReported").GetInt32() + 1, now.GetProperty("faultsReported").GetInt32());
        Assert.Equal(line.GetProperty("openFaults").GetInt32() + 1, now.GetProperty("openFaults").GetInt32());
        Assert.True(now.GetProperty("downHours").GetDouble() >= line.GetProperty("downHours").GetDouble() + 2.99);
        Assert.True(now.GetProperty("rate").GetDecimal() < 100m);
        // Ranked by intactness, higher first.
        Assert.Equal(Enumerable.Range(1, after.Count), after.Select(z => z.GetProperty("rank").GetInt32()));
        var rates = after.Select(z => z.GetProperty("rate").GetDecimal()).ToList();
        Assert.Equal(rates.OrderByDescending(r => r), rates);
    }
}
