using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

[Collection(nameof(WorkOrdersApiCollection))]
public sealed class HistoryImportTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static MultipartFormDataContent Form(string csv, Guid project, Encoding? encoding = null, bool dryRun = false)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent((encoding ?? Encoding.UTF8).GetBytes(csv)), "file", "history.csv" },
            { new StringContent(project.ToString()), "projectId" },
            { new StringContent("受理时间"), "opened" },
            { new StringContent("要求完成"), "due" },
            { new StringContent("完成时间"), "closed" },
            { new StringContent("类型"), "category" },
            { new StringContent("房号"), "unit" },
            { new StringContent("地点"), "location" },
            { new StringContent("内容"), "description" },
            { new StringContent("单号"), "ref" },
            { new StringContent("来源"), "source" },
        };
        if (dryRun)
            form.Add(new StringContent("true"), "dryRun");
        return form;
    }

    [Fact]
    public async Task Past_requests_import_with_the_chosen_columns_and_bad_rows_are_reported_not_guessed()
    {
        var pm = await _app.As("pm");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "project_manager").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var unit = await _app.DbAsync(db =>
            db.Units()
                .Where(u => u.ProjectId == project)
                .OrderBy(u => u.Number)
                .Select(u => db.Buildings().Where(b => b.Id == u.BuildingId).Select(b => b.Name).First() + " " + u.Number)
                .FirstAsync()
        );
        var csv = $"""
            单号,受理时间,要求完成,完成时间,类型,房号,地点,内容,来源
            OLD-1,2024-03-04 09:00,2024-03-05 09:00,2024-03-04 15:00,水电,{unit},,"水管漏水, 已修",旧系统
            OLD-2,2024/3/6 10:00,2024/3/6 12:00,2024/3/7 10:00,电梯,,2幢电梯,电梯异响,旧系统
            OLD-3,2024-03-08 08:00,,,绿化,,中心花园,草坪枯黄,旧系统
            OLD-4,2024-03-09 09:00,,2024-03-08 09:00,门窗,{unit},,关闭早于受理,旧系统
            OLD-5,三月十号,,,门窗,{unit},,日期写错,旧系统
            OLD-6,2024-03-11 09:00,,,门窗,99幢 9999,,没有这个房号,旧系统
            OLD-7,2024-03-12 09:00,,,火箭,{unit},,类别不明,旧系统
            """;
        var check = await (await pm.PostAsync("/api/v1/imports/service-requests", Form(csv, project, dryRun: true))).JsonAsync();
        Assert.Equal(3, check.GetProperty("imported").GetInt32());
        Assert.Equal(
            0,
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.WorkOrders.Domain.ServiceRequest>()
                    .CountAsync(r => r.ExternalRef != null && r.ExternalRef.StartsWith("OLD-"))
            )
        );

        // GB18030, as exported by most older Chinese systems.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var res = await pm.PostAsync("/api/v1/imports/service-requests", Form(csv, project, Encoding.GetEncoding("GB18030")));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var result = await res.JsonAsync();
        Assert.Equal(7, result.GetProperty("rows").GetInt32());
        Assert.Equal(3, result.GetProperty("imported").GetInt32());
        Assert.Equal(4, result.GetProperty("skipped").GetInt32());
        Assert.Equal(
            [(5, "closed"), (6, "opened"), (7, "unit"), (8, "category")],
            result
                .GetProperty("problems")
                .EnumerateArray()
                .Select(s => (s.GetProperty("row").GetInt32(), s.GetProperty("field").GetString()))
        );

        var m = (
            await pm.GetJsonAsync($"/api/v1/work-order-metrics?projectId={project}&from=2024-03-01&to=2024-04-01&groupBy=month")
        ).GetProperty("total");
        Assert.Equal(3, m.GetProperty("created").GetInt32());
        Assert.Equal(2, m.GetProperty("closed").GetInt32());
        Assert.Equal(2, m.GetProperty("closedWithLimit").GetInt32());
        Assert.Equal(1, m.GetProperty("closedOnTime").GetInt32());
        // Closed after 6 h and after 24 h: the median interpolates to 15 h, p90 to 22.2 h.
        Assert.Equal(15.0, m.GetProperty("medianHoursToClose").GetDouble());
        Assert.Equal(22.2, m.GetProperty("p90HoursToClose").GetDouble());
    }

    [Fact]
    public async Task Importing_the_same_file_twice_skips_what_is_already_there()
    {
        var pm = await _app.As("pm");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "project_manager").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var csv = "单号,受理时间,地点,内容\nX-1,2024-05-01 09:00,南门,门禁坏了\n";
        var form = () =>
            new MultipartFormDataContent
            {
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "h.csv" },
                { new StringContent(project.ToString()), "projectId" },
                { new StringContent("受理时间"), "opened" },
                { new StringContent("地点"), "location" },
                { new StringContent("内容"), "description" },
                { new StringContent("单号"), "ref" },
            };
        Assert.Equal(
            1,
            (await (await pm.PostAsync("/api/v1/imports/service-requests", form())).JsonAsync()).GetProperty("imported").GetInt32()
        );
        var again = await (await pm.PostAsync("/api/v1/imports/service-requests", form())).JsonAsync();
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal("ref", Assert.Single(again.GetProperty("problems").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_mapping_that_names_a_missing_column_is_a_field_error()
    {
        var pm = await _app.As("pm");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "project_manager").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("a,b\n1,2\n")), "file", "h.csv" },
            { new StringContent(project.ToString()), "projectId" },
            { new StringContent("受理时间"), "opened" },
            { new StringContent("b"), "description" },
        };
        var res = await pm.PostAsync("/api/v1/imports/service-requests", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("opened", out _));
    }
}
