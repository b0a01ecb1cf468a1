using Microsoft.Playwright;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 员工座谈档案 on a phone: the project manager follows his home's talks line to the archive, sees the month's and the
/// quarter's progress, is answered field by field on an empty form, records a talk with an issue (the month's count goes up),
/// follows the issue up and closes it; then the same page in English.
/// </summary>
[Collection(nameof(StaffBrowserCollection))]
public sealed class TalkJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_project_manager_records_a_talk_on_a_phone_and_follows_up_its_issue()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/home/project");
        await page.Locator("[data-testid=task]", new() { HasTextRegex = new("本月员工座谈") }).First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/staff/talks"));
        await page.AssertFitsPhoneAsync();
        var progress = page.Locator("[data-testid=month-progress]");
        var held = int.Parse((await progress.InnerTextAsync()).Split('/')[0]);
        Assert.Matches(@"^\d+/\d+$", (await page.Locator("[data-testid=quarter-progress]").InnerTextAsync()).Trim());

        var form = page.Locator("[data-testid=new-talk]");
        await form.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=error-staffMemberId]");
        Assert.Equal(1, await page.Locator("[data-testid=error-topic]").CountAsync());
        Assert.Equal(held, int.Parse((await progress.InnerTextAsync()).Split('/')[0]));

        var who = await form.Locator("select[name=staffMemberId] option").Nth(1).InnerTextAsync();
        await form.Locator("select[name=staffMemberId]").SelectOptionAsync(new SelectOptionValue { Label = who });
        await form.Locator("input[name=topic]").FillAsync("个人发展与调岗意向");
        await form.Locator("textarea[name=notes]").FillAsync("希望轮岗学习弱电");
        await form.Locator("input[name=issue]").FillAsync("宿舍热水器坏了一周");
        await form.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Equal(held + 1, int.Parse((await progress.InnerTextAsync()).Split('/')[0]));
        var card = page.Locator("[data-testid=talk]", new() { HasText = "宿舍热水器坏了一周" });
        Assert.Equal(1, await card.Locator("[data-testid=talk-open]").CountAsync());
        await page.AssertFitsPhoneAsync();

        await card.Locator("input[name=followUp]").FillAsync("已报修，当天更换热水器");
        await card.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        var closed = page.Locator("[data-testid=talk]", new() { HasText = "宿舍热水器坏了一周" });
        Assert.Contains("已报修，当天更换热水器", await closed.Locator("[data-testid=talk-follow-up]").InnerTextAsync());
        Assert.Equal(0, await closed.Locator("[data-testid=talk-open]").CountAsync());

        await page.GotoAsync("/account/culture?c=en&returnUrl=%2Fstaff%2Ftalks");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Staff talks archive", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Record a talk", await page.Locator("[data-testid=new-talk]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();
    }
}
