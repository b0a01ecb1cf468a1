using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 岗位操作指引 on a phone: the project manager goes from the onboarding page to the post guides, is answered field by field
/// (the guide's place, post and title; then a step due on day 200 with no training topic — his rows kept), saves a guide of two
/// steps, makes a new employee's plan from it, then rewrites a step: the guide shows the new step, the plan made before keeps
/// the old one (the page says it will). The menu has the page for him and not for the technician, who is refused it; then
/// the page in English.
/// </summary>
[Collection(nameof(StaffBrowserCollection))]
public sealed class PostGuideJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_project_manager_writes_a_post_guide_on_a_phone_and_a_rewrite_leaves_the_plans_made_alone()
    {
        // The new employee: a person of the project manager's project, without a plan.
        var team = await _b.App.DbAsync(async db =>
        {
            var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            var project = await db
                .RoleAssignments.Where(r => r.UserId == pm && r.Role == Roles.ProjectManager)
                .Select(r => r.ProjectId)
                .FirstAsync();
            return await db.TeamRefs()
                .Where(t => t.ProjectId == project && t.ArchivedAt == null)
                .OrderBy(t => t.Id)
                .Select(t => t.Id)
                .FirstAsync();
        });
        await StaffTestKit.PersonAsync(_b.App, team, "指引旅程新人");

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/staff/onboarding");
        await page.ClickAsync("[data-testid=to-guides]");
        await page.WaitForURLAsync(u => u.Contains("/staff/onboarding/guides"));
        Assert.Contains("已生成的计划不变", await page.Locator("[data-testid=copy-note]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        // Field by field: the place, post and title first; then the steps, the rows as they were typed.
        await page.ClickAsync("[data-testid=save-guide]");
        await page.WaitForSelectorAsync("[data-testid=error-post]");
        Assert.Equal(1, await page.Locator("[data-testid=error-title]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=error-place]").CountAsync());
        var form = page.Locator("[data-testid=guide-form]");
        var place = await form.Locator("select[name=Place] option").Nth(1).GetAttributeAsync("value");
        await form.Locator("select[name=Place]").SelectOptionAsync(place!);
        await form.Locator("input[name=Post]").FillAsync("保洁员");
        await form.Locator("input[name=Title]").FillAsync("指引旅程保洁员指引");
        await form.Locator("input[name='Steps[0].Title']").FillAsync("熟悉保洁工具间");
        await form.Locator("input[name='Steps[0].DueDay']").FillAsync("1");
        await page.ClickAsync("[data-testid=add-step]");
        await page.WaitForSelectorAsync("input[name='Steps[1].Title']");
        form = page.Locator("[data-testid=guide-form]");
        Assert.Equal("熟悉保洁工具间", await form.Locator("input[name='Steps[0].Title']").InputValueAsync());
        await form.Locator("input[name='Steps[1].Title']").FillAsync("通过安全培训");
        await form.Locator("input[name='Steps[1].DueDay']").FillAsync("200");
        await form.Locator("select[name='Steps[1].Kind']").SelectOptionAsync("Training");
        await page.ClickAsync("[data-testid=save-guide]");
        await page.WaitForSelectorAsync("[data-testid='error-steps[1]-dueDay']");
        Assert.Equal(1, await page.Locator("[data-testid='error-steps[1]-trainingTopic']").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=guide][data-title=指引旅程保洁员指引]").CountAsync());
        form = page.Locator("[data-testid=guide-form]");
        Assert.Equal("通过安全培训", await form.Locator("input[name='Steps[1].Title']").InputValueAsync());
        await form.Locator("input[name='Steps[1].DueDay']").FillAsync("10");
        await form.Locator("select[name='Steps[1].TrainingTopic']").SelectOptionAsync("Safety");
        await page.ClickAsync("[data-testid=save-guide]");
        await page.WaitForSelectorAsync("[data-testid=done]");
        var card = page.Locator("[data-testid=guide][data-title=指引旅程保洁员指引]");
        Assert.Equal(2, await card.Locator("[data-testid=guide-step]").CountAsync());
        await page.AssertFitsPhoneAsync();

        // A plan made from it.
        await page.ClickAsync("[data-testid=to-plans]");
        await page.WaitForURLAsync(u => u.EndsWith("/staff/onboarding"));
        var plan = page.Locator("[data-testid=new-plan]");
        await plan.Locator("select[name=staffMemberId]").SelectOptionAsync(new SelectOptionValue { Label = "指引旅程新人" });
        await plan.Locator("select[name=guideId]").SelectOptionAsync(new SelectOptionValue { Label = "指引旅程保洁员指引" });
        await plan.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Equal(
            1,
            await page.Locator("[data-testid=plan][data-person=指引旅程新人] [data-testid=step][data-title=熟悉保洁工具间]").CountAsync()
        );

        // The guide rewritten: the guide has the new step, the plan made before keeps its own.
        await page.ClickAsync("[data-testid=to-guides]");
        await page.WaitForURLAsync(u => u.Contains("/staff/onboarding/guides"));
        card = page.Locator("[data-testid=guide][data-title=指引旅程保洁员指引]");
        Assert.Contains("已生成 1 份计划", await card.Locator("[data-testid=guide-plans]").InnerTextAsync());
        await card.Locator("[data-testid=edit-guide]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("id="));
        form = page.Locator("[data-testid=guide-form]");
        Assert.Equal("熟悉保洁工具间", await form.Locator("input[name='Steps[0].Title']").InputValueAsync());
        await form.Locator("input[name='Steps[0].Title']").FillAsync("熟悉保洁工具间与化学品柜");
        await page.ClickAsync("[data-testid=save-guide]");
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Contains("已生成的入职计划不变", await page.Locator("[data-testid=done]").InnerTextAsync());
        card = page.Locator("[data-testid=guide][data-title=指引旅程保洁员指引]");
        Assert.Contains("熟悉保洁工具间与化学品柜", await card.Locator("[data-testid=guide-step]").First.InnerTextAsync());
        await page.GotoAsync("/staff/onboarding");
        var steps = page.Locator("[data-testid=plan][data-person=指引旅程新人] [data-testid=step]");
        Assert.Equal("熟悉保洁工具间", await steps.First.GetAttributeAsync("data-title"));

        // The menu: the page is the keepers'; the technician has no such item and is refused the page.
        Assert.Equal(1, await page.Locator("#main-nav [data-testid=nav-post-guides]").CountAsync());
        var tech = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(tech, "tech");
        await tech.GotoAsync(Roles.Find(Roles.Technician)!.Home);
        Assert.Equal(0, await tech.Locator("#main-nav [data-testid=nav-post-guides]").CountAsync());
        var refused = await tech.GotoAsync("/staff/onboarding/guides");
        Assert.True(refused!.Status == 403 || tech.Url.Contains("/error/403"), $"{refused.Status} {tech.Url}");

        await page.GotoAsync("/account/culture?c=en&returnUrl=%2Fstaff%2Fonboarding%2Fguides");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Post guides", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Write a post guide", await page.Locator("[data-testid=guide-form]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();
    }
}
