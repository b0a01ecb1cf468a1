using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

public sealed class WaveJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly FakeTimeProvider _clock;
    private readonly BrowserApp _b;
    private readonly DateTime _start;

    public WaveJourneyTests(TestCluster cluster)
    {
        // Tomorrow 07:00 in China: in the future, so sign-in cookies stay valid; the campaign starts then.
        _start = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1).AddHours(7);
        _clock = Clocks.At(new DateTimeOffset(_start, China).ToUniversalTime());
        _b = new BrowserApp(cluster, _clock);
    }

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    private async Task SlotAsync(IPage page, int i, string team, string member, string project, int fromHour, int hours)
    {
        var at = $"slots[{i}]";
        await page.FillAsync($"[name='{at}.teamName']", team);
        await page.SelectOptionAsync($"[name='{at}.memberUserIds']", new SelectOptionValue { Label = member });
        await page.SelectOptionAsync($"[name='{at}.projectId']", new SelectOptionValue { Label = project });
        await page.FillAsync($"[name='{at}.startsAt']", _start.AddHours(fromHour).ToString("yyyy-MM-ddTHH:mm"));
        await page.FillAsync($"[name='{at}.endsAt']", _start.AddHours(fromHour + hours).ToString("yyyy-MM-ddTHH:mm"));
    }

    [Fact]
    public async Task A_campaign_of_three_teams_over_24_hours_is_planned_on_a_phone_a_slot_is_recorded_in_time_and_the_summary_counts_it()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "inspector");
        await page.GotoAsync("/inspections/waves");
        await page.AssertFitsPhoneAsync();

        // Three teams: the morning at 锦绣花园, the afternoon at 阳光水岸, and the small hours at 国贸中心.
        await page.FillAsync("#wv-name", "节前海浪式安全检查");
        await SlotAsync(page, 0, "第一组", "品质部 陈督察", "锦绣花园", 0, 3);
        await SlotAsync(page, 1, "第二组", "张总经理", "阳光水岸", 6, 3);
        await page.Locator("label:has-text('添加第 3 个时段') input").CheckAsync();
        await SlotAsync(page, 2, "第三组", "张总经理", "国贸中心", 18, 3);
        await page.ClickAsync("[data-testid=wave-form] button[type=submit]");

        var wave = page.Locator("[data-testid=wave][data-name='节前海浪式安全检查']");
        await wave.WaitForAsync();
        Assert.Contains("3 个组，覆盖 9/24 小时", await wave.InnerTextAsync());
        Assert.Contains("完成 0，错过 0，待进行 3", await wave.Locator("[data-testid=wave-summary]").InnerTextAsync());
        Assert.Contains("01:00", await wave.Locator("[data-testid=wave-slot]").Last.InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        // 07:00: only the first slot is under way, and the inspector is its member: record its inspection from the slot.
        Assert.Equal(1, await wave.Locator("[data-testid=record-slot]").CountAsync());
        await wave.Locator("[data-testid=record-slot]").ClickAsync();
        await page.Locator("[data-testid=wave-slot-note]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.FillAsync("#place", "地下车库");
        var card = page.Locator("[data-testid=check-card]").First;
        await card.Locator("input[data-include]").CheckAsync();
        await card.Locator("input[name$='.sampleCount']").FillAsync("3");
        await card.Locator("select[data-finding-type]").SelectOptionAsync("rectification");
        await card.Locator("textarea[name$='.description']").FillAsync("车库消防通道有电动车停放");
        await card.Locator("input[name$='.requiredAction']").FillAsync("清理并张贴禁停标识");
        await page.ClickAsync("[data-testid=submit-inspection]");
        await page.WaitForURLAsync(u => u.EndsWith("/inspections/waves"));

        wave = page.Locator("[data-testid=wave][data-name='节前海浪式安全检查']");
        Assert.Contains("完成 1，错过 0，待进行 2", await wave.Locator("[data-testid=wave-summary]").InnerTextAsync());
        var done = wave.Locator("[data-testid=wave-slot][data-status=done]");
        Assert.Equal(1, await done.CountAsync());
        Assert.Contains("锦绣花园", await done.InnerTextAsync());
        Assert.Contains("发现问题 1 项", await done.InnerTextAsync());
        Assert.Equal(0, await wave.Locator("[data-testid=record-slot]").CountAsync());
        await page.AssertFitsPhoneAsync();

        // 17:00: the afternoon wave at 阳光水岸 passed without an inspection; the summary says so.
        _clock.Advance(TimeSpan.FromHours(10));
        await page.ReloadAsync();
        wave = page.Locator("[data-testid=wave][data-name='节前海浪式安全检查']");
        Assert.Contains("完成 1，错过 1，待进行 1", await wave.Locator("[data-testid=wave-summary]").InnerTextAsync());
        Assert.Contains("阳光水岸", await wave.Locator("[data-testid=wave-slot][data-status=missed]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();
    }
}
