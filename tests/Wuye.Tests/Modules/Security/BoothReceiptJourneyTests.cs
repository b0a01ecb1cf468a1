using Microsoft.Playwright;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Booth fees on phones (375 px, 万科#6): the guard finds 岗亭收费 in the menu, takes a fee with one tap and voids the receipt the
/// driver left behind; the project manager follows the home line to the weekly reconciliation, sees the void with its reason, then
/// last week's demo figures with the gap the paper receipts left, and records the missing paper receipt, which closes the gap; then the
/// overdue CCTV duty from the home line, the monitoring center's CCTV check, and the metrics chart.
/// </summary>
[Collection(nameof(SecurityBrowserCollection))]
public sealed class BoothReceiptJourneyTests(SharedBrowser shared)
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    [Fact]
    public async Task The_guard_issues_and_voids_a_receipt_and_the_manager_reconciles_the_week_and_closes_a_gap()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        Assert.Equal(1, await page.Locator("[data-testid=nav-booth-receipts]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=nav-booth-reconciliation]").CountAsync());
        await page.GotoAsync("/security/booth");
        await page.AssertFitsPhoneAsync();
        await page.Locator("[data-testid=booth]").SelectOptionAsync(new SelectOptionValue { Label = "锦绣花园 · 东门岗" });
        await page.WaitForURLAsync("**/security/booth?post=*");
        await page.ClickAsync("label[for=method-WeChat]");
        await page.ClickAsync("[data-testid='quick-15']");
        var issued = page.Locator("[data-testid=issued]");
        var number = (await issued.GetAttributeAsync("data-number"))!;
        Assert.Contains("¥15.00 · 微信", await issued.InnerTextAsync());
        Assert.Equal(number, await page.Locator("[data-testid=void-last]").GetAttributeAsync("data-number"));
        await page.ClickAsync("[data-testid=void]");
        Assert.Contains($"东门岗 No.{number} 已作废", await page.Locator("[data-testid=done]").InnerTextAsync());
        Assert.Equal("true", await page.Locator($"[data-testid=receipts] [data-receipt='{number}']").GetAttributeAsync("data-voided"));
        Assert.Equal(0, await page.Locator("[data-testid=void-last]").CountAsync());
        await page.FillAsync("input[name=amount]", "abc");
        await page.ClickAsync("[data-testid=issue]");
        Assert.Contains("金额", await page.Locator("[data-testid=error]").InnerTextAsync());

        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await pm.ClickAsync("[data-testid=task]:has-text('近 7 天作废的岗亭收据')");
        await pm.WaitForURLAsync("**/security/booth/reconciliation");
        await pm.AssertFitsPhoneAsync();
        // Receipt numbers run per booth: the demo's voided paper receipts of the car park may carry the same number.
        var voids = pm.Locator($"[data-testid=voids] [data-void='{number}']:has-text('东门岗')");
        Assert.Contains("司机未取", await voids.InnerTextAsync());

        // Last week: the car park's paper receipts skipped a number.
        var monday = DateOnly.Parse((await pm.Locator("[data-testid=week]").InputValueAsync())!);
        await pm.FillAsync("[data-testid=week]", monday.AddDays(-7).ToString("yyyy-MM-dd"));
        await pm.ClickAsync("button:has-text('查看')");
        var gap = pm.Locator("[data-testid=gaps] [data-gap]").First;
        Assert.Contains("地库出入口 缺号", await gap.InnerTextAsync());
        var missing = (await gap.GetAttributeAsync("data-gap"))!.Split('-')[0];
        await pm.Locator("select[name=postId]").SelectOptionAsync(new SelectOptionValue { Label = "地库出入口" });
        await pm.FillAsync("input[name=serial]", missing);
        await pm.FillAsync("input[name=amount]", "10");
        await pm.FillAsync("input[name=issuedAt]", monday.AddDays(-5).ToString("yyyy-MM-dd") + "T15:00");
        await pm.ClickAsync("[data-testid=manual]");
        Assert.Contains("已补录手工收据 地库出入口", await pm.Locator("[data-testid=done]").InnerTextAsync());
        Assert.Equal("0", await pm.Locator("[data-testid=summary]").GetAttributeAsync("data-gaps"));
        Assert.Equal(1, await pm.Locator("[data-testid=no-gap]").CountAsync());

        // Duties: yesterday's CCTV check was missed, overdue on the manager's home; the monitoring center records today's check.
        await pm.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await pm.ClickAsync("[data-testid=task]:has-text('逾期的安保职责')");
        await pm.WaitForURLAsync("**/security/duties");
        await pm.AssertFitsPhoneAsync();
        Assert.Equal("true", await pm.Locator("[data-duty='监控中心录像机']").GetAttributeAsync("data-overdue"));
        var monitor = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(monitor, "monitor");
        await monitor.GotoAsync(Roles.Find(Roles.MonitoringCenter)!.Home);
        await monitor.ClickAsync("[data-testid=task]:has-text('今日待做的监控录像检查')");
        await monitor.WaitForURLAsync("**/security/duties");
        var cctv = monitor.Locator("[data-duty='监控中心录像机']");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await cctv.Locator("[data-testid=oldest]").FillAsync(today.AddDays(-32).ToString("yyyy-MM-dd"));
        await cctv.Locator("[data-testid=check]").ClickAsync();
        Assert.Equal("已记录", (await monitor.Locator("[data-testid=done]").InnerTextAsync()).Trim());
        Assert.Contains(
            "保存 32 天",
            await monitor.Locator($"[data-duty='监控中心录像机'] [data-check='{today:yyyy-MM-dd}']").InnerTextAsync()
        );
        Assert.Equal("false", await cctv.GetAttributeAsync("data-overdue"));

        // Metrics: the chart is drawn and the page fits a phone.
        Assert.Equal(1, await pm.Locator("[data-testid=nav-security-metrics]").CountAsync());
        await pm.GotoAsync("/security/metrics");
        await pm.Locator("#security-metrics-chart canvas").First.WaitForAsync();
        await pm.AssertFitsPhoneAsync();
        Assert.True(await pm.Locator("[data-testid=metrics-row]").CountAsync() > 0);
        await _b.CloseContextsAsync();
    }
}
