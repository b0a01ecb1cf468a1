using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Security.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>The guard's round on a 375 px phone: the menu, the day's rounds, the open round, a typed code checked in.</summary>
public sealed class PatrolJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly BrowserApp _b;

    public PatrolJourneyTests(TestCluster cluster)
    {
        // Tomorrow 10:05 in China: the demo's hourly car-park round of 10:00 is open (planned when the demo data was made).
        _clock = Clocks.At(new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1).AddHours(10).AddMinutes(5), China));
        _b = new BrowserApp(cluster, _clock);
    }

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task A_guard_checks_in_at_the_first_point_of_the_open_round_on_a_phone()
    {
        var code = await _b.App.DbAsync(db =>
            (
                from c in db.Set<PatrolCheckpoint>()
                join r in db.Set<PatrolRoute>() on c.PatrolRouteId equals r.Id
                where r.Name == "地库及设备房巡查" && c.Position == 1
                select c.Code
            ).FirstAsync()
        );
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        Assert.Equal(1, await page.Locator("[data-testid=nav-patrol]").CountAsync());
        await page.GotoAsync("/security/patrol");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=rounds] a[data-state=InProgress]:has-text('地库及设备房巡查')");
        await page.FillAsync("[data-testid=scan-code]", code.ToLowerInvariant());
        await page.ClickAsync("[data-testid=scan-submit]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal("Done", await page.GetAttributeAsync("[data-point='地库入口岗']", "data-state"));
        await page.AssertFitsPhoneAsync();
        // A code of no checkpoint is a message on the page, not an error page.
        await page.FillAsync("[data-testid=scan-code]", "ZZZZZZ");
        await page.ClickAsync("[data-testid=scan-submit]");
        Assert.Contains("没有这个巡更点", await page.Locator("[data-testid=error]").InnerTextAsync());
    }
}
