using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Security.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Safety tips on phones (375 px), moved clock: the demo 22:00 tip to 东门岗 reaches the guard's home to-do list and is acknowledged
/// on the tips page (Chinese); the monitoring center (English) sees the push acknowledged, adds a tip to the library, is told field by
/// field when a slot is wrong, and schedules it to the patrol post.
/// </summary>
public sealed class SafetyTipJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly BrowserApp _b;

    public SafetyTipJourneyTests(TestCluster cluster)
    {
        _clock = Clocks.At(new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1).AddHours(22).AddSeconds(20), China));
        _b = new BrowserApp(cluster, _clock);
    }

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task A_guard_acknowledges_a_tip_on_a_phone_and_the_center_keeps_the_library()
    {
        await _b.App.Services.GetRequiredService<SafetyTipJob>().RunOnceAsync();
        _clock.Advance(TimeSpan.FromMinutes(2));

        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync("/home/security");
        await page.ClickAsync("[data-testid=task]:has-text('待确认的安全提示')");
        await page.WaitForURLAsync("**/security/tips");
        await page.AssertFitsPhoneAsync();
        var tip = page.Locator("[data-testid=my-tip][data-tip='电动车充电']");
        Assert.Contains("飞线充电", await tip.InnerTextAsync());
        await tip.Locator("[data-testid=ack]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=my-tip] [data-testid=ack]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=library]").CountAsync());

        var center = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(center, "monitor");
        await center.ClickAsync("[data-testid=culture-switch]");
        await center.WaitForSelectorAsync("html[lang=en]");
        await center.GotoAsync("/security/tips");
        await center.AssertFitsPhoneAsync();
        Assert.Equal("acknowledged", await center.Locator("[data-delivery='东门岗 电动车充电']").GetAttributeAsync("data-state"));
        Assert.Contains("Acknowledged", await center.Locator("[data-delivery='东门岗 电动车充电']").InnerTextAsync());

        await center.FillAsync("input[name=title]", "巡查垃圾房");
        await center.FillAsync("textarea[name=body]", "夜间留意垃圾房烟头和明火。");
        await center.ClickAsync("[data-testid=add-tip]");
        await center.Locator("[data-testid=done]").WaitForAsync();
        var item = center.Locator("[data-testid=library] [data-tip='巡查垃圾房']");
        await item.Locator("select[name=securityPostId]")
            .SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "巡逻岗" });
        await item.Locator("input[name=slot]").FillAsync("23:30-23:00");
        await item.Locator("[data-testid=schedule]").ClickAsync();
        Assert.Contains("HH:mm-HH:mm", await center.Locator("[data-testid=error]").InnerTextAsync());
        item = center.Locator("[data-testid=library] [data-tip='巡查垃圾房']");
        await item.Locator("select[name=securityPostId]")
            .SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "巡逻岗" });
        await item.Locator("input[name=slot]").FillAsync("23:00-23:30");
        await item.Locator("[data-testid=schedule]").ClickAsync();
        await center.Locator("[data-testid=done]").WaitForAsync();
        Assert.Contains(
            "巡逻岗 23:00-23:30",
            await center.Locator("[data-testid=library] [data-tip='巡查垃圾房'] [data-testid=schedules]").InnerTextAsync()
        );
        await center.AssertFitsPhoneAsync();
    }
}
