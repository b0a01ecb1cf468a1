using Microsoft.Playwright;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 排班 on phones: the project manager follows his home's leave line to the roster, sees the week's demo roster, approves the
/// technician's leave, is answered field by field on an empty form, and fills next week's Monday with the technician on the
/// flexible shift; the technician opens 我的排班 from the menu, finds that shift among his own, asks for leave (field errors
/// first) and sees it pending; then the page in English.
/// </summary>
// Its own app, not StaffBrowserCollection's — though it failed the same way on its own app in the next whole run: the
// technician's click on 我的排班 did not reach /staff/rosters within 30 s (CI, 5 December, three times); never reproduced
// alone. The click now waits for the menu to finish opening (BrowserApp.FollowMenuAsync).
public sealed class RosterJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_manager_fills_the_week_and_decides_leave_and_a_technician_sees_his_shifts_on_a_phone()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await page.Locator("[data-testid=task]", new() { HasTextRegex = new("待审批的请假") }).First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/staff/rosters"));
        Assert.True(await page.Locator("[data-testid=entry]").CountAsync() > 0, "the demo roster fills the current week");
        await page.AssertFitsPhoneAsync();

        var leave = page.Locator("[data-testid=leave]", new() { HasText = "家中有事" }).First;
        await leave.Locator("[data-testid=approve]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Equal(0, await page.Locator("[data-testid=leave]", new() { HasText = "家中有事" }).CountAsync());

        await page.ClickAsync("[data-testid=next-week]");
        await page.WaitForURLAsync(u => u.Contains("week="));
        var form = page.Locator("[data-testid=new-entry]");
        await form.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=error-shiftId]");
        Assert.Equal(1, await page.Locator("[data-testid=error-postId]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=error-staffMemberId]").CountAsync());

        form = page.Locator("[data-testid=new-entry]");
        var monday = await form.Locator("select[name=day] option").First.GetAttributeAsync("value");
        await form.Locator("select[name=shiftId]").SelectOptionAsync(new SelectOptionValue { Label = "弹性班 10:00-19:00" });
        await form.Locator("select[name=postId]").SelectOptionAsync(new SelectOptionValue { Label = "维修弹性岗" });
        await form.Locator("select[name=staffMemberId]").SelectOptionAsync(new SelectOptionValue { Label = "周师傅" });
        await form.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        var day = page.Locator($"[data-testid=day][data-day='{monday}']");
        Assert.Equal(1, await day.Locator("[data-testid=entry][data-name=周师傅]").CountAsync());
        await page.AssertFitsPhoneAsync();

        var tech = await _b.NewPageAsync(375, 800);
        // What the technician's browser navigated to, for the message if 我的排班 does not open (see the class comment).
        var trail = new List<string>();
        tech.Request += (_, r) =>
        {
            if (r.IsNavigationRequest)
                lock (trail)
                    trail.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {r.Method} {r.Url}");
        };
        tech.Response += (_, r) =>
        {
            if (r.Request.IsNavigationRequest)
                lock (trail)
                    trail.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {r.Status} {r.Url}");
        };
        await BrowserApp.SignInAsync(tech, "tech");
        await tech.GotoAsync(Roles.Find(Roles.Technician)!.Home);
        await BrowserApp.FollowMenuAsync(tech, "nav-rosters");
        try
        {
            await tech.WaitForURLAsync(u => u.Contains("/staff/rosters"));
        }
        catch (TimeoutException e)
        {
            // Failed twice in whole CI runs, never alone: say where the browser was.
            var menu = await tech.EvaluateAsync<string>("document.querySelector('#main-nav')?.className ?? ''");
            string seen;
            lock (trail)
                seen = string.Join("; ", trail);
            throw new TimeoutException(
                $"the technician's 我的排班 did not open: still at {tech.Url}, menu '{menu}', navigations: {seen}",
                e
            );
        }
        Assert.Contains(await tech.Locator("[data-testid=my-shift]").AllInnerTextsAsync(), t =>
            t.Contains("维修弹性岗") && t.Contains(monday![5..])
        );
        var ask = tech.Locator("[data-testid=new-leave]");
        await ask.Locator("button").ClickAsync();
        await tech.WaitForSelectorAsync("[data-testid=error-reason]");
        Assert.Equal(1, await tech.Locator("[data-testid=error-fromDay]").CountAsync());
        ask = tech.Locator("[data-testid=new-leave]");
        var later = DateOnly.Parse(monday!).AddDays(14).ToString("yyyy-MM-dd");
        await ask.Locator("input[name=fromDay]").FillAsync(later);
        await ask.Locator("input[name=toDay]").FillAsync(later);
        await ask.Locator("input[name=reason]").FillAsync("回老家办证");
        await ask.Locator("button").ClickAsync();
        await tech.WaitForSelectorAsync("[data-testid=done]");
        Assert.True(await tech.Locator("[data-testid=my-leave][data-status=Pending]").CountAsync() >= 1);
        await tech.AssertFitsPhoneAsync();

        await tech.GotoAsync("/account/culture?c=en&returnUrl=%2Fstaff%2Frosters");
        await tech.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Duty roster", await tech.Locator("h1").InnerTextAsync());
        Assert.Contains("My shifts", await tech.Locator("[data-testid=my-shifts]").InnerTextAsync());
        await tech.AssertFitsPhoneAsync();
    }
}
