using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Wuye.Tests.Kit.Chromium))]

namespace Wuye.Tests.Kit;

/// <summary>
/// Debian's Chromium driven by Playwright, launched once for the whole test run (on first use) and
/// closed at its end; each test class gets browser contexts of its own, so nothing is shared but the process.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true } ready)
            return ready;
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } b)
                return b;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(
                new()
                {
                    ExecutablePath = Environment.GetEnvironmentVariable("WUYE_CHROMIUM") ?? "/usr/bin/chromium",
                    Headless = true,
                    Args =
                    [
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                    ],
                }
            );
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The app served by Kestrel on a free loopback port, browsed with the run's Chromium; optionally on a test clock.</summary>
public sealed class BrowserApp(TestCluster cluster, TimeProvider? clock = null, Dictionary<string, string?>? settings = null)
    : IAsyncLifetime
{
    public WuyeApp App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A setting's value replaced by the app's own address once its port is chosen (e.g. the payment gateway's
    /// PublicBaseUrl).</summary>
    public const string Self = "{self}";

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        var own = settings?.ToDictionary(kv => kv.Key, kv => kv.Value == Self ? $"http://127.0.0.1:{port}" : kv.Value);
        App = new WuyeApp(cluster, await cluster.CloneAsync(), settings: own) { Clock = clock };
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        // The app sets the sign-in cookie to expire 12 h after its own clock; the browser judges it by the real time, so a
        // clock more than 12 h behind signs nobody in — and one a few hours behind only from some hour of the day on.
        if (clock is not null && clock.GetUtcNow() < DateTimeOffset.UtcNow.AddHours(-1))
            throw new InvalidOperationException(
                $"The app's clock ({clock.GetUtcNow():u}) is behind the real time: a browser test's clock must be now or ahead."
            );
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(
            new()
            {
                BaseURL = BaseUrl,
                ViewportSize = new() { Width = width, Height = height },
                Locale = "en-US",
            }
        );
        lock (_contexts)
            _contexts.Add(context);
        context.SetDefaultTimeout(15000);
        // A page load waits longer than an element: on two shared cores a heavy neighbour (the 30 MB import, the kill -9 run) once
        // held the sign-in page past 15 s.
        context.SetDefaultNavigationTimeout(30000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// On a phone: opens the menu with its toggler and follows one of its links once the menu has finished opening. Bootstrap's
    /// collapse animates the menu's height (`collapsing`, then `show`); on a saturated machine a click while it still grows can
    /// be taken by the page under the clipped link, and the page stays where it was.
    /// </summary>
    public static async Task FollowMenuAsync(IPage page, string testId)
    {
        await page.ClickAsync(".navbar-toggler");
        await page.Locator("#main-nav.show").WaitForAsync();
        await page.ClickAsync($"#main-nav [data-testid={testId}]");
    }

    public static async Task SignInAsync(IPage page, string user, string password = "Wuye@2026")
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await page.WaitForURLAsync(u => !u.Contains("/account/sign-in"));
        }
        catch (TimeoutException e)
        {
            // Say where the browser is: the sign-in page again (its error text) or a page that never finished loading.
            var text = await page.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''");
            throw new TimeoutException($"{user} signing in: still at {page.Url}: {text[..Math.Min(text.Length, 400)]}", e);
        }
    }

    /// <summary>Closes the pages opened so far (a test on a <see cref="SharedBrowser"/> closes its own).</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }
        foreach (var c in open)
            await c.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseContextsAsync();
        await App.DisposeAsync();
    }
}

public static class PageChecks
{
    /// <summary>Fails when the page scrolls sideways at its width (a 375 px phone in the journeys).</summary>
    public static async Task AssertFitsPhoneAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a {page.ViewportSize?.Width ?? 375}px phone");
    }
}
