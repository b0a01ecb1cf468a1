using System.Net;
using Microsoft.Playwright;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>Issue 21, the repair loop as its people live it: report links, the visit slot, the work record.</summary>
public sealed class UserFlowTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);
    public ValueTask InitializeAsync() => _b.InitializeAsync();
    public ValueTask DisposeAsync() => _b.DisposeAsync();

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
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/return-visits/report?month={month}&projectId=&format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/service-requests?projectId=&status=")).StatusCode);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var bad = await api.GetAsync($"/api/v1/return-visits/report?month={month}&projectId=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.JsonAsync();
        Assert.Equal("bad_request", problem.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_visit_slot_far_in_the_future_is_refused_on_the_portal_and_the_API_with_a_message_not_a_500()
    {
        var owner = await AsAsync("owner", 375);
        await owner.GotoAsync("/portal/requests");
        await owner.SelectOptionAsync("#Category", "Plumbing");
        await owner.FillAsync("#Description", "阳台地漏堵塞");
        await owner.FillAsync("#VisitFrom", "9999-12-31T23:30");
        var answer = await owner.RunAndWaitForResponseAsync(() => owner.ClickAsync("[data-testid=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(200, answer.Status);
        Assert.Contains("60", await owner.InnerTextAsync("[data-testid=error]"));

        var api = await _b.App.As("owner");
        var unit = await OwnUnitAsync(api);
        var res = await api.PostJsonAsync("/api/v1/service-requests", new { unitId = unit, category = "plumbing", description = "阳台地漏堵塞",
            visitFrom = new DateTimeOffset(9999, 12, 31, 10, 0, 0, TimeSpan.FromHours(8)) });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("visitFrom", out _));
    }
}
