using System.Net;
using Microsoft.Playwright;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>Issue 21, the repair loop as its people live it: report links, the visit slot, the work record.</summary>
[Collection(nameof(WorkOrdersBrowserCollection))]
public sealed class UserFlowTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private async Task<IPage> AsAsync(string user, int width = 1280)
    {
        var page = await _b.NewPageAsync(width, 800);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    [Fact]
    public async Task The_visit_reports_Excel_and_PDF_buttons_download_for_all_projects_and_an_empty_filter_means_not_given()
    {
        var service = await AsAsync("service");
        await service.GotoAsync("/work-orders/return-visits/report");
        var xlsx = (await service.GetAttributeAsync("[data-testid=xlsx]", "href"))!;
        Assert.DoesNotContain("projectId=&", xlsx);
        var file = await service.APIRequest.GetAsync(xlsx);
        Assert.Equal(200, file.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Headers["content-type"]);

        // Any API: an empty optional value is "not given"; a value that cannot be read is a 400 in the caller's words.
        var api = await _b.App.As("service");
        var month = ChinaTime.Month(DateTimeOffset.UtcNow);
        Assert.Equal(
            HttpStatusCode.OK,
            (await api.GetAsync($"/api/v1/return-visits/report?month={month}&projectId=&format=xlsx")).StatusCode
        );
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/service-requests?projectId=&status=")).StatusCode);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var bad = await api.GetAsync($"/api/v1/return-visits/report?month={month}&projectId=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.JsonAsync();
        // The platform names the value it could not read, field by field, in the caller's language.
        Assert.Equal("validation", problem.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("errors").GetProperty("projectId")[0].GetString());
    }

    [Fact]
    public async Task A_visit_slot_far_in_the_future_is_refused_on_the_portal_and_the_API_with_a_message_not_a_500()
    {
        var owner = await AsAsync("owner", 375);
        await owner.GotoAsync("/portal/requests");
        await owner.SelectOptionAsync("#Category", "Plumbing");
        await owner.FillAsync("#Description", "阳台地漏堵塞");
        await owner.FillAsync("#VisitFrom", "9999-12-31T23:30");
        var answer = await owner.RunAndWaitForResponseAsync(
            () => owner.ClickAsync("[data-testid=submit]"),
            r => r.Request.Method == "POST"
        );
        Assert.Equal(200, answer.Status);
        Assert.Contains("60", await owner.InnerTextAsync("[data-testid=error]"));

        var api = await _b.App.As("owner");
        var unit = await OwnUnitAsync(api);
        var res = await api.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                unitId = unit,
                category = "plumbing",
                description = "阳台地漏堵塞",
                visitFrom = new DateTimeOffset(9999, 12, 31, 10, 0, 0, TimeSpan.FromHours(8)),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("visitFrom", out _));
    }

    [Fact]
    public async Task The_technicians_work_record_reaches_the_desk_and_the_done_list_and_the_dispatch_card_shows_the_owners_photo_and_slot()
    {
        var desk = await _b.App.As("service");
        var owner = await _b.App.As("owner");
        var unit = await OwnUnitAsync(owner);
        var project = await ProjectOfAsync(_b.App, unit);
        var ownerPhoto = await UploadPhotoAsync(desk, project);
        var slot = DateTimeOffset.UtcNow.AddDays(2);
        var id = (
            await desk.PostJsonAsync(
                    "/api/v1/service-requests",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description = "卫生间地漏返臭",
                        photoIds = new[] { ownerPhoto },
                        visitFrom = slot,
                        visitTo = slot.AddHours(2),
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var wo = (await desk.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0].GetProperty("id").GetGuid();

        var service = await AsAsync("service");
        await service.GotoAsync("/work-orders/board");
        var card = service.Locator($"[data-testid=job][data-request='{id}']");
        Assert.Equal(1, await card.Locator($"[data-testid=owner-photos] img[src='/api/v1/files/{ownerPhoto}']").CountAsync());
        Assert.Contains(ChinaTime.Text(slot), await card.Locator("[data-testid=visit-slot]").InnerTextAsync());

        await desk.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = await UserIdAsync(_b.App, "tech") }).OkAsync();
        var tech = await _b.App.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var before = await UploadPhotoAsync(tech, project);
        var after = await UploadPhotoAsync(tech, project);
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "疏通地漏并加装防臭芯",
                    beforePhotoIds = new[] { before },
                    afterPhotoIds = new[] { after },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();

        await service.GotoAsync($"/service-requests/{id}");
        var record = service.Locator("[data-testid=work-record]");
        Assert.Contains("疏通地漏并加装防臭芯", await record.Locator("[data-testid=work-done]").InnerTextAsync());
        Assert.Equal(1, await record.Locator($"[data-testid=before-photos] img[src='/api/v1/files/{before}']").CountAsync());
        Assert.Equal(1, await record.Locator($"[data-testid=after-photos] img[src='/api/v1/files/{after}']").CountAsync());

        var technician = await AsAsync("tech", 375);
        await technician.GotoAsync("/work-orders/my");
        Assert.Equal(0, await technician.Locator($"[data-testid=job][data-request='{id}']").CountAsync());
        await technician.ClickAsync("[data-testid=tab-done]");
        var done = technician.Locator($"[data-testid=job][data-request='{id}']");
        Assert.Contains("疏通地漏并加装防臭芯", await done.Locator("[data-testid=work-done]").InnerTextAsync());
        await technician.AssertFitsPhoneAsync();
    }
}
