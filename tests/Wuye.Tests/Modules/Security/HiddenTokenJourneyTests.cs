using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Hidden tokens on phones (375 px), moved clock: the supervisor (English) records a token hidden for 东门岗 and is told the code to
/// write on it; the guard (Chinese) sees the line on the home to-do list, not the place, finds the token and enters the code; the
/// supervisor's page shows it found with the time it took, and the month's ranking.
/// </summary>
public sealed partial class HiddenTokenJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly BrowserApp _b;

    public HiddenTokenJourneyTests(TestCluster cluster)
    {
        _clock = Clocks.At(new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1).AddHours(21), China));
        _b = new BrowserApp(cluster, _clock);
    }

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [GeneratedRegex("code ([A-Z0-9]{6})")]
    private static partial Regex CodeRe();

    [Fact]
    public async Task The_supervisor_hides_a_token_and_the_guard_finds_it_on_a_phone()
    {
        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.ClickAsync("[data-testid=culture-switch]");
        await pm.WaitForSelectorAsync("html[lang=en]");
        await pm.GotoAsync("/security/tokens");
        await pm.AssertFitsPhoneAsync();
        await pm.Locator("select[name=securityPostId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "东门岗" });
        await pm.ClickAsync("[data-testid=hide]");
        Assert.Contains("required", (await pm.Locator("[data-testid=error]").InnerTextAsync()).ToLowerInvariant());
        await pm.Locator("select[name=securityPostId]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "东门岗" });
        await pm.FillAsync("input[name=place]", "1 幢大堂消防栓箱内");
        await pm.ClickAsync("[data-testid=hide]");
        var code = CodeRe().Match(await pm.Locator("[data-testid=done]").InnerTextAsync()).Groups[1].Value;
        Assert.Equal(6, code.Length);

        _clock.Advance(TimeSpan.FromMinutes(35));
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync("/home/security");
        await page.ClickAsync("[data-testid=task]:has-text('今晚待寻找的搜寻棒')");
        await page.WaitForURLAsync("**/security/tokens");
        await page.AssertFitsPhoneAsync();
        var mine = page.Locator("[data-testid=tokens] [data-token='东门岗'][data-state=hidden]");
        Assert.DoesNotContain("消防栓", await mine.InnerTextAsync());
        await page.FillAsync("#code", "WRONG1");
        await page.ClickAsync("[data-testid=found]");
        Assert.Contains("没有这个搜寻棒编码", await page.Locator("[data-testid=error]").InnerTextAsync());
        await page.FillAsync("#code", code);
        await page.ClickAsync("[data-testid=found]");
        Assert.Contains("用时 35 分钟", await page.Locator("[data-testid=done]").InnerTextAsync());

        await pm.GotoAsync("/security/tokens");
        var row = pm.Locator("[data-testid=tokens] [data-token='东门岗'][data-state=found]");
        Assert.Contains("35 min", await row.InnerTextAsync());
        Assert.Contains("found", await pm.Locator("[data-testid=ranking] [data-rank='东门岗']").InnerTextAsync());
        await pm.AssertFitsPhoneAsync();
    }
}
