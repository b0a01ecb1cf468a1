using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Wuye.Tests.Infrastructure;

namespace Wuye.Tests.Browser;

/// <summary>The app served by Kestrel on a free loopback port, and Debian's Chromium driven by Playwright; optionally on a test clock.</summary>
public sealed class BrowserApp(TestCluster cluster, TestClock? clock = null) : IAsyncLifetime
{
    public WuyeApp App { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        App = new WuyeApp(cluster, await cluster.CloneAsync()) { Clock = clock };
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WUYE_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        context.SetDefaultTimeout(15000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string user, string password = "Wuye@2026")
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/sign-in"));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }
}
