using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsApiCollection))]
public sealed class InspectionApiTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.Now();
    private WuyeApp _app = null!;
    private Guid _office; // 国贸中心
    private Guid _garden; // 锦绣花园: the pm's project

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        (_office, _garden) = await _app.DbAsync(async db =>
            (
                await db.Projects().Where(p => p.Name == "国贸中心").Select(p => p.Id).FirstAsync(),
                await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync()
            )
        );
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
    private string Month => Today.ToString("yyyy-MM");

    /// <summary>A fresh project of 锦华物业, so a test's plans and checks are the only ones there.</summary>
    private async Task<Guid> NewProjectAsync(string name)
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        return (
            await manager
                .PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name,
                        kind = "office",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
    }

    private async Task<Guid> NewItemAsync(HttpClient client, string code, string frequency, decimal points = 2) => (
            await client
                .PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code,
                        area = "safety",
                        description = $"{code} 消防通道畅通",
                        method = "现场查看",
                        sampling = "抽查 3 处",
                        pointsPerDeduction = points,
                        frequency,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_frequency_the_library_does_not_know_is_refused_with_the_known_ones_named()
    {
        var inspector = await _app.As("inspector");
        var res = await inspector.PostJsonAsync(
            "/api/v1/check-items",
            new
            {
                code = "X-1",
                area = "safety",
                description = "x",
                frequency = "fortnightly",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var message = (await res.JsonAsync()).GetProperty("errors").GetProperty("frequency")[0].GetString()!;
        Assert.Contains("fortnightly", message);
        Assert.Contains("季度查", message);
    }

    [Fact]
    public async Task Revising_a_check_item_keeps_the_old_wording_as_a_revision()
    {
        var inspector = await _app.As("inspector");
        var id = await NewItemAsync(inspector, "T-REV", "weekly");
        var revised = await inspector
            .PutAsJsonAsync(
                $"/api/v1/check-items/{id}",
                new
                {
                    code = "T-REV",
                    area = "安全",
                    description = "消防通道与楼梯间畅通",
                    frequency = "月查",
                    pointsPerDeduction = 3,
                }
            )
            .OkAsync();
        Assert.Equal(2, revised.GetProperty("revision").GetInt32());
        Assert.Equal("monthly", revised.GetProperty("frequency").GetString());
        var revisions = await inspector.GetJsonAsync($"/api/v1/check-items/{id}/revisions");
        Assert.Equal(["monthly", "weekly"], revisions.EnumerateArray().Select(r => r.GetProperty("frequency").GetString()!).ToArray());
    }

    [Fact]
    public async Task An_xlsx_with_a_bad_row_imports_nothing_and_names_the_row()
    {
        var inspector = await _app.As("inspector");
        var before = await _app.DbAsync(db => db.Set<Wuye.Modules.Inspections.Domain.CheckItem>().CountAsync());
        var bad = Xlsx(
            ["编码", "区域", "核查内容", "核查方法", "抽样要求", "每项扣分", "频次"],
            ["IMP-1", "保洁", "楼道无垃圾", "目视", "抽查 2 层", "1", "周查"],
            ["IMP-2", "绿化", "草坪修剪整齐", "目视", "抽查 3 处", "1", "每旬"]
        );
        var res = await inspector.PostAsync("/api/v1/check-items/import", bad);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.Contains("每旬", errors.GetProperty("rows[3].frequency")[0].GetString());
        Assert.Equal(before, await _app.DbAsync(db => db.Set<Wuye.Modules.Inspections.Domain.CheckItem>().CountAsync()));

        var good = Xlsx(
            ["编码", "区域", "核查内容", "核查方法", "抽样要求", "每项扣分", "频次"],
            ["IMP-1", "保洁", "楼道无垃圾", "目视", "抽查 2 层", "1", "周查"],
            ["IMP-2", "greening", "草坪修剪整齐", "目视", "抽查 3 处", "1.5", "annual"]
        );
        var outcome = await inspector.PostAsync("/api/v1/check-items/import", good).OkAsync();
        Assert.Equal(2, outcome.GetProperty("created").GetInt32());
        var list = await inspector.GetJsonAsync("/api/v1/check-items?q=IMP-");
        Assert.Equal(
            ["weekly", "annual"],
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("frequency").GetString()!).ToArray()
        );
    }

    [Fact]
    public async Task A_plan_derives_the_months_required_check_points_and_checks()
    {
        var inspector = await _app.As("inspector");
        string[] freqs = ["daily", "weekly", "monthly", "quarterly", "semiannual", "annual"];
        var items = new List<Guid>();
        foreach (var f in freqs)
            items.Add(await NewItemAsync(inspector, $"P-{f}", f));
        var project = await NewProjectAsync("计划测试大厦");
        var plan = await inspector
            .PostJsonAsync(
                "/api/v1/inspection-plans",
                new
                {
                    name = "测试计划",
                    level = "quality_department",
                    startMonth = Month,
                    projectIds = new[] { project },
                    checkItemIds = items,
                }
            )
            .OkAsync();
        var required = plan.GetProperty("required")[0];
        // 1 + 1 + 1 + 1/3 + 1/6 + 1/12 = 3.58
        Assert.Equal(3.58m, required.GetProperty("requiredPoints").GetDecimal());
        var days = DateTime.DaysInMonth(Today.Year, Today.Month);
        Assert.Equal(Math.Round(days + days / 7m + 1 + 1m / 3 + 1m / 6 + 1m / 12, 2), required.GetProperty("requiredChecks").GetDecimal());
        var due = await inspector.GetJsonAsync($"/api/v1/inspections/due?projectId={project}");
        Assert.Equal(6, due.GetArrayLength());
    }

    [Fact]
    public async Task A_finding_without_a_type_is_refused()
    {
        var inspector = await _app.As("inspector");
        var item = await NewItemAsync(inspector, "T-NOTYPE", "monthly");
        var res = await inspector.PostJsonAsync(
            "/api/v1/inspections",
            new
            {
                projectId = _office,
                place = "大堂",
                results = new[]
                {
                    new
                    {
                        checkItemId = item,
                        sampleCount = 2,
                        findings = new[] { new { description = "地面有污渍" } },
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("results[0].findings[0].type", out _));
    }

    [Theory]
    [InlineData("/api/v1/inspections", """{"projectId":"00000000-0000-0000-0000-000000000001","place":"x","results":[null]}""")]
    [InlineData(
        "/api/v1/inspections",
        """{"projectId":"00000000-0000-0000-0000-000000000001","place":"x","results":["""
            + """{"checkItemId":"00000000-0000-0000-0000-000000000001","findings":[null]}]}"""
    )]
    [InlineData(
        "/api/v1/mystery-audits",
        """{"projectId":"00000000-0000-0000-0000-000000000001","month":"2026-11","title":"x","items":[null]}"""
    )]
    [InlineData("/api/v1/wave-inspections", """{"name":"x","startsAt":"2026-11-20T00:00:00Z","slots":[null,null]}""")]
    [InlineData(
        "/api/v1/check-items",
        """{"code":"x","area":"safety","description":"x","frequency":"monthly","pointsPerDeduction":"many"}"""
    )]
    public async Task Malformed_bodies_get_a_400_not_a_500(string url, string json)
    {
        var inspector = await _app.As("inspector");
        var res = await inspector.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task A_deadline_in_the_past_is_refused_and_nothing_is_written()
    {
        var inspector = await _app.As("inspector");
        var item = await NewItemAsync(inspector, "T-PAST", "monthly");
        var before = await _app.DbAsync(db => db.Set<Wuye.Modules.Inspections.Domain.Inspection>().CountAsync());
        var res = await inspector.PostJsonAsync(
            "/api/v1/inspections",
            new
            {
                projectId = _office,
                place = "大堂",
                results = new[]
                {
                    new
                    {
                        checkItemId = item,
                        sampleCount = 2,
                        findings = new[]
                        {
                            new
                            {
                                type = "rectification",
                                description = "地面有污渍",
                                requiredAction = "清洁",
                                deadline = Today.AddDays(-1),
                            },
                        },
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("results[0].findings[0].deadline", out _));
        Assert.Equal(before, await _app.DbAsync(db => db.Set<Wuye.Modules.Inspections.Domain.Inspection>().CountAsync()));
    }

    [Fact]
    public async Task A_deduction_raises_a_notice_that_only_someone_other_than_the_fixer_may_close_on_its_date()
    {
        var inspector = await _app.As("inspector");
        var pm = await _app.As("pm");
        var item = await NewItemAsync(inspector, "T-FLOW", "monthly", points: 3);
        var upload = new MultipartFormDataContent();
        var png = new ByteArrayContent(FileTests.Png);
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(png, "file", "堆物.png");
        var photo = (await inspector.PostAsync($"/api/v1/files?projectId={_garden}", upload).OkAsync()).GetProperty("id").GetGuid();

        var inspection = await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = _garden,
                    place = "3 幢消防通道",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 3,
                            sampleNote = "抽查 3 处",
                            photoIds = new[] { photo },
                            findings = new[]
                            {
                                new
                                {
                                    type = "deduction",
                                    points = (decimal?)null,
                                    description = "通道堆放杂物",
                                    requiredAction = "清理并拍照",
                                    deadline = Today.AddDays(2),
                                    reverifyOn = Today.AddDays(3),
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        var finding = inspection.GetProperty("results")[0].GetProperty("findings")[0];
        Assert.Equal(3m, finding.GetProperty("points").GetDecimal()); // the item's points per deduction
        var noticeId = finding.GetProperty("noticeId").GetGuid();

        // The notice goes to the project: its project manager is the responsible person.
        var mine = await pm.GetJsonAsync("/api/v1/improvement-notices?mine=true&status=open");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == noticeId);

        var early = await inspector.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reverify", new { passed = true });
        Assert.Equal("improvement_notice.not_replied", (await early.JsonAsync()).GetProperty("code").GetString());

        await pm.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reply", new { text = "已清理完毕", photoIds = new[] { photo } })
            .OkAsync();

        var self = await pm.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reverify", new { passed = true });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("improvement_notice.verifier_is_fixer", (await self.JsonAsync()).GetProperty("code").GetString());

        var notDue = await inspector.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reverify", new { passed = true });
        Assert.Equal("improvement_notice.reverify_not_due", (await notDue.JsonAsync()).GetProperty("code").GetString());

        _clock.Advance(TimeSpan.FromDays(3));
        _app.ForgetTokens(); // tokens expire on the moved clock too
        inspector = await _app.As("inspector");
        pm = await _app.As("pm");
        var pastDeadline = await inspector.PostJsonAsync(
            $"/api/v1/improvement-notices/{noticeId}/reverify",
            new { passed = false, newDeadline = Today.AddDays(-1) }
        );
        Assert.Equal(HttpStatusCode.BadRequest, pastDeadline.StatusCode);

        var reopened = await inspector
            .PostJsonAsync(
                $"/api/v1/improvement-notices/{noticeId}/reverify",
                new
                {
                    passed = false,
                    note = "仍有杂物",
                    newDeadline = Today.AddDays(1),
                }
            )
            .OkAsync();
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Equal(2, reopened.GetProperty("round").GetInt32());

        await pm.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reply", new { text = "已全部清走" }).OkAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        _app.ForgetTokens();
        inspector = await _app.As("inspector");
        var closed = await inspector
            .PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reverify", new { passed = true, note = "已整改" })
            .OkAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.Inspections.Domain.Finding>()
                    .AnyAsync(f => f.Id == finding.GetProperty("id").GetGuid() && f.ClosedAt != null)
            )
        );
    }

    [Fact]
    public async Task Metrics_are_computed_from_the_plan_and_the_checks_done()
    {
        var inspector = await _app.As("inspector");
        var office = await NewProjectAsync("指标测试大厦");
        var manager = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync());
        var daily = await NewItemAsync(inspector, "M-D", "daily", 1);
        var monthly = await NewItemAsync(inspector, "M-M", "monthly", 2);
        var quarterly = await NewItemAsync(inspector, "M-Q", "quarterly", 2);
        await inspector
            .PostJsonAsync(
                "/api/v1/inspection-plans",
                new
                {
                    name = "国贸中心月查",
                    level = "quality_department",
                    startMonth = Month,
                    projectIds = new[] { office },
                    checkItemIds = new[] { daily, monthly, quarterly },
                }
            )
            .OkAsync();
        var due = await inspector.GetJsonAsync($"/api/v1/inspections/due?projectId={office}");
        Guid Line(Guid item) =>
            due.EnumerateArray().First(d => d.GetProperty("checkItemId").GetGuid() == item).GetProperty("planLineId").GetGuid();
        var dailyLine = Line(daily);
        var monthlyLine = Line(monthly);

        // Checked: the daily and the monthly point, with a suggestion and a deduction; one item has no samples (not traceable).
        await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = office,
                    place = "A座大堂",
                    results = new object[]
                    {
                        new
                        {
                            checkItemId = daily,
                            planLineId = dailyLine,
                            sampleCount = 2,
                            findings = new[]
                            {
                                new
                                {
                                    type = "suggestion",
                                    description = "建议增加标识",
                                    responsibleUserId = manager,
                                },
                            },
                        },
                        new
                        {
                            checkItemId = monthly,
                            planLineId = monthlyLine,
                            sampleCount = 0,
                            findings = new[]
                            {
                                new
                                {
                                    type = "deduction",
                                    description = "灭火器过期",
                                    requiredAction = "更换",
                                    deadline = Today.AddDays(1),
                                    responsibleUserId = manager,
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        var due2 = await inspector.GetJsonAsync($"/api/v1/inspections/due?projectId={office}");
        Assert.Equal(1, due2.GetArrayLength()); // only the quarterly point is still due this period

        var report = await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={office}");
        var row = report.GetProperty("rows").EnumerateArray().Single();
        var days = DateTime.DaysInMonth(Today.Year, Today.Month);
        Assert.Equal(2.33m, row.GetProperty("requiredPoints").GetDecimal()); // 1 + 1 + 1/3
        Assert.Equal(2, row.GetProperty("donePoints").GetInt32());
        Assert.Equal(Math.Round(2 / (2 + 1m / 3), 4), row.GetProperty("coverage").GetDecimal());
        Assert.Equal(Math.Round(2 / (days + 1 + 1m / 3), 4), row.GetProperty("frequencyCompletion").GetDecimal());
        Assert.Equal(0.5m, row.GetProperty("traceability").GetDecimal());
        Assert.Equal(0m, row.GetProperty("closure").GetDecimal());
        Assert.Equal(0.5m, row.GetProperty("deductionRatio").GetDecimal());
        var rank = report.GetProperty("ranking").EnumerateArray().Single();
        Assert.Equal(98m, rank.GetProperty("score").GetDecimal());

        // A month with no plan: 0%, not an error.
        var empty = await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month=2001-01&projectId={office}");
        Assert.Equal(0m, empty.GetProperty("total").GetProperty("coverage").GetDecimal());
        Assert.Equal(0, empty.GetProperty("rows").GetArrayLength());

        // Another company's manager sees none of it.
        var other = await _app.As("manager2");
        var theirs = await other.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={office}");
        Assert.Equal(0, theirs.GetProperty("rows").GetArrayLength());
    }

    private static ByteArrayContent XlsxContent(byte[] bytes)
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return c;
    }

    private static MultipartFormDataContent Xlsx(params string[][] rows)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                    row.Append(
                        new Cell
                        {
                            CellReference = $"{(char)('A' + c)}{r + 1}",
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(rows[r][c])),
                        }
                    );
                data.Append(row);
            }
            ws.Worksheet = new Worksheet(data);
            wb.Workbook.AppendChild(
                new Sheets(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(ws),
                        SheetId = 1,
                        Name = "标准库",
                    }
                )
            );
        }
        var form = new MultipartFormDataContent();
        form.Add(XlsxContent(ms.ToArray()), "file", "标准库.xlsx");
        return form;
    }
}
