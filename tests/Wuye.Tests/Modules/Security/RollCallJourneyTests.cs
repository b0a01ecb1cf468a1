using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Security.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// The night roll-call on phones (375 px), moved clock: the 22:00 call reaches the guard's home to-do list, the guard answers "到",
/// the monitoring center's console shows the answer with its response time, and its post board shows the guard on the east gate.
/// </summary>
public sealed class RollCallJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly BrowserApp _b;

    public RollCallJourneyTests(TestCluster cluster)
    {
        _clock = Clocks.At(new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1).AddHours(22).AddSeconds(20), China));
        _b = new BrowserApp(cluster, _clock);
    }

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task A_guard_answers_the_roll_call_on_a_phone_and_the_console_shows_it()
    {
        await _b.App.Services.GetRequiredService<RollCallJob>().RunOnceAsync();
        _clock.Advance(TimeSpan.FromSeconds(40));

        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync("/home/security");
        await page.ClickAsync("[data-testid=task]:has-text('待应答的夜间点名')");
        await page.WaitForURLAsync("**/security/roll-calls");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=my-call] [data-testid=ack]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=my-call]").CountAsync());

        var console = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(console, "monitor");
        await console.GotoAsync("/security/roll-calls");
        await console.AssertFitsPhoneAsync();
        var east = console.Locator("[data-call='东门岗 22:00']");
        Assert.Equal("Answered", await east.GetAttributeAsync("data-state"));
        Assert.Contains("40 秒应答", await east.InnerTextAsync());
        Assert.Equal(3, await console.Locator("[data-testid=calls] [data-state=Waiting] [data-testid=verbal]").CountAsync());
        await console.GotoAsync("/security/posts");
        await console.AssertFitsPhoneAsync();
        Assert.Contains("吴强", await console.Locator("[data-post='东门岗'] [data-testid=on-now]").InnerTextAsync());
    }
}
