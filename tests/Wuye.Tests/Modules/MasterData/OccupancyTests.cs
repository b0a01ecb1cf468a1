using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>
/// The link between a person and a unit is edited (relation, kinship, lease dates) and ended on its
/// last day, never deleted; an owner whose link has ended no longer sees the unit. The clock stands
/// at Monday 23 November 2026 09:00 China time; scopes are resolved afresh on every request.
/// </summary>
public sealed class OccupancyTests : IClassFixture<OccupancyTests.OccupancyApp>
{
    /// <summary>The class's app: scopes resolved afresh on every request.</summary>
    public sealed class OccupancyApp(TestCluster cluster) : SharedApp(cluster)
    {
        protected override Dictionary<string, string?>? Settings => new() { ["Wuye:Scope:CacheSeconds"] = "0" };
    }

    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public OccupancyTests(OccupancyApp shared)
    {
        _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
        _app = shared.Use(_clock);
    }

    private static async Task<JsonElement> Expect(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"expected {(int)status}, got {(int)res.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<int> OwnerUnitsAsync()
    {
        _app.ForgetTokens();
        return (await (await _app.As("owner")).GetJsonAsync("/api/v1/units")).GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task Ending_an_owners_link_keeps_it_as_history_and_takes_the_unit_out_of_the_owners_sight_after_its_last_day()
    {
        var unit = await OwnUnitAsync(await _app.As("owner"));
        var person = await _app.DbAsync(db => db.People().Where(p => p.Phone == "13800138000").Select(p => p.Id).FirstAsync());
        var service = await _app.As("service");
        var link = (await service.GetJsonAsync($"/api/v1/people/{person}/units"))
            .EnumerateArray()
            .Single(l => l.GetProperty("unitId").GetGuid() == unit);
        var linkId = link.GetProperty("id").GetGuid();

        var errors = (
            await Expect(await service.PostJsonAsync($"/api/v1/people/{person}/units/{linkId}/end", new { }), HttpStatusCode.BadRequest)
        ).GetProperty("errors");
        Assert.True(errors.TryGetProperty("until", out _));
        await Expect(
            await service.PostJsonAsync($"/api/v1/people/{person}/units/{linkId}/end", new { until = "1990-01-01" }),
            HttpStatusCode.BadRequest
        );

        // Sold today: today is the link's last day, so the owner still sees the unit until midnight.
        var ended = await service.PostJsonAsync($"/api/v1/people/{person}/units/{linkId}/end", new { until = "2026-11-23" }).OkAsync();
        Assert.Equal("2026-11-23", ended.GetProperty("until").GetString());
        Assert.Equal(1, await OwnerUnitsAsync());

        _clock.SetUtcNow(China(2026, 11, 24, 0, 5).ToUniversalTime());
        Assert.Equal(0, await OwnerUnitsAsync());
        var owner = await _app.As("owner");
        await Expect(await owner.GetAsync($"/api/v1/units/{unit}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await owner.GetJsonAsync("/api/v1/complaints")).GetProperty("total").GetInt32());

        // The link is kept, with its end, on the person and on the unit; ending it again is refused.
        service = await _app.As("service");
        Assert.Contains((await service.GetJsonAsync($"/api/v1/units/{unit}/occupants")).EnumerateArray(), o =>
            o.GetProperty("id").GetGuid() == linkId && o.GetProperty("until").GetString() == "2026-11-23"
        );
        Assert.Equal(1, await _app.DbAsync(db => db.UnitOccupants().CountAsync(o => o.Id == linkId)));
        var again = await Expect(
            await service.PostJsonAsync($"/api/v1/people/{person}/units/{linkId}/end", new { until = "2026-11-24" }),
            HttpStatusCode.Conflict
        );
        Assert.Equal("occupant.ended", again.GetProperty("code").GetString());
        Assert.Contains(
            await _app.DbAsync(db => db.ChangeLogs.Where(c => c.EntityId == linkId && c.After != null).Select(c => c.After!).ToListAsync()),
            c => c.Contains("2026-11-23")
        );

        // Linked again (bought back): the ended link does not count as a duplicate, and the owner sees the unit again.
        await Expect(
            await service.PostJsonAsync(
                $"/api/v1/people/{person}/units",
                new
                {
                    unitId = unit,
                    relation = "owner",
                    since = "2026-11-24",
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(1, await OwnerUnitsAsync());
    }

    [Fact]
    public async Task A_tenants_lease_dates_and_relation_are_edited_with_field_errors_and_a_stale_version_refused()
    {
        var unit = await OwnUnitAsync(await _app.As("owner"));
        var project = await ProjectOfAsync(_app, unit);
        var pm = await _app.As("pm");
        var tenant = (
            await Expect(
                await pm.PostJsonAsync(
                    "/api/v1/people",
                    new
                    {
                        projectId = project,
                        name = "韩租客",
                        phone = "13612345678",
                    }
                ),
                HttpStatusCode.Created
            )
        ).GetProperty("id").GetGuid();
        var created = await Expect(
            await pm.PostJsonAsync(
                $"/api/v1/people/{tenant}/units",
                new
                {
                    unitId = unit,
                    relation = "tenant",
                    since = "2026-01-01",
                    until = "2026-12-31",
                }
            ),
            HttpStatusCode.Created
        );
        var linkId = created.GetProperty("id").GetGuid();
        var link = (await pm.GetJsonAsync($"/api/v1/people/{tenant}/units")).EnumerateArray().Single();
        var version = link.GetProperty("version").GetUInt32();

        var bad = await Expect(
            await pm.PutJsonAsync(
                $"/api/v1/people/{tenant}/units/{linkId}",
                new
                {
                    relation = "tenant",
                    since = "2027-01-01",
                    until = "2026-12-31",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.True(bad.GetProperty("errors").TryGetProperty("until", out _));
        bad = await Expect(
            await pm.PutJsonAsync($"/api/v1/people/{tenant}/units/{linkId}", new { since = "2027-01-01" }),
            HttpStatusCode.BadRequest
        );
        Assert.True(bad.GetProperty("errors").TryGetProperty("relation", out _));

        // The lease renewed for a year.
        var renewed = await pm.PutJsonAsync(
                $"/api/v1/people/{tenant}/units/{linkId}",
                new
                {
                    relation = "tenant",
                    since = "2026-01-01",
                    until = "2027-12-31",
                    version,
                }
            )
            .OkAsync();
        Assert.Equal("2027-12-31", renewed.GetProperty("until").GetString());
        var stale = await Expect(
            await pm.PutJsonAsync(
                $"/api/v1/people/{tenant}/units/{linkId}",
                new
                {
                    relation = "tenant",
                    until = "2028-12-31",
                    version,
                }
            ),
            HttpStatusCode.Conflict
        );
        Assert.Equal("concurrency", stale.GetProperty("code").GetString());

        // The tenant marries into the family: relation and kinship change, the lease dates are cleared.
        var family = await pm.PutJsonAsync(
                $"/api/v1/people/{tenant}/units/{linkId}",
                new
                {
                    relation = "family",
                    kinship = "配偶",
                    since = "2026-11-23",
                }
            )
            .OkAsync();
        Assert.Equal(("family", "配偶"), (family.GetProperty("relation").GetString(), family.GetProperty("kinship").GetString()));
        Assert.Equal(JsonValueKind.Null, family.GetProperty("until").ValueKind);

        // Two links of the same relation to the same unit are refused, not failed.
        var second = (
            await Expect(
                await pm.PostJsonAsync($"/api/v1/people/{tenant}/units", new { unitId = unit, relation = "tenant" }),
                HttpStatusCode.Created
            )
        )
            .GetProperty("id")
            .GetGuid();
        var dup = await Expect(
            await pm.PutJsonAsync($"/api/v1/people/{tenant}/units/{second}", new { relation = "family" }),
            HttpStatusCode.Conflict
        );
        Assert.Equal("occupant.duplicate", dup.GetProperty("code").GetString());

        // A steward may read residents but not change the link; another company's manager cannot even find it.
        await Expect(
            await (await _app.As("steward")).PutJsonAsync($"/api/v1/people/{tenant}/units/{linkId}", new { relation = "owner" }),
            HttpStatusCode.Forbidden
        );
        await Expect(
            await (await _app.As("manager2")).PostJsonAsync($"/api/v1/people/{tenant}/units/{linkId}/end", new { until = "2026-11-23" }),
            HttpStatusCode.NotFound
        );
    }
}
