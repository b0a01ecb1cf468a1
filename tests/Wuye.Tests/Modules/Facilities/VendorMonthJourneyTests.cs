using Microsoft.Playwright;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The vendors' month on a 375 px phone: the project manager records this month's meeting from the menu (an empty form answered on
/// its fields) with an action, closes last month's overdue action with a note, names the best vendor employee from the suggested
/// nominees, and sees both on the scorecards; the technician has no menu entry but opens the page for the action he follows; the
/// steward opens the zones' upkeep ranking.
/// </summary>
[Collection(nameof(FacilitiesBrowserCollection))]
public sealed class VendorMonthJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_manager_records_the_meeting_follows_its_actions_and_names_the_employee_of_the_month()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await BrowserApp.FollowMenuAsync(pm, "nav-facilities-vendor-meetings");
        await pm.WaitForURLAsync("**/facilities/vendor-meetings");
        await pm.AssertFitsPhoneAsync();
        await pm.ClickAsync("[data-testid=record-submit]");
        Assert.Contains("外包单位", await pm.Locator("[data-testid=error]").InnerTextAsync());

        await pm.Locator("[data-testid=vendors] input[type=checkbox]").First.CheckAsync();
        await pm.FillAsync("[data-testid=minutes]", "通报本月考评");
        await pm.Locator("[data-testid=action-vendor]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await pm.FillAsync("[data-testid=action-what]", "走廊灯罩清洗");
        await pm.Locator("[data-testid=action-owner]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await pm.FillAsync("[data-testid=action-due]", $"{today.AddDays(7):yyyy-MM-dd}");
        await pm.ClickAsync("[data-testid=record-submit]");
        await pm.Locator("[data-testid=meeting]").WaitForAsync();
        Assert.Equal(1, await pm.Locator("[data-testid=meeting-actions] [data-what='走廊灯罩清洗'][data-done=false]").CountAsync());
        await pm.AssertFitsPhoneAsync();

        // Last month's action the demo gave him is overdue: closed with a note.
        var overdue = pm.Locator("[data-testid=my-actions] [data-overdue=true]").First;
        var id = await overdue.GetAttributeAsync("data-action");
        await overdue.Locator("[data-testid=close-note]").FillAsync("已增派人手冲洗完毕");
        await overdue.Locator("[data-testid=close-submit]").ClickAsync();
        await pm.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(0, await pm.Locator($"[data-testid=my-actions] [data-action='{id}']").CountAsync());

        await BrowserApp.FollowMenuAsync(pm, "nav-facilities-vendor-stars");
        await pm.WaitForURLAsync("**/facilities/vendor-stars");
        var nominee = pm.Locator("[data-testid=nominees] [data-staff]").First;
        var name = await nominee.GetAttributeAsync("data-name");
        await nominee.Locator("input[type=radio]").CheckAsync();
        await pm.FillAsync("[data-testid=reason]", "本月责任区作业按时完成，抽查全部合格");
        await pm.ClickAsync("[data-testid=name-submit]");
        await pm.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(1, await pm.Locator($"[data-testid=stars] [data-month='{today:yyyy-MM}'][data-name='{name}']").CountAsync());
        Assert.Equal(0, await pm.Locator("[data-testid=name-form]").CountAsync());
        await pm.AssertFitsPhoneAsync();

        await pm.GotoAsync("/facilities/vendors");
        Assert.Equal(1, await pm.Locator($"[data-testid=vendor-star][data-name='{name}']").CountAsync());
        Assert.True(await pm.Locator("[data-testid=vendor-actions]").CountAsync() >= 1);
        await pm.AssertFitsPhoneAsync();

        var tech = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(tech, "tech");
        Assert.Equal(0, await tech.Locator("[data-testid=nav-facilities-vendor-meetings]").CountAsync());
        await tech.GotoAsync("/facilities/vendor-meetings");
        Assert.True(await tech.Locator("[data-testid=my-actions] [data-action]").CountAsync() >= 1);
        Assert.Equal(0, await tech.Locator("[data-testid=record-form]").CountAsync());
        await tech.AssertFitsPhoneAsync();

        // The zone's steward opens the zones' upkeep ranking from the menu; the technician has no entry for it.
        Assert.Equal(0, await tech.Locator("[data-testid=nav-facilities-zones]").CountAsync());
        var steward = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(steward, "steward");
        await BrowserApp.FollowMenuAsync(steward, "nav-facilities-zones");
        await steward.WaitForURLAsync("**/facilities/zones");
        Assert.Equal("1", await steward.Locator("[data-testid=zones] [data-rank]").First.GetAttributeAsync("data-rank"));
        await steward.AssertFitsPhoneAsync();
    }
}
