using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// 公共收益 on a 375 px phone: the company manager finds the page under 收费, sets the owners' share, is answered field by field,
/// enters the last half year's income and expenses, sees the statement the app computes (and the half year on his home to-do
/// list), publishes it; the owner opens it from the message's link and the read count goes up; a correction publishes version
/// 2, and the owner's old version points to it.
/// </summary>
[Collection(nameof(FeesBrowserCollection))]
public sealed class PublicRevenueJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_manager_publishes_a_computed_half_year_the_owner_reads_it_from_the_message_and_a_correction_supersedes_it()
    {
        var site = await FeeTestKit.SiteAsync(_b.App, "公共收益旅程苑");
        await FeeTestKit.OwnerAsync(_b.App, site, site.Units[0], "revenue-journey-owner", "旅程业主 林先生");
        var half = HalfYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;

        var pm = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(pm, "manager");
        await pm.GotoAsync("/fees");
        await pm.ClickAsync("[data-testid=fees-public-revenue]");
        await pm.SelectOptionAsync("[data-testid=revenue-project]", site.Project.ToString());
        await pm.SelectOptionAsync("[data-testid=revenue-period]", $"{half.Year}-{half.Half}");
        await pm.ClickAsync("[data-testid=revenue-show]");
        await pm.Locator("[data-testid=revenue-no-entries]").WaitForAsync();

        await pm.FillAsync("[data-testid=revenue-share-percent]", "70");
        await pm.FillAsync("[data-testid=revenue-share-from]", half.Start.ToString("yyyy-MM-dd"));
        await pm.ClickAsync("[data-testid=revenue-share-save]");
        await pm.Locator("[data-testid=revenue-share]").WaitForAsync();
        Assert.Contains("70%", await pm.InnerTextAsync("[data-testid=revenue-share]"));

        // Nothing but a date: each missing field is answered beside it.
        await pm.ClickAsync("[data-testid=revenue-add]");
        await pm.Locator("[data-testid=error-counterparty]").WaitForAsync();
        Assert.Equal(1, await pm.Locator("[data-testid=error-amount]").CountAsync());
        Assert.Equal(1, await pm.Locator("[data-testid=error-category]").CountAsync());

        foreach (
            var (category, day, amount, who) in new[]
            {
                ("Parking", 20, "12345.67", "临停收费系统"),
                ("Advertising", 40, "3600", "电梯广告公司"),
                ("Maintenance", 60, "2980.33", "电梯井维修"),
            }
        )
        {
            await pm.SelectOptionAsync("[data-testid=revenue-category]", category);
            await pm.FillAsync("[data-testid=revenue-date]", half.Start.AddDays(day).ToString("yyyy-MM-dd"));
            await pm.FillAsync("[data-testid=revenue-amount]", amount);
            await pm.FillAsync("[data-testid=revenue-counterparty]", who);
            await pm.ClickAsync("[data-testid=revenue-add]");
            await pm.Locator("[data-testid=revenue-entry]").Filter(new() { HasText = who }).WaitForAsync();
        }
        // Income 12,345.67 + 3,600.00 = 15,945.67; expenses 2,980.33; net 12,965.34; 70 % = 9,075.738 → ¥9,075.74.
        Assert.Equal("¥15,945.67", await pm.InnerTextAsync("[data-testid=draft-income]"));
        Assert.Equal("¥2,980.33", await pm.InnerTextAsync("[data-testid=draft-expense]"));
        Assert.Equal("¥12,965.34", await pm.InnerTextAsync("[data-testid=draft-net]"));
        Assert.Equal("¥9,075.74", await pm.InnerTextAsync("[data-testid=draft-share]"));
        await pm.AssertFitsPhoneAsync();
        var ledger = pm.Url;

        // Ended, with entries, not published: a line on his home to-do list, leading to the page.
        await pm.GotoAsync(Roles.Find(Roles.CompanyManager)!.Home);
        await pm.ClickAsync("[data-testid=task][href^='/fees/public-revenue']");
        await pm.Locator("[data-testid=revenue-draft]").WaitForAsync();

        await pm.GotoAsync(ledger);
        await pm.ClickAsync("[data-testid=revenue-publish]");
        await pm.Locator("[data-testid=revenue-frozen]").WaitForAsync();
        Assert.Equal(0, await pm.Locator("[data-testid=revenue-entry-form]").CountAsync());
        Assert.Equal(0, await pm.Locator("[data-testid=revenue-delete]").CountAsync());
        Assert.EndsWith("0 / 1", (await pm.InnerTextAsync("[data-testid=revenue-reads]")).Trim());
        Assert.Equal("¥9,075.74", await pm.InnerTextAsync("[data-testid=revenue-version-share]"));

        await _b.App.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var owner = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(owner, "revenue-journey-owner");
        await owner.GotoAsync("/notifications");
        await owner.ClickAsync("[data-testid=notifications] a[href^='/portal/public-revenue?id=']");
        await owner.Locator("[data-testid=portal-statement-open]").WaitForAsync();
        Assert.Equal("¥9,075.74", await owner.InnerTextAsync("[data-testid=portal-share]"));
        Assert.Equal(3, await owner.Locator("[data-testid=portal-entry]").CountAsync());
        await owner.AssertFitsPhoneAsync();
        var version1 = owner.Url;

        await pm.ReloadAsync();
        Assert.EndsWith("1 / 1", (await pm.InnerTextAsync("[data-testid=revenue-reads]")).Trim());

        // The repair was the developer's warranty work, not the owners' cost: version 2 without it.
        await pm.Locator("[data-testid=revenue-correct-form] label").Filter(new() { HasText = "电梯井维修" }).Locator("input").CheckAsync();
        await pm.FillAsync("[data-testid=revenue-correct-reason]", "电梯井维修属开发商保修，不应计入公共收益支出");
        await pm.AssertFitsPhoneAsync();
        await pm.ClickAsync("[data-testid=revenue-correct]");
        await pm.Locator("[data-testid=revenue-version][data-version='2']").WaitForAsync();
        Assert.Equal(2, await pm.Locator("[data-testid=revenue-version]").CountAsync());

        await owner.GotoAsync(version1);
        await owner.Locator("[data-testid=portal-superseded]").WaitForAsync();
        await owner.ClickAsync("[data-testid=portal-latest]");
        await owner.Locator("[data-testid=portal-statement-open][data-version='2']").WaitForAsync();
        // 15,945.67 × 70 % = 11,161.969 → ¥11,161.97.
        Assert.Equal("¥11,161.97", await owner.InnerTextAsync("[data-testid=portal-share]"));
        Assert.Contains("开发商保修", await owner.InnerTextAsync("[data-testid=portal-reason]"));
        Assert.Equal(0, await owner.Locator("[data-testid=portal-superseded]").CountAsync());
        Assert.Equal(
            1,
            await _b.App.DbAsync(db =>
                db.Set<RevenueStatement>().CountAsync(s => s.ProjectId == site.Project && s.Status == StatementStatus.Published)
            )
        );
    }
}
