using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Cleaning on a 375 px phone: the technician opens today's lobby task from the menu, is told a photo is needed, finishes it with
/// one; the zone's steward fails its spot check from the zone board; the project manager's board in English shows the zone, and
/// the month's vendor scorecards are ranked.
/// </summary>
[Collection(nameof(FacilitiesBrowserCollection))]
public sealed class EnvironmentJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_technician_finishes_todays_lobby_cleaning_with_a_photo_and_the_steward_fails_its_spot_check()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "tech");
        await BrowserApp.FollowMenuAsync(page, "nav-facilities-environment");
        await page.WaitForURLAsync("**/facilities/environment");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=my-tasks] a[data-name='大堂地面及门窗保洁'][data-status=Open]");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=submit]");
        Assert.Contains("拍照", await page.Locator("[data-testid=error]").InnerTextAsync());
        await page.SetInputFilesAsync(
            "[data-testid=photo]",
            new FilePayload
            {
                Name = "大堂.png",
                MimeType = "image/png",
                Buffer = FileTests.Png,
            }
        );
        await page.FillAsync("[data-testid=note]", "地面已清洁，门窗已擦拭");
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=photo-link], [data-testid=done]").First.WaitForAsync();
        Assert.Equal("", string.Join(" ", await page.Locator("[data-testid=error]").AllInnerTextsAsync()));
        Assert.Equal("Done", await page.GetAttributeAsync("[data-testid=task-status]", "data-status"));
        Assert.Equal(1, await page.Locator("[data-testid=photo-link]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=check-form]").CountAsync());
        var task = new Uri(page.Url).AbsolutePath;

        var steward = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(steward, "steward");
        await steward.GotoAsync("/facilities/environment");
        await steward.AssertFitsPhoneAsync();
        await steward.ClickAsync($"[data-testid=board] a[href='{task}']");
        await steward.ClickAsync("[data-testid=fail]");
        if (await steward.Locator("[data-testid=finding] option").CountAsync() > 1)
            await steward.Locator("[data-testid=finding]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await steward.FillAsync("[data-testid=check-note]", "大堂角落有积灰");
        await steward.ClickAsync("[data-testid=check-submit]");
        await steward.Locator("[data-testid=check]").WaitForAsync();
        Assert.Equal("false", await steward.GetAttributeAsync("[data-testid=task-status]", "data-check"));
        await steward.AssertFitsPhoneAsync();
        // A steward watches the board but does not plan: no edit or archive buttons.
        await steward.GotoAsync("/facilities/environment");
        Assert.Equal(0, await steward.Locator("[data-testid=board] [data-testid=zone-edit]").CountAsync());

        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync("/account/culture?c=en&returnUrl=%2Ffacilities%2Fenvironment");
        var zone = pm.Locator("[data-testid=board] [data-zone='1号楼大堂及楼道']");
        await zone.WaitForAsync();
        Assert.Contains("Cleaning", await zone.InnerTextAsync());
        Assert.True(int.Parse((await zone.GetAttributeAsync("data-done"))!) >= 1);
        Assert.True(int.Parse((await zone.GetAttributeAsync("data-failed"))!) >= 1);
        await pm.AssertFitsPhoneAsync();

        // The month's vendor scorecards, ranked, on the same phone.
        Assert.Equal(1, await pm.Locator("[data-testid=nav-facilities-vendors]").CountAsync());
        await pm.GotoAsync("/facilities/vendors");
        Assert.Equal("1", await pm.Locator("[data-testid=scorecards] [data-rank]").First.GetAttributeAsync("data-rank"));
        Assert.Contains("tasks", await pm.Locator("[data-testid=scorecards]").InnerTextAsync());
        await pm.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task The_project_manager_edits_and_archives_a_zone_and_its_schedule_from_the_board_on_a_phone()
    {
        var project = await _b.App.DbAsync(async db =>
        {
            var pmId = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            return await db
                .RoleAssignments.Where(r => r.UserId == pmId && r.ProjectId != null)
                .Select(r => r.ProjectId!.Value)
                .FirstAsync();
        });
        var api = await _b.App.As("pm");
        var name = $"看板编辑{Guid.NewGuid():N}"[..10];
        var zoneId = (
            await api.PostJsonAsync(
                    "/api/v1/environment-zones",
                    new
                    {
                        projectId = project,
                        name,
                        work = "cleaning",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await api.PostJsonAsync(
                "/api/v1/environment-schedules",
                new
                {
                    environmentZoneId = zoneId,
                    name = "门厅拖地",
                    rule = "FREQ=DAILY",
                }
            )
            .OkAsync();
        async Task<List<System.Text.Json.JsonElement>> Schedules() =>
            [.. (await api.GetJsonAsync($"/api/v1/environment-schedules?environmentZoneId={zoneId}")).EnumerateArray()];

        var page = await _b.NewPageAsync(375, 740);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/facilities/environment?view=board");
        await page.ClickAsync($"[data-testid=board] [data-zone='{name}'] [data-testid=zone-edit]");
        await page.WaitForURLAsync($"**/facilities/environment/zones/{zoneId}");
        Assert.Equal(name, await page.InputValueAsync("[data-testid=zone-name]"));
        await page.FillAsync("[data-testid=zone-name]", name + "改");
        await page.ClickAsync("[data-testid=zone-save]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        await page.FillAsync("[data-testid=schedule-times]", "2");
        await page.ClickAsync("[data-testid=schedule-save]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(2, Assert.Single(await Schedules()).GetProperty("timesPerDay").GetInt32());
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=schedule-archive]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Empty(await Schedules());

        // Archiving the zone from the board, after the confirm: it leaves the board.
        await page.GotoAsync("/facilities/environment?view=board");
        await page.ClickAsync($"[data-testid=board] [data-zone='{name}改'] [data-testid=zone-archive]");
        await page.WaitForURLAsync("**/facilities/environment?view=board");
        Assert.Equal(0, await page.Locator($"[data-testid=board] [data-zone='{name}改']").CountAsync());
        await page.AssertFitsPhoneAsync();
    }
}
