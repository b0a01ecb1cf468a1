using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Wuye.Platform.Demo;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// Issue 21: every demo role's home page and every page in its menu, at 1280 px: each badge's text
/// meets WCAG AA contrast (4.5:1, <see cref="TextContrast"/>), and no emoji stands in for an icon (it
/// shows as an empty box where no emoji font is installed).
/// </summary>
public sealed partial class ReadableScreenTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Browser;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [GeneratedRegex(@"[\u2600-\u27BF\u2B00-\u2BFF\uFE0F]|\p{Cs}")]
    private static partial Regex Emoji();

    public static TheoryData<string> Accounts => [.. DemoAccounts.All.Select(a => a.User)];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_badge_on_a_roles_main_pages_is_readable_and_no_emoji_is_an_icon(string user)
    {
        var page = await _b.NewPageAsync(1280, 900);
        await BrowserApp.SignInAsync(page, user);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(1, await page.Locator("[data-testid=bell] svg").CountAsync());
        var urls = (
            await page.Locator("#main-nav a.nav-link[href^='/']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))")
        )
            .Distinct()
            .ToList();
        var failures = new List<TextContrast.Failure>();
        var emoji = new List<string>();
        foreach (var url in urls.Prepend("/"))
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            failures.AddRange(await page.FailuresAsync());
            var text = await page.EvaluateAsync<string>(
                "() => document.body.innerText + ' ' + [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map(e => "
                    + "(e.getAttribute('aria-label') || '') + (e.getAttribute('title') || '') + (e.getAttribute('placeholder') || "
                    + "'')).join(' ')"
            );
            emoji.AddRange(Emoji().Matches(text).Select(m => $"{url}: {m.Value}"));
        }
        Assert.True(
            failures.Count == 0,
            $"{user}: badges under 4.5:1\n" + string.Join("\n", failures.DistinctBy(f => (f.Classes, f.Color, f.Background)))
        );
        Assert.True(emoji.Count == 0, $"{user}: emoji on the page\n" + string.Join("\n", emoji.Distinct()));
    }
}
