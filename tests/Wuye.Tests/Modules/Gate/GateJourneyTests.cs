using Microsoft.Extensions.Time.Testing;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// On 375 px phones: an owner makes a pass on the portal, the guard checks it in and out at the gate console by its code, a second
/// entry beyond its count is refused, and another pass is refused once its window has passed.
/// </summary>
public sealed class GateJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(10), China));
    private readonly BrowserApp _b;

    public GateJourneyTests(TestCluster cluster) => _b = new BrowserApp(cluster, _clock);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    private static async Task<string> PassAsync(Microsoft.Playwright.IPage owner, string name)
    {
        await owner.GotoAsync("/portal/visitors");
        await owner.FillAsync("[data-testid=visitor-name]", name);
        await owner.FillAsync("input[name=validFrom]", $"{Day:yyyy-MM-dd}T10:00");
        await owner.FillAsync("[data-testid=valid-to]", $"{Day:yyyy-MM-dd}T10:30");
        await owner.FillAsync("[data-testid=max-entries]", "1");
        await owner.ClickAsync("[data-testid=visitor-submit]");
        return (await owner.Locator("[data-testid=pass-code]").InnerTextAsync()).Trim();
    }

    private static async Task ScanAsync(Microsoft.Playwright.IPage guard, string code)
    {
        await guard.FillAsync("[data-testid=scan-code]", code.ToLowerInvariant());
        await guard.ClickAsync("[data-testid=scan-submit]");
        await guard.WaitForLoadStateAsync();
    }

    [Fact]
    public async Task An_owners_visitor_is_checked_in_and_out_at_the_gate_and_a_used_up_or_expired_pass_is_refused()
    {
        var owner = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(owner, "owner");
        Assert.Equal(1, await owner.Locator("[data-testid=nav-visitors]").CountAsync());
        var code = await PassAsync(owner, "表哥 钱立");
        Assert.Equal(8, code.Length);
        await owner.AssertFitsPhoneAsync();
        var late = await PassAsync(owner, "同学 孙悦");

        var guard = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(guard, "guard");
        Assert.Equal(1, await guard.Locator("[data-testid=nav-gate]").CountAsync());
        await guard.GotoAsync("/gate");
        await guard.AssertFitsPhoneAsync();
        await ScanAsync(guard, code);
        Assert.Equal("in", await guard.GetAttributeAsync("[data-testid=scan-result]", "data-direction"));
        Assert.Equal(1, await guard.Locator("[data-testid=inside] [data-name='表哥 钱立']").CountAsync());
        await ScanAsync(guard, code);
        Assert.Equal("out", await guard.GetAttributeAsync("[data-testid=scan-result]", "data-direction"));
        await ScanAsync(guard, code);
        Assert.Contains("次进入已用完", await guard.Locator("[data-testid=error]").InnerTextAsync());
        await guard.AssertFitsPhoneAsync();

        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(10).AddMinutes(31), China).ToUniversalTime());
        await ScanAsync(guard, late);
        Assert.Contains("过期", await guard.Locator("[data-testid=error]").InnerTextAsync());
        // The owner sees the pass used.
        await owner.GotoAsync("/portal/visitors");
        Assert.Equal(1, await owner.Locator("[data-testid=pass][data-name='表哥 钱立']").CountAsync());
    }
}
