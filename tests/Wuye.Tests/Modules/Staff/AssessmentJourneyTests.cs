using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 月度考核 on phones: the project manager follows his home's line to last month's closed ranking (the demo's, computed from its
/// records), sees the people and teams ranked with the formula, marks a project's ranking reviewed, and reads the page in
/// English; the technician opens the 考核 tab from his exams and sees his own score.
/// </summary>
[Collection(nameof(StaffBrowserCollection))]
public sealed class AssessmentJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_manager_reviews_last_months_ranking_and_a_technician_sees_his_score_on_a_phone()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await page.Locator("[data-testid=task]", new() { HasTextRegex = new("月度考核排名待审阅") }).First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/staff/assessments"));
        Assert.True(await page.Locator("[data-testid=person-score]").CountAsync() > 0, "the demo's closed month ranks its staff");
        Assert.True(await page.Locator("[data-testid=formula]").CountAsync() == 1);
        Assert.True(await page.Locator("[data-testid=indicators]").CountAsync() > 0, "the 002 indicators on the same page");
        await page.AssertFitsPhoneAsync();
        var before = await page.Locator("[data-testid=review]").CountAsync();
        Assert.True(before > 0);
        await page.Locator("[data-testid=review]").First.ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Equal(before - 1, await page.Locator("[data-testid=review]").CountAsync());
        await page.AssertFitsPhoneAsync();
        await page.GotoAsync("/account/culture?c=en&returnUrl=%2Fstaff%2Fassessments");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Staff assessment", await page.Locator("h1").InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        var tech = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(tech, "tech");
        await tech.GotoAsync("/staff/exams");
        await tech.ClickAsync("[data-testid=tab-assessments]");
        await tech.WaitForURLAsync(u => u.Contains("/staff/assessments"));
        Assert.True(await tech.Locator("[data-testid=my-score]").CountAsync() >= 1);
        Assert.Equal(0, await tech.Locator("[data-testid=person-score]").CountAsync());
        await tech.AssertFitsPhoneAsync();
    }
}
