using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.Complaints.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Complaints;

/// <summary>Issue 21: what the complaint screens show a manager must be readable and agree with itself.</summary>
[Collection(nameof(ComplaintsBrowserCollection))]
public sealed class ComplaintScreenTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private async Task<IPage> AsAsync(string user, int width = 1280)
    {
        var page = await _b.NewPageAsync(width, 900);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    [Fact]
    public async Task Warning_links_name_their_complaints_on_the_metrics_page_and_the_managers_home()
    {
        var numbers = await _b.App.DbAsync(db => db.Set<Complaint>().ToDictionaryAsync(c => c.Id, c => c.Number));
        var manager = await AsAsync("manager");
        foreach (var url in new[] { "/complaints/metrics", "/" })
        {
            await manager.GotoAsync(url);
            var links = manager.Locator("[data-testid=warning] a");
            await links.First.WaitForAsync();
            foreach (var link in await links.AllAsync())
            {
                var id = Guid.Parse((await link.GetAttributeAsync("href"))!.Split('/').Last());
                Assert.Equal(numbers[id], (await link.InnerTextAsync()).Trim());
            }
            Assert.DoesNotContain("# #", await manager.InnerTextAsync("[data-testid=warnings]"));
        }
    }

    [Fact]
    public async Task The_headline_effective_rate_is_the_same_figure_as_the_monthly_chart()
    {
        var api = await (await _b.App.As("manager")).GetJsonAsync("/api/v1/complaint-metrics");
        var total = api.GetProperty("total");
        var trend = api.GetProperty("trend").EnumerateArray().ToList();
        var households = total.GetProperty("households").GetInt32();
        Assert.True(households > 0 && trend.Count > 1);
        // The period's figure is the mean of its months: the chart's points average to the headline.
        var monthly = trend.Select(t => (double)t.GetProperty("effective").GetInt32() / households).ToList();
        Assert.Equal(Math.Round(monthly.Average(), 4), total.GetProperty("effectiveRate").GetDouble(), 4);
        Assert.InRange(total.GetProperty("effectiveRate").GetDouble(), monthly.Min(), monthly.Max());

        var manager = await AsAsync("manager");
        await manager.GotoAsync("/complaints/metrics");
        var drawn = await manager.GetAttributeAsync("[data-testid=trend-chart]", "data-effective");
        var points = System
            .Text.Json.JsonSerializer.Deserialize<double?[]>(drawn!)!
            .Where(x => x is not null)
            .Select(x => x!.Value)
            .ToList();
        var headline = double.Parse(
            (await manager.InnerTextAsync("[data-testid=effective-rate]")).Trim().TrimEnd('%'),
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.InRange(headline, points.Min() - 0.05, points.Max() + 0.05);
        Assert.Contains(trend.Count.ToString(), await manager.InnerTextAsync("[data-testid=effective-rate-basis]"));
    }
}
