using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Parking on phones (375 px): the guard records a car entering a temporary space and the board shows one fewer free; then records a
/// violation with a photo for a plate already caught twice this month, and prints its two-part notice; the job escalates the repeat
/// violator, and the project manager follows the line on the home to-do list to the repeaters, takes its first escalating step and
/// closes it with an outcome; then edits a patrol route's checkpoint on the phone.
/// </summary>
[Collection(nameof(SecurityBrowserCollection))]
public sealed class ParkingJourneyTests(SharedBrowser shared)
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    [Fact]
    public async Task The_guard_updates_the_board_records_a_violation_prints_the_notice_and_the_repeat_violator_is_escalated()
    {
        const string Plate = "浙HJ5566";
        var project = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var api = await _b.App.As("guard");
        foreach (var place in new[] { "1 幢门前消防通道", "南门车行道出口" })
            await api.PostJsonAsync(
                    "/api/v1/parking-violations",
                    new
                    {
                        projectId = project,
                        plate = Plate,
                        place,
                        kind = "fireLane",
                    }
                )
                .OkAsync();

        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync("/security/parking");
        await page.AssertFitsPhoneAsync();
        var visitor = page.Locator("[data-car-park='地下车库'] [data-kind=visitor]");
        var free = int.Parse((await visitor.GetAttributeAsync("data-kind-free"))!);
        var space = page.Locator("[data-testid=spaces] [data-state=free][data-kind=visitor]").First;
        var code = (await space.GetAttributeAsync("data-space"))!;
        await page.Locator("#space").SelectOptionAsync((await space.GetAttributeAsync("data-id"))!);
        await page.FillAsync("input[name=plate]", "浙B 66881");
        await page.ClickAsync("[data-testid=enter]");
        Assert.Contains($"已登记驶入 {code}", await page.Locator("[data-testid=done]").InnerTextAsync());
        Assert.Equal((free - 1).ToString(), await visitor.GetAttributeAsync("data-kind-free"));
        Assert.Equal("taken", await page.Locator($"[data-testid=spaces] [data-space='{code}']").GetAttributeAsync("data-state"));

        await page.ClickAsync("[data-testid=to-violations]");
        await page.WaitForURLAsync("**/security/parking/violations");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=record]");
        Assert.Contains("请填写", await page.Locator("[data-testid=error]").InnerTextAsync());
        await page.FillAsync("input[name=plate]", Plate.ToLowerInvariant());
        await page.FillAsync("input[name=place]", "3 幢北侧消防通道");
        await page.Locator("select[name=kind]").SelectOptionAsync("FireLane");
        await page.SetInputFilesAsync(
            "input[name=photos]",
            new FilePayload
            {
                Name = "违停.png",
                MimeType = "image/png",
                Buffer = FileTests.Png,
            }
        );
        await page.ClickAsync("[data-testid=record]");
        var done = await page.Locator("[data-testid=done]").InnerTextAsync();
        var number = System.Text.RegularExpressions.Regex.Match(done, "WZ[0-9]{12}").Value;
        Assert.NotEmpty(number);
        var row = page.Locator($"[data-testid=violations] [data-violation='{number}']");
        Assert.Equal("true", await row.GetAttributeAsync("data-repeat"));
        Assert.Contains("90 天内第 3 次", await row.InnerTextAsync());
        Assert.Equal(1, await row.Locator("a[href^='/api/v1/files/']").CountAsync());

        var notice = await _b.NewPageAsync(800, 1100);
        await BrowserApp.SignInAsync(notice, "guard");
        await notice.GotoAsync((await page.Locator("[data-testid=notice-link]").GetAttributeAsync("href"))!);
        Assert.Equal(2, await notice.Locator("[data-part]").CountAsync());
        foreach (var part in new[] { "red", "white" })
        {
            var text = await notice.Locator($"[data-part={part}]").InnerTextAsync();
            Assert.Contains(number, text);
            Assert.Contains(Plate, text);
        }

        await _b.App.Services.GetRequiredService<ParkingViolationJob>().RunOnceAsync();
        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await pm.ClickAsync("[data-testid=task]:has-text('违停累犯待处理')");
        await pm.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/security/parking/violations\\?view=repeaters$"));
        await pm.AssertFitsPhoneAsync();
        var repeater = pm.Locator($"[data-testid=repeaters] [data-repeater='{Plate}']");
        Assert.Equal("3", await repeater.GetAttributeAsync("data-count"));
        Assert.Contains("已上报项目经理", await repeater.InnerTextAsync());
        // The first escalating step, from the list: the written notice to the registered owner (none registered here: told 0).
        await repeater.Locator("[data-testid=take-step]").ClickAsync();
        Assert.Contains($"{Plate}：已书面告知", await pm.Locator("[data-testid=done]").InnerTextAsync());
        Assert.Contains(
            "短信通知车主",
            await pm.Locator($"[data-testid=repeaters] [data-repeater='{Plate}'] [data-testid=take-step]").InnerTextAsync()
        );
        var mine = pm.Locator($"[data-testid=violations] [data-violation='{number}']");
        await mine.Locator("select[name=outcome]").SelectOptionAsync("PassSuspended");
        await mine.Locator("[data-testid=close]").ClickAsync();
        Assert.Contains($"违章 {number} 已处理", await pm.Locator("[data-testid=done]").InnerTextAsync());
        await pm.GotoAsync("/security/parking/violations");
        Assert.Equal("closed", await pm.Locator($"[data-testid=violations] [data-violation='{number}']").GetAttributeAsync("data-state"));

        // The supervisor edits a route's checkpoints on the phone: the night route's first point gets a wider radius.
        await pm.GotoAsync("/security/patrol");
        await pm.ClickAsync("[data-testid=routes] [data-testid=edit-route] >> nth=0");
        await pm.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/security/patrol/routes/.+/edit$"));
        await pm.AssertFitsPhoneAsync();
        await pm.Locator("[data-testid=route-edit] input[name=radiusMeters]").First.FillAsync("80");
        await pm.ClickAsync("[data-testid=save-route]");
        Assert.Contains("路线已保存", await pm.Locator("[data-testid=done]").InnerTextAsync());
        Assert.Equal("80", await pm.Locator("[data-testid=route-edit] input[name=radiusMeters]").First.InputValueAsync());
        await _b.CloseContextsAsync();
    }
}
