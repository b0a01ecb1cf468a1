using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

[Collection(nameof(WorkOrdersBrowserCollection))]
public sealed class WorkOrderJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private static FilePayload Photo(string name) =>
        new()
        {
            Name = name,
            MimeType = "image/png",
            Buffer = Wuye.Tests.Platform.FileTests.Png,
        };

    private async Task<IPage> AsAsync(string user, int width = 1280)
    {
        var page = await _b.NewPageAsync(width, 800);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    private static async Task<Dictionary<string, int>> TotalsAsync(IPage page, Guid project)
    {
        var month = ChinaTime.Month(DateTimeOffset.UtcNow).ToString();
        await page.GotoAsync($"/work-orders/metrics?projectId={project}&groupBy=Month");
        await page.WaitForSelectorAsync("[data-testid=metrics-chart] canvas");
        var row = page.Locator($"[data-testid=metrics-row][data-key='{month}']");
        var result = new Dictionary<string, int>();
        foreach (
            var f in new[]
            {
                "created",
                "closed",
                "completed",
                "visited",
                "reworked",
                "first-time-fix",
                "satisfied",
                "rated",
                "first-satisfied",
                "first-rated",
            }
        )
            result[f] = await row.CountAsync() == 0 ? 0 : int.Parse((await row.GetAttributeAsync("data-" + f))!);
        return result;
    }

    [Fact]
    public async Task The_whole_loop_from_an_owners_photo_to_an_archived_request_shows_in_the_metrics()
    {
        var ownerUnit = await _b.App.DbAsync(db =>
            db.UnitOccupants()
                .Where(o => db.People().Any(p => p.Id == o.PersonId && p.Phone == "13800138000"))
                .Select(o => o.UnitId)
                .FirstAsync()
        );
        var project = await _b.App.DbAsync(db => db.Units().Where(u => u.Id == ownerUnit).Select(u => u.ProjectId).FirstAsync());
        var manager = await AsAsync("manager");
        var before = await TotalsAsync(manager, project);

        // The owner reports on a phone, with a photo.
        var owner = await AsAsync("owner", 375);
        await owner.GotoAsync("/portal/requests");
        await owner.AssertFitsPhoneAsync();
        await owner.SelectOptionAsync("#Category", "Plumbing");
        await owner.FillAsync("#Description", "厨房水槽下水管漏水");
        await owner.SetInputFilesAsync("#Photos", Photo("leak.png"));
        await owner.ClickAsync("[data-testid=submit]");
        await owner.WaitForSelectorAsync("[data-testid=done]");
        var requestId = Guid.Parse((await owner.GetAttributeAsync("[data-testid=request] >> nth=0", "data-id"))!);
        Assert.Single(
            await _b.App.DbAsync(db => db.Set<ServiceRequest>().Where(r => r.Id == requestId).Select(r => r.PhotoIds).FirstAsync())
        );

        // Customer service dispatches to the technician from the board.
        var service = await AsAsync("service");
        await service.GotoAsync("/work-orders/board");
        var job = service.Locator($"[data-testid=job][data-request='{requestId}']");
        var techId = await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        await job.Locator("select[name=technicianId]").SelectOptionAsync(techId.ToString());
        await job.Locator("button[type=submit]").ClickAsync();
        await service.WaitForSelectorAsync($"[data-testid=job][data-request='{requestId}'][data-status=Dispatched]");

        // The technician, on a phone: accept, arrive, finish with before/after photos and the owner's confirmation.
        var tech = await AsAsync("tech", 375);
        async Task FinishAsync(string note)
        {
            await tech.GotoAsync("/work-orders/my");
            var card = tech.Locator($"[data-testid=job][data-request='{requestId}']");
            await card.Locator("[data-testid=accept]").ClickAsync();
            await tech.WaitForSelectorAsync($"[data-testid=job][data-request='{requestId}'][data-status=Accepted]");
            await tech.AssertFitsPhoneAsync();
            await card.Locator("[data-testid=arrive]").ClickAsync();
            await tech.WaitForSelectorAsync($"[data-testid=job][data-request='{requestId}'][data-status=OnSite]");
            await card.Locator("[data-testid=before]").SetInputFilesAsync(Photo("before.png"));
            await card.Locator("[data-testid=after]").SetInputFilesAsync(Photo("after.png"));
            await card.Locator("textarea[name=workDone]").FillAsync(note);
            await card.Locator("input[name=ownerConfirmedBy]").FillAsync("钱先生");
            await card.Locator("input[name=anythingElse]").FillAsync("顺便看了阳台地漏，正常");
            await card.Locator("[data-testid=finish]").ClickAsync();
            await tech.WaitForURLAsync("**/work-orders/my");
            Assert.Equal(0, await tech.Locator($"[data-testid=job][data-request='{requestId}']").CountAsync());
        }
        await FinishAsync("更换下水管密封圈");

        // Return visit: not satisfied → rework linked to the first job, back to the same technician.
        await service.GotoAsync("/work-orders/return-visits");
        var visit = service.Locator($"[data-testid=visit][data-request='{requestId}']");
        await visit.Locator("input[name=comment]").FillAsync("还在滴水");
        await visit.Locator("[data-testid=dissatisfied]").ClickAsync();
        await service.WaitForURLAsync("**/work-orders/return-visits");
        Assert.Equal(0, await service.Locator($"[data-testid=visit][data-request='{requestId}']").CountAsync());
        await FinishAsync("更换整段下水管");

        // Second visit satisfied → archived.
        await service.GotoAsync("/work-orders/return-visits");
        await service.Locator($"[data-testid=visit][data-request='{requestId}'] [data-testid=satisfied]").ClickAsync();
        await service.WaitForURLAsync("**/work-orders/return-visits");

        await owner.GotoAsync("/portal/requests");
        Assert.Equal("Closed", await owner.GetAttributeAsync($"[data-testid=request][data-id='{requestId}']", "data-status"));
        await service.GotoAsync($"/service-requests/{requestId}");
        var kinds = await service.Locator("[data-testid=timeline] li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kind)");
        Assert.Equal(
            [
                "Created",
                "Dispatched",
                "Accepted",
                "Arrived",
                "Completed",
                "Visited",
                "ReworkOpened",
                "Accepted",
                "Arrived",
                "Completed",
                "Visited",
                "Closed",
            ],
            kinds
        );
        // The owner follows the same history on the portal, in the owner's words.
        await owner.GotoAsync($"/portal/requests/{requestId}");
        Assert.Contains("再次上门维修", await owner.InnerTextAsync("[data-testid=owner-steps]"));
        Assert.Equal(2, await owner.Locator("[data-testid=owner-work-record]").CountAsync());
        await owner.AssertFitsPhoneAsync();

        // The metrics page counts exactly this history on top of what was there.
        var after = await TotalsAsync(manager, project);
        Assert.Equal(before["created"] + 1, after["created"]);
        Assert.Equal(before["closed"] + 1, after["closed"]);
        Assert.Equal(before["completed"] + 1, after["completed"]);
        Assert.Equal(before["visited"] + 1, after["visited"]);
        Assert.Equal(before["reworked"] + 1, after["reworked"]);
        Assert.Equal(before["first-time-fix"], after["first-time-fix"]);
        Assert.Equal(before["satisfied"] + 1, after["satisfied"]);
        Assert.Equal(before["rated"] + 1, after["rated"]);
        // Not satisfied the first time: the first-visit figure keeps that answer.
        Assert.Equal(before["first-rated"] + 1, after["first-rated"]);
        Assert.Equal(before["first-satisfied"], after["first-satisfied"]);
    }

    [Fact]
    public async Task A_visit_slot_in_the_past_is_refused_on_the_portal_and_nothing_is_kept()
    {
        var owner = await AsAsync("owner", 375);
        await owner.GotoAsync("/portal/requests");
        var count = await owner.Locator("[data-testid=request]").CountAsync();
        await owner.SelectOptionAsync("#Category", "Electrical");
        await owner.FillAsync("#Description", "插座没电");
        await owner.FillAsync("#VisitFrom", "2020-01-01T09:00");
        await owner.ClickAsync("[data-testid=submit]");
        await owner.WaitForSelectorAsync("[data-testid=error]");
        Assert.Contains("预约上门时间不能早于现在", await owner.InnerTextAsync("[data-testid=visit-error]"));
        Assert.Equal(count, await owner.Locator("[data-testid=request]").CountAsync());
    }

    [Fact]
    public async Task A_NUL_in_a_page_form_redraws_the_page_with_the_field_error_and_keeps_nothing()
    {
        var owner = await AsAsync("owner", 375);
        await owner.GotoAsync("/portal/requests");
        var count = await owner.Locator("[data-testid=request]").CountAsync();
        await owner.SelectOptionAsync("#Category", "Electrical");
        await owner.EvalOnSelectorAsync("#Description", "t => t.value = '插座\u0000没电'");
        await owner.ClickAsync("[data-testid=submit]");
        await owner.WaitForSelectorAsync("[data-testid=edge-error]");
        Assert.EndsWith("/portal/requests", owner.Url);
        Assert.Contains("控制字符", await owner.InnerTextAsync("span[data-valmsg-for=Description]"));
        // The page is drawn as its GET draws it, with what was typed still in the form.
        Assert.Equal("Electrical", await owner.InputValueAsync("#Category"));
        Assert.Equal(count, await owner.Locator("[data-testid=request]").CountAsync());
    }

    [Fact]
    public async Task History_is_imported_on_screen_with_the_columns_date_format_and_category_mapping_the_user_picks()
    {
        var pm = await AsAsync("pm");
        await pm.GotoAsync("/work-orders/import");
        // US dates (the day is over 12 in one, so the page finds the order), categories of the old system.
        var csv =
            "编号,报修时间,关闭时间,位置,描述,类型,部门\n"
            + "H-1,06/13/2024 09:00:00 AM,06/13/2024 11:00:00 AM,南门岗亭,道闸抬杆失灵,Gate,安保部\n"
            + "H-2,06/14/2024 09:00:00 AM,06/13/2024 09:00:00 AM,北门,关闭早于报修,Gate,安保部\n"
            + "H-3,06/15/2024 09:00:00 AM,,中心花园,路灯不亮,Street Light,工程部\n";
        await pm.SetInputFilesAsync(
            "#file",
            new FilePayload
            {
                Name = "old.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
            }
        );
        await pm.ClickAsync("text=读取列名");
        await pm.WaitForSelectorAsync("[data-testid=mapping]");
        Assert.Equal("MonthFirst", await pm.InputValueAsync("#DateFormat"));
        await pm.SelectOptionAsync("#map-opened", "报修时间");
        await pm.SelectOptionAsync("#map-closed", "关闭时间");
        await pm.SelectOptionAsync("#map-location", "位置");
        await pm.SelectOptionAsync("#map-description", "描述");
        await pm.SelectOptionAsync("#map-ref", "编号");
        await pm.SelectOptionAsync("#map-category", "类型");
        await pm.SelectOptionAsync("#map-department", "部门");
        await pm.SelectOptionAsync("#OtherCategory", "Security");
        await pm.ClickAsync("[data-testid=check]");
        await pm.WaitForSelectorAsync("[data-testid=categories]");
        // The check lists the source's categories; "Street Light" is mapped on screen, "Gate" goes to the catch-all.
        var streetLight = pm.Locator("[data-testid=categories] select[aria-label='Street Light']");
        await streetLight.SelectOptionAsync("Electrical");
        Assert.Equal("1", await pm.GetAttributeAsync("[data-testid=result]", "data-skipped"));
        var download = await pm.RunAndWaitForDownloadAsync(() => pm.ClickAsync("[data-testid=report]"));
        var report = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("关闭时间早于报事时间", report);
        await pm.ClickAsync("[data-testid=import]");
        await pm.WaitForSelectorAsync("[data-testid=result][data-imported='2']");
        Assert.Equal("1", await pm.GetAttributeAsync("[data-testid=result]", "data-skipped"));
        Assert.Contains("关闭时间早于报事时间", await pm.InnerTextAsync("[data-testid=skipped]"));
        var imported = await _b.App.DbAsync(db =>
            db.Set<ServiceRequest>()
                .Where(r => r.Channel == RequestChannel.Import && (r.ExternalRef == "H-1" || r.ExternalRef == "H-3"))
                .OrderBy(r => r.ExternalRef)
                .Select(r => new
                {
                    r.Category,
                    r.SourceCategory,
                    r.SourceDepartment,
                    r.OpenedAt,
                })
                .ToListAsync()
        );
        Assert.Equal(
            [(RequestCategory.Security, "Gate", "安保部"), (RequestCategory.Electrical, "Street Light", "工程部")],
            imported.Select(r => (r.Category, r.SourceCategory, r.SourceDepartment))
        );
        Assert.Equal(new DateTimeOffset(2024, 6, 13, 9, 0, 0, TimeSpan.FromHours(8)), imported[0].OpenedAt);
    }

    [Fact]
    public async Task The_work_order_pages_fit_a_phone()
    {
        var pm = await AsAsync("pm", 375);
        foreach (
            var path in new[]
            {
                "/work-orders/board",
                "/work-orders/return-visits",
                "/work-orders/metrics",
                "/work-orders/import",
                "/work-orders/return-visits/report",
                "/notifications",
            }
        )
        {
            await pm.GotoAsync(path);
            await pm.AssertFitsPhoneAsync();
        }
    }
}
