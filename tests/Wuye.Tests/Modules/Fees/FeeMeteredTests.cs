using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// Metered utilities (抄表计费) and one-off charges (一次性收费) through the API, on a project of three units made for each test,
/// with the app's clock on Tuesday 5 January 2027 09:00 China time. Water at 3.50 元/吨, due 15 days after the reading.
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class FeeMeteredTests
{
    private readonly FakeTimeProvider _clock = At(China(2027, 1, 5, 9).ToUniversalTime());
    private readonly WuyeApp _app;

    public FeeMeteredTests(SharedApp shared) => _app = shared.Use(_clock);

    private Task<FeeTestKit.Site> SiteAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        FeeTestKit.SiteAsync(_app, $"抄表测试苑 {test[..8]}");

    private static async Task<Guid> ItemAsync(HttpClient pm, object body)
    {
        var created = await pm.PostJsonAsync("/api/v1/fee-items", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static JsonElement Errors(JsonElement problem) => problem.GetProperty("errors");

    [Fact]
    public async Task Readings_raise_metered_bills_of_usage_times_price_all_or_none_and_the_next_month_starts_from_the_last_reading()
    {
        var site = await SiteAsync();
        var pm = await _app.As("manager");
        var noUnit = await pm.PostJsonAsync(
            "/api/v1/fee-items",
            new
            {
                projectId = site.Project,
                name = "水费",
                kind = "metered",
                unitPrice = 3.5m,
            }
        );
        Assert.True(Errors(await noUnit.JsonAsync()).TryGetProperty("usageUnit", out _));
        var water = await ItemAsync(
            pm,
            new
            {
                projectId = site.Project,
                name = "水费",
                kind = "metered",
                unitPrice = 3.5m,
                usageUnit = "吨",
            }
        );
        await FeeTestKit.FeeItemsAsync(pm, site.Project);

        // The first reading needs the meter's start; a reading below it, and a home twice, are refused by row; nothing is written.
        var bad = await pm.PostJsonAsync(
            "/api/v1/utility-readings",
            new
            {
                feeItemId = water,
                period = "2027-01",
                readings = new object[]
                {
                    new { unitId = site.Units[0], reading = 112.5m },
                    new
                    {
                        unitId = site.Units[1],
                        reading = 40m,
                        previous = 50m,
                    },
                    new
                    {
                        unitId = site.Units[2],
                        reading = 10m,
                        previous = 5m,
                    },
                },
            }
        );
        var twice = await pm.PostJsonAsync(
            "/api/v1/utility-readings",
            new
            {
                feeItemId = water,
                period = "2027-01",
                readings = new[] { new { unitId = site.Units[2], reading = 10m }, new { unitId = site.Units[2], reading = 11m } },
            }
        );
        Assert.True(Errors(await twice.JsonAsync()).TryGetProperty("readings[1].unitId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = Errors(await bad.JsonAsync());
        foreach (var field in new[] { "readings[0].previous", "readings[1].reading" })
            Assert.True(errors.TryGetProperty(field, out _), field + ": " + errors);
        var sheet = await pm.GetJsonAsync($"/api/v1/utility-readings?feeItemId={water}&period=2027-01");
        Assert.Equal(3, sheet.GetArrayLength());
        Assert.All(sheet.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("thisPeriod").ValueKind));

        var taken = await pm.PostJsonAsync(
                "/api/v1/utility-readings",
                new
                {
                    feeItemId = water,
                    period = "2027-01",
                    readings = new object[]
                    {
                        new
                        {
                            unitId = site.Units[0],
                            reading = 112.5m,
                            previous = 100m,
                        },
                        new
                        {
                            unitId = site.Units[1],
                            reading = 50m,
                            previous = 50m,
                        },
                    },
                }
            )
            .OkAsync();
        var byUnit = taken.EnumerateArray().ToDictionary(r => r.GetProperty("unitId").GetGuid());
        // 12.5 吨 × 3.50 = 43.75; no usage, no bill.
        Assert.Equal(43.75m, byUnit[site.Units[0]].GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, byUnit[site.Units[1]].GetProperty("billId").ValueKind);
        var bill = await pm.GetJsonAsync($"/api/v1/bills/{byUnit[site.Units[0]].GetProperty("billId").GetGuid()}");
        Assert.Equal("metered", bill.GetProperty("kind").GetString());
        var line = bill.GetProperty("lines")[0];
        Assert.Contains("100 → 112.5", line.GetProperty("basis").GetString());
        Assert.Equal("2027-01-20", line.GetProperty("dueDate").GetString());

        // The same month again is refused; the monthly run still issues each home's periodic bill of the month beside it.
        var again = await pm.PostJsonAsync(
            "/api/v1/utility-readings",
            new
            {
                feeItemId = water,
                period = "2027-01",
                readings = new[] { new { unitId = site.Units[0], reading = 113m } },
            }
        );
        Assert.True(Errors(await again.JsonAsync()).TryGetProperty("readings[0].reading", out _));
        var run = await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" }).OkAsync();
        Assert.Equal(3, run.GetProperty("created").GetInt32());

        // February starts from January's reading: 120 − 112.5 = 7.5 吨 → 26.25; a start that disagrees with it is refused.
        var wrongStart = await pm.PostJsonAsync(
            "/api/v1/utility-readings",
            new
            {
                feeItemId = water,
                period = "2027-02",
                readings = new[]
                {
                    new
                    {
                        unitId = site.Units[0],
                        reading = 120m,
                        previous = 110m,
                    },
                },
            }
        );
        Assert.True(Errors(await wrongStart.JsonAsync()).TryGetProperty("readings[0].previous", out _));
        var feb = await pm.PostJsonAsync(
                "/api/v1/utility-readings",
                new
                {
                    feeItemId = water,
                    period = "2027-02",
                    readings = new[] { new { unitId = site.Units[0], reading = 120m } },
                }
            )
            .OkAsync();
        Assert.Equal(
            (112.5m, 7.5m, 26.25m),
            (
                feb[0].GetProperty("previous").GetDecimal(),
                feb[0].GetProperty("usage").GetDecimal(),
                feb[0].GetProperty("amount").GetDecimal()
            )
        );
        var febSheet = await pm.GetJsonAsync($"/api/v1/utility-readings?feeItemId={water}&period=2027-02");
        var row = febSheet.EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == site.Units[0]);
        Assert.Equal((202701, 112.5m), (row.GetProperty("lastPeriod").GetInt32(), row.GetProperty("lastReading").GetDecimal()));
    }

    [Fact]
    public async Task A_one_off_charge_is_its_own_bill_due_days_later_and_stays_out_of_the_collection_rates()
    {
        var site = await SiteAsync();
        var pm = await _app.As("manager");
        await FeeTestKit.FeeItemsAsync(pm, site.Project);
        var deposit = await ItemAsync(
            pm,
            new
            {
                projectId = site.Project,
                name = "装修押金",
                kind = "oneOff",
                unitPrice = 2000m,
                dueDay = 7,
            }
        );
        await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" }).OkAsync();
        async Task<decimal> BilledAsync() =>
            (await pm.GetJsonAsync($"/api/v1/collection-rates?period=2027-01&projectId={site.Project}"))
                .GetProperty("total")
                .GetProperty("currentByAmount")
                .GetProperty("denominator")
                .GetDecimal();
        var before = await BilledAsync();

        var periodicItem = (await pm.GetJsonAsync($"/api/v1/fee-items?projectId={site.Project}"))
            .GetProperty("items")
            .EnumerateArray()
            .First(i => i.GetProperty("kind").GetString() == "fixed")
            .GetProperty("id")
            .GetGuid();
        var wrong = await pm.PostJsonAsync("/api/v1/bills/one-off", new { unitId = site.Units[0], feeItemId = periodicItem });
        Assert.True(Errors(await wrong.JsonAsync()).TryGetProperty("feeItemId", out _));
        var both = await pm.PostJsonAsync(
            "/api/v1/bills/one-off",
            new
            {
                unitId = site.Units[0],
                feeItemId = deposit,
                quantity = 1,
                amount = 10,
            }
        );
        Assert.True(Errors(await both.JsonAsync()).TryGetProperty("amount", out _));

        var created = await pm.PostJsonAsync("/api/v1/bills/one-off", new { unitId = site.Units[0], feeItemId = deposit });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bill = await created.JsonAsync();
        Assert.Equal(
            ("oneOff", 2000m, 202701),
            (bill.GetProperty("kind").GetString(), bill.GetProperty("amount").GetDecimal(), bill.GetProperty("period").GetInt32())
        );
        Assert.Equal("2027-01-12", bill.GetProperty("dueDate").GetString());
        var custom = await pm.PostJsonAsync(
            "/api/v1/bills/one-off",
            new
            {
                unitId = site.Units[1],
                feeItemId = deposit,
                amount = 3500.5m,
            }
        );
        Assert.Equal(3500.5m, (await custom.JsonAsync()).GetProperty("amount").GetDecimal());
        Assert.Equal(before, await BilledAsync());
    }
}
