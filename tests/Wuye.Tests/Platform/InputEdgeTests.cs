using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>Control characters, unreadable query values and absurd dates are refused at the edge, 400 with the field named.</summary>
public sealed class InputEdgeTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.App;

    private static async Task AssertFieldAsync(HttpResponseMessage res, string field)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.RequestMessage!.RequestUri}: {(int)res.StatusCode} {text}");
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, text);
    }

    [Fact]
    public async Task NUL_and_control_characters_are_refused_in_query_strings_and_body_fields()
    {
        var client = await _app.As("manager");
        foreach (var url in new[] { "/api/v1/projects?q=%00", "/api/v1/companies/export?q=a%01b", "/api/v1/work-orders?status=%00" })
            await AssertFieldAsync(await client.GetAsync(url), url.Contains("status") ? "status" : "q");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).SingleAsync());
        await AssertFieldAsync(
            await client.PostJsonAsync(
                "/api/v1/projects",
                new
                {
                    companyId = company,
                    name = "含\u0000字符",
                    kind = "office",
                }
            ),
            "name"
        );
        await AssertFieldAsync(
            await client.PostJsonAsync(
                "/api/v1/projects",
                new
                {
                    companyId = company,
                    name = "含\u001b字符",
                    kind = "office",
                }
            ),
            "name"
        );
        Assert.False(await _app.DbAsync(db => db.Projects().AnyAsync(p => p.Name.StartsWith("含"))));
    }

    [Fact]
    public async Task Unreadable_query_values_and_dates_outside_the_window_name_their_field()
    {
        var client = await _app.As("manager");
        await AssertFieldAsync(await client.GetAsync("/api/v1/work-orders?status=x"), "status");
        await AssertFieldAsync(await client.GetAsync("/api/v1/work-orders?page=abc"), "page");
        var project = await _app.DbAsync(db => db.Projects().OrderBy(p => p.Name).Select(p => p.Id).FirstAsync());
        await AssertFieldAsync(
            await client.PostJsonAsync(
                "/api/v1/people",
                new
                {
                    projectId = project,
                    name = "日期测试",
                    birthday = "9999-01-01",
                }
            ),
            "birthday"
        );
        await AssertFieldAsync(
            await client.PostJsonAsync(
                "/api/v1/people",
                new
                {
                    projectId = project,
                    name = "日期测试",
                    birthday = "0001-01-01",
                }
            ),
            "birthday"
        );
        await AssertFieldAsync(
            await client.PostJsonAsync(
                "/api/v1/people",
                new
                {
                    projectId = project,
                    name = "日期测试",
                    birthday = "1990-13-45",
                }
            ),
            "birthday"
        );
    }

    [Fact]
    public async Task Dates_in_the_query_outside_the_window_name_their_parameter()
    {
        var client = await _app.As("manager");
        await AssertFieldAsync(await client.GetAsync("/api/v1/daily-reviews?from=0001-01-01"), "from");
        await AssertFieldAsync(await client.GetAsync("/api/v1/daily-reviews?from=2026-01-01&to=9999-12-31"), "to");
        await client.GetAsync("/api/v1/daily-reviews?from=2026-01-01&to=2026-12-31").OkAsync();
    }

    [Fact]
    public async Task Multipart_form_fields_of_the_API_are_checked_field_by_field()
    {
        var pm = await _app.As("pm");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("受理时间,内容\n2024-01-01,x\n"u8.ToArray()), "file", "h.csv" },
            { new StringContent("not-an-id"), "projectId" },
            { new StringContent("受理\u0000时间"), "opened" },
            { new StringContent("内容"), "description" },
            { new StringContent("sometimes"), "dryRun" },
            { new StringContent("lunar"), "dateFormat" },
            { new StringContent("[1, 2]"), "categoryMap" },
            { new StringContent("rockets"), "otherCategory" },
        };
        var res = await pm.PostAsync("/api/v1/imports/service-requests", form);
        foreach (var field in new[] { "projectId", "opened", "dryRun", "dateFormat", "categoryMap", "otherCategory" })
            await AssertFieldAsync(res, field);
    }
}
