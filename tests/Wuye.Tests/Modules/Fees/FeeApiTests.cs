using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// Fees through the API on real PostgreSQL, on a small project of three units made for the test in
/// the company of the demo manager (锦华), with the app's clock from Tuesday 5 January 2027 09:00 China time.
/// Units: 89.37 m² 三室两厅; 120.50 m² 三室两厅 holding two rented spaces; 143.21 m² 四室两厅.
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class FeeApiTests
{
    private readonly FakeTimeProvider _clock = At(China(2027, 1, 5, 9).ToUniversalTime());
    private readonly WuyeApp _app;

    public FeeApiTests(SharedApp shared) => _app = shared.Use(_clock);

    /// <summary>A project of its own for each test (the tests share one app).</summary>
    private Task<FeeTestKit.Site> SiteAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        FeeTestKit.SiteAsync(_app, $"收费测试苑 {test[..8]}");

    private static Task FeeItemsAsync(HttpClient pm, Guid project) => FeeTestKit.FeeItemsAsync(pm, project);

    private static async Task<Dictionary<Guid, decimal>> AmountsAsync(HttpClient client, Guid project, string period)
    {
        var page = await client.GetJsonAsync($"/api/v1/bills?projectId={project}&period={period}&pageSize=50");
        return page.GetProperty("items")
            .EnumerateArray()
            .ToDictionary(b => b.GetProperty("unitId").GetGuid(), b => b.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_months_bills_equal_the_hand_computed_amounts_generation_is_idempotent_and_the_monthly_job_bills_the_next_month()
    {
        var site = await SiteAsync();
        var pm = await _app.As("manager");

        // Bad input, field by field.
        var bad = await pm.PostJsonAsync(
            "/api/v1/fee-items",
            new
            {
                projectId = site.Project,
                kind = "fixed",
                unitPrice = 1e12m,
                dueDay = 31,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "unitPrice", "dueDay" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        var refused = await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" });
        Assert.Equal("bill.no_fee_items", (await refused.JsonAsync()).GetProperty("code").GetString());
        await FeeItemsAsync(pm, site.Project);

        var first = await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" }).OkAsync();
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        // 89.37 × 2.35 = 210.0195 → 210.02, + 10; 120.50 × 2.35 = 283.175 → 283.18, + 10 + 2 × 300; 143.21 × 2.60 = 372.346 → 372.35, + 10.
        var expected = new Dictionary<Guid, decimal>
        {
            [site.Units[0]] = 220.02m,
            [site.Units[1]] = 893.18m,
            [site.Units[2]] = 382.35m,
        };
        Assert.Equal(expected, await AmountsAsync(pm, site.Project, "2027-01"));
        var again = await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" }).OkAsync();
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(3, again.GetProperty("alreadyBilled").GetInt32());
        Assert.Equal(3, await _app.DbAsync(db => db.Set<Bill>().CountAsync(b => b.ProjectId == site.Project)));

        // The owner's view shows each line's basis.
        var bill = (await pm.GetJsonAsync($"/api/v1/bills?unitId={site.Units[0]}")).GetProperty("items")[0];
        // A guard or a technician of the company sees no household's bills or payments.
        foreach (var user in new[] { "guard", "tech" })
        {
            var staff = await _app.As(user);
            foreach (var url in new[] { "/api/v1/bills", $"/api/v1/bills/{bill.GetProperty("id").GetGuid()}", "/api/v1/payments" })
                Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(url)).StatusCode);
        }
        Assert.StartsWith("89.37 m² × 2.35", bill.GetProperty("lines")[0].GetProperty("basis").GetString());

        // A quarterly item (按季度): a cycle of 2 months is refused; billed in April, not in February, for three months at once.
        var badCycle = await pm.PostJsonAsync(
            "/api/v1/fee-items",
            new
            {
                projectId = site.Project,
                name = "电梯运行维护费",
                kind = "fixed",
                unitPrice = 30m,
                cycleMonths = 2,
            }
        );
        Assert.True((await badCycle.JsonAsync()).GetProperty("errors").TryGetProperty("cycleMonths", out _));
        var quarterly = await pm.PostJsonAsync(
                "/api/v1/fee-items",
                new
                {
                    projectId = site.Project,
                    name = "电梯运行维护费",
                    kind = "fixed",
                    unitPrice = 30m,
                    cycleMonths = 3,
                }
            )
            .OkAsync();
        Assert.Equal(3, quarterly.GetProperty("cycleMonths").GetInt32());

        // Before the billing day nothing; on 1 February the job bills February, once.
        var job = _app.Services.GetRequiredService<MonthlyBillJob>();
        _clock.SetUtcNow(China(2027, 2, 1, 0, 30).ToUniversalTime());
        _app.ForgetTokens();
        Assert.True(await job.RunOnceAsync() >= 3);
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(expected, await AmountsAsync(await _app.As("manager"), site.Project, "2027-02"));
        pm = await _app.As("manager");
        await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-04" }).OkAsync();
        Assert.Equal(expected.ToDictionary(kv => kv.Key, kv => kv.Value + 90m), await AmountsAsync(pm, site.Project, "2027-04"));
        var april = (await pm.GetJsonAsync($"/api/v1/bills?unitId={site.Units[0]}&period=2027-04")).GetProperty("items")[0];
        Assert.Contains(april.GetProperty("lines").EnumerateArray(), l =>
            l.GetProperty("basis").GetString()!.EndsWith("× 3 个月") && l.GetProperty("amount").GetDecimal() == 90m
        );
    }

    [Fact]
    public async Task A_payment_pays_the_oldest_lines_first_once_per_key_and_moves_both_collection_rates_and_the_ageing()
    {
        var site = await SiteAsync();
        var pm = await _app.As("manager");
        await FeeItemsAsync(pm, site.Project);
        // December 2026 and January 2027 for all three units.
        foreach (var period in new[] { "2026-12", "2027-01" })
            await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period }).OkAsync();

        var rates = await pm.GetJsonAsync($"/api/v1/collection-rates?projectId={site.Project}&period=2027-01");
        var total = rates.GetProperty("total");
        Assert.Equal(0m, total.GetProperty("currentByAmount").GetProperty("numerator").GetDecimal());
        Assert.Equal(1495.55m, total.GetProperty("currentByAmount").GetProperty("denominator").GetDecimal());
        // December is old arrears at 1 January.
        Assert.Equal(1495.55m, total.GetProperty("recoveryByAmount").GetProperty("denominator").GetDecimal());
        Assert.Equal(3m, total.GetProperty("recoveryByHouseholds").GetProperty("denominator").GetDecimal());

        // 300 for unit 1 at the desk: December (220.02) first, then 79.98 of January's management fee.
        var desk = await _app.As("manager"); // the demo desk ("service") works at 锦绣花园 only
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Pay()
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
            {
                Content = JsonContent.Create(
                    new
                    {
                        unitId = site.Units[0],
                        amount = 300m,
                        method = "cash",
                    },
                    options: WuyeApp.Json
                ),
            };
            req.Headers.Add("Idempotency-Key", key);
            return await desk.SendAsync(req);
        }
        var paid = await Pay();
        Assert.True(paid.StatusCode == HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
        var receipt = await paid.JsonAsync();
        var replay = await Pay();
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(receipt.GetProperty("receiptNumber").GetString(), (await replay.JsonAsync()).GetProperty("receiptNumber").GetString());
        Assert.Equal(1, await _app.DbAsync(db => db.Set<Payment>().CountAsync(p => p.UnitId == site.Units[0])));
        Assert.Matches(@"^SK20270105\d{6}$", receipt.GetProperty("receiptNumber").GetString()!);
        var lines = receipt
            .GetProperty("lines")
            .EnumerateArray()
            .Select(l => (l.GetProperty("periodText").GetString()!, l.GetProperty("amount").GetDecimal()))
            .ToArray();
        Assert.Equal(new[] { ("2026-12", 210.02m), ("2026-12", 10m), ("2027-01", 79.98m) }, lines);

        // Unit 3 pays January in full plus 17.65 ahead, held as credit.
        await desk.PostJsonAsync(
                "/api/v1/payments",
                new
                {
                    unitId = site.Units[2],
                    amount = 400m,
                    method = "transfer",
                }
            )
            .OkAsync();

        var badPay = await desk.PostJsonAsync(
            "/api/v1/payments",
            new
            {
                unitId = site.Units[1],
                amount = 0.001m,
                method = "online",
            }
        );
        var payErrors = (await badPay.JsonAsync()).GetProperty("errors");
        Assert.True(payErrors.TryGetProperty("amount", out _) && payErrors.TryGetProperty("method", out _));

        total = (await pm.GetJsonAsync($"/api/v1/collection-rates?projectId={site.Project}&period=2027-01")).GetProperty("total");
        // Unit 3's 400 went to December first (382.35), then 17.65 to January: current = 79.98 + 17.65 of 1495.55.
        Assert.Equal(97.63m, total.GetProperty("currentByAmount").GetProperty("numerator").GetDecimal());
        Assert.Equal(0m, total.GetProperty("currentByHouseholds").GetProperty("numerator").GetDecimal());
        Assert.Equal(220.02m + 382.35m, total.GetProperty("recoveryByAmount").GetProperty("numerator").GetDecimal());
        Assert.Equal(2m, total.GetProperty("recoveryByHouseholds").GetProperty("numerator").GetDecimal());

        // As of 4 January, before the desk took any money, all of December was owed (today's payments did not count then).
        var before = await pm.GetJsonAsync($"/api/v1/arrears?projectId={site.Project}&asOf=2027-01-04");
        Assert.Equal(1495.55m, before.GetProperty("totals").EnumerateArray().Sum(x => x.GetDecimal()));
        Assert.Equal(3, before.GetProperty("units").GetProperty("total").GetInt32());

        // On 10 February: December's open line is 57 days past due (31–90), January's are 26 (0–30).
        var arrears = await pm.GetJsonAsync($"/api/v1/arrears?projectId={site.Project}&asOf=2027-02-10");
        var totals = arrears.GetProperty("totals").EnumerateArray().Select(x => x.GetDecimal()).ToArray();
        Assert.Equal(new[] { 140.04m + 893.18m + 364.70m, 893.18m, 0m, 0m, 0m }, totals);
        Assert.Equal(3, arrears.GetProperty("units").GetProperty("total").GetInt32());
    }
}
