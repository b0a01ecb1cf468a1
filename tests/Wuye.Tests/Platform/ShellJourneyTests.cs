using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

public sealed class ShellJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Browser;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task Each_demo_role_signs_in_and_lands_on_its_home_page_in_Chinese()
    {
        // One browser signed in as each account in turn (its cookies cleared between them, its cache kept as a phone's is).
        var page = await _b.NewPageAsync();
        foreach (var (user, _, role) in DemoAccounts.All)
        {
            await page.Context.ClearCookiesAsync();
            await BrowserApp.SignInAsync(page, user);
            var expectedHome = role == Roles.PlatformAdmin ? "/home/admin" : Roles.Find(role)!.Home;
            Assert.True(new Uri(page.Url).AbsolutePath.EndsWith(expectedHome, StringComparison.Ordinal), $"{user} landed on {page.Url}");
            Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
            Assert.Contains("您好", await page.InnerTextAsync("[data-testid=home-title]"));
            Assert.Contains(Roles.Find(role)!.Zh, await page.TitleAsync());
            if (role == Roles.Owner)
                Assert.Contains("幢", await page.InnerTextAsync("[data-testid=my-units]"));
            else
                Assert.Matches(@"\d", await page.InnerTextAsync("[data-testid=scope-stats]"));
        }
    }

    [Fact]
    public async Task The_company_home_draws_its_chart_from_the_records()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        await page.WaitForSelectorAsync("[data-testid=units-chart] canvas");
        var units = await page.GetAttributeAsync("[data-testid=units-chart]", "data-units");
        var expected = await _b.App.DbAsync(async db =>
        {
            var company = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Companies(), c =>
                c.Name.StartsWith("锦华")
            );
            return db.Projects()
                .Where(p => p.CompanyId == company.Id)
                .OrderBy(p => p.Name)
                .Select(p => db.Units().Count(u => u.ProjectId == p.Id))
                .ToList();
        });
        Assert.Equal("[" + string.Join(",", expected) + "]", units);
    }

    [Fact]
    public async Task Pages_fit_a_phone_without_sideways_scrolling()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "manager");
        foreach (var path in new[] { "/home/company", "/projects", "/account/sign-in" })
        {
            await page.GotoAsync(path);
            await page.AssertFitsPhoneAsync();
        }
    }

    [Fact]
    public async Task The_language_switch_shows_English_and_back()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "pm");
        await page.ClickAsync("[data-testid=culture-switch]");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Hello", await page.InnerTextAsync("[data-testid=home-title]"));
        await page.ClickAsync("[data-testid=culture-switch]");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");
    }

    [Fact]
    public async Task A_project_page_shows_its_zones_and_its_history_loaded_by_htmx()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync("/projects");
        await page.ClickAsync("[data-testid=projects] a >> nth=0");
        await page.WaitForSelectorAsync("[data-testid=project-name]");
        await page.WaitForSelectorAsync("[data-testid=history] .list-group-item");
        Assert.Contains("创建", await page.InnerTextAsync("[data-testid=history]"));
    }

    [Fact]
    public async Task Wrong_password_and_strangers_get_clear_pages()
    {
        var page = await _b.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#UserName", "manager");
        await page.FillAsync("#Password", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("用户名或密码错误", await page.InnerTextAsync("[data-testid=sign-in-error]"));

        await BrowserApp.SignInAsync(page, "manager2");
        var res = await page.GotoAsync($"/projects/{Guid.NewGuid()}");
        Assert.Equal(404, res!.Status);
        Assert.Contains("页面不存在", await page.InnerTextAsync("[data-testid=error-page]"));
        var forbidden = await page.GotoAsync("/home/admin");
        Assert.EndsWith("/home/company", new Uri(page.Url).AbsolutePath); // not theirs: sent to their own home
        Assert.Equal(200, forbidden!.Status);
    }
}
