using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>The import tests' app: uploads above 2 MB are refused.</summary>
public sealed class ImportApp(TestCluster cluster) : SharedApp(cluster)
{
    protected override Dictionary<string, string?> Settings => new() { ["Wuye:Import:MaxBytes"] = (2 * 1024 * 1024).ToString() };
}

/// <summary>Imports into an empty project of each test's own (the app is the class's).</summary>
public sealed class ImportTests(ImportApp shared) : IClassFixture<ImportApp>, IAsyncLifetime
{
    private static int _projects;
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);
    private Guid _project;

    public async ValueTask InitializeAsync() => _project = await NewProjectAsync($"新城花园{Interlocked.Increment(ref _projects)}");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<Guid> NewProjectAsync(string name)
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var res = await manager.PostJsonAsync(
            "/api/v1/projects",
            new
            {
                companyId = company,
                name,
                kind = "residential",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(
        byte[] content,
        string fileName,
        string user = "manager",
        Guid? project = null,
        string? lang = null
    )
    {
        var client = await _app.As(user);
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports?projectId={project ?? _project}")
        {
            Content = Workbooks.Upload(content, fileName),
        };
        if (lang is not null)
            req.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(lang));
        var res = await client.SendAsync(req);
        return (res.StatusCode, await res.JsonAsync());
    }

    private static IEnumerable<JsonElement> Rows(JsonElement report) => report.GetProperty("rows").EnumerateArray();

    private static IEnumerable<(int Row, string Column, string Value, string Message)> Errors(JsonElement report) =>
        Rows(report)
            .SelectMany(r =>
                r.GetProperty("errors")
                    .EnumerateArray()
                    .Select(e =>
                        (
                            r.GetProperty("row").GetInt32(),
                            e.GetProperty("column").GetString()!,
                            e.GetProperty("value").GetString()!,
                            e.GetProperty("message").GetString()!
                        )
                    )
            );

    private Task<int> UnitsInProjectAsync(Guid? project = null) =>
        _app.DbAsync(db => db.Units().CountAsync(u => u.ProjectId == (project ?? _project)));

    private static byte[] Community() =>
        Workbooks.Xlsx(
            new TestSheet("房屋", Workbooks.Units(2, 3, 2)),
            new TestSheet(
                "住户",
                [
                    Workbooks.ResidentHeaders,
                    ["1幢", "101", "业主1小孩", "家庭成员", "子女", null, null, "2012-03-04", null, null],
                    ["2幢", "302", "租客甲", "租户", null, "13900001111", "330824201009010021", null, "2024/1/1", "2025年12月31日"],
                ]
            ),
            new TestSheet(
                "车位",
                [
                    Workbooks.ParkingHeaders,
                    ["B1-001", "固定", "地下一层", "有", "1幢", "101"],
                    ["B1-002", "公共", "地下一层", null, null, null],
                ]
            ),
            new TestSheet(
                "设施设备",
                [Workbooks.AssetHeaders, ["DT-1-01", "1幢1号电梯", "电梯", "1幢", "1幢大堂", "通力电梯维保", "2020-05-01", "#46143"]]
            )
        );

    [Fact]
    public async Task A_dry_run_reports_every_row_and_imports_nothing_until_the_commit()
    {
        var (status, report) = await UploadAsync(Community(), "新城花园.xlsx");
        Assert.Equal(HttpStatusCode.Created, status);
        var batch = report.GetProperty("batch");
        Assert.Equal(0, batch.GetProperty("errors").GetInt32());
        Assert.Equal(12 + 2 + 2 + 1, batch.GetProperty("toCreate").GetInt32());
        Assert.Equal("checked", batch.GetProperty("status").GetString());
        Assert.Contains(Rows(report), r =>
            r.GetProperty("sheet").GetString() == "房屋"
            && r.GetProperty("row").GetInt32() == 2
            && r.GetProperty("key").GetString() == "1幢 101"
            && r.GetProperty("action").GetString() == "create"
            && r.GetProperty("changes").GetString()!.Contains("新建楼栋“1幢”")
        );
        Assert.Equal(0, await UnitsInProjectAsync());

        var manager = await _app.As("manager");
        var commit = await manager.PostAsync($"/api/v1/imports/{batch.GetProperty("id").GetGuid()}/commit", null);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal("committed", (await commit.JsonAsync()).GetProperty("status").GetString());

        Assert.Equal(12, await UnitsInProjectAsync());
        var (unit, owner, child, tenant, space, asset) = await _app.DbAsync(async db =>
        {
            var u = await db.Units()
                .FirstAsync(x =>
                    x.ProjectId == _project && x.Number == "101" && db.Buildings().Any(b => b.Id == x.BuildingId && b.Name == "1幢")
                );
            var people = await (
                from o in db.UnitOccupants()
                join p in db.People() on o.PersonId equals p.Id
                where o.ProjectId == _project
                select new { o, p }
            ).ToListAsync();
            return (
                u,
                people.Single(x => x.p.Name == "业主1"),
                people.Single(x => x.p.Name == "业主1小孩"),
                people.Single(x => x.p.Name == "租客甲"),
                await db.Set<ParkingSpace>().SingleAsync(s => s.ProjectId == _project && s.Code == "B1-001"),
                await db.Set<Asset>().SingleAsync(a => a.ProjectId == _project && a.Code == "DT-1-01")
            );
        });
        Assert.Equal(81.5m, unit.Area);
        Assert.Equal(new DateOnly(2023, 6, 30), unit.WarrantyEnd);
        Assert.Equal(OccupantRelation.Owner, owner.o.Relation);
        Assert.Equal("13100000001", owner.p.Phone);
        Assert.Equal(OccupantRelation.Family, child.o.Relation);
        Assert.Equal("子女", child.o.Kinship);
        Assert.Equal(new DateOnly(2012, 3, 4), child.p.Birthday);
        Assert.Equal(new DateOnly(2025, 12, 31), tenant.o.Until);
        Assert.Equal(new DateOnly(2010, 9, 1), tenant.p.Birthday); // from the ID number
        Assert.True(space.HasLock);
        Assert.Equal(unit.Id, space.UnitId);
        Assert.Equal(owner.p.Id, space.HolderPersonId);
        Assert.Equal(new DateOnly(2026, 5, 1), asset.NextInspection); // an Excel date serial
        Assert.NotNull(asset.VendorId);

        // Every created record has its history, as private as the record.
        var history = await manager.GetJsonAsync($"/api/v1/change-logs?entityId={unit.Id}");
        Assert.Equal("created", history.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.Equal("manager", history.GetProperty("items")[0].GetProperty("userName").GetString());
        var outsider = await _app.As("manager2");
        Assert.Equal(0, (await outsider.GetJsonAsync($"/api/v1/change-logs?entityId={unit.Id}")).GetProperty("total").GetInt32());
        // An imported person's history keeps the phone masked, as the context's own saves do.
        var personLog = await _app.DbAsync(db => db.ChangeLogs.Where(l => l.EntityId == owner.p.Id).Select(l => l.After).SingleAsync());
        Assert.Contains("131****0001", personLog);
        Assert.DoesNotContain("13100000001", personLog);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        var project = await NewProjectAsync("重复导入苑");
        var file = Community();
        var (_, first) = await UploadAsync(file, "a.xlsx", project: project);
        var manager = await _app.As("manager");
        Assert.Equal(
            HttpStatusCode.OK,
            (await manager.PostAsync($"/api/v1/imports/{first.GetProperty("batch").GetProperty("id")}/commit", null)).StatusCode
        );
        var logsBefore = await _app.DbAsync(db =>
            db.ChangeLogs.CountAsync(l => l.ProjectId == project && l.EntityType != nameof(ImportBatch))
        );

        var (_, again) = await UploadAsync(file, "a.xlsx", project: project);
        var batch = again.GetProperty("batch");
        Assert.Equal(0, batch.GetProperty("toCreate").GetInt32());
        Assert.Equal(0, batch.GetProperty("toUpdate").GetInt32());
        Assert.Equal(17, batch.GetProperty("unchanged").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/v1/imports/{batch.GetProperty("id")}/commit", null)).StatusCode);
        Assert.Equal(
            logsBefore,
            await _app.DbAsync(db => db.ChangeLogs.CountAsync(l => l.ProjectId == project && l.EntityType != nameof(ImportBatch)))
        );
        Assert.Equal(12, await UnitsInProjectAsync(project));
        Assert.Equal(14, await _app.DbAsync(db => db.UnitOccupants().CountAsync(o => o.ProjectId == project)));

        // A changed cell is an update of that field only.
        var rows = Workbooks.Units(2, 3, 2);
        rows[1][4] = "#99";
        var (_, changed) = await UploadAsync(Workbooks.Xlsx(new TestSheet("房屋", rows)), "b.xlsx", project: project);
        Assert.Equal(1, changed.GetProperty("batch").GetProperty("toUpdate").GetInt32());
        Assert.Contains(Rows(changed), r =>
            r.GetProperty("action").GetString() == "update" && r.GetProperty("changes").GetString() == "建筑面积"
        );
    }

    [Fact]
    public async Task A_GB18030_csv_saved_by_Chinese_Excel_is_read_like_UTF8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var csv = "楼栋,房号,建筑面积,业主姓名,业主手机\r\n9幢,101,88.5,欧阳娜,13812345678\r\n9幢,102,90,\"司马, 光\",\r\n";
        var (status, gbk) = await UploadAsync(Encoding.GetEncoding("GB18030").GetBytes(csv), "房屋.csv");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(0, gbk.GetProperty("batch").GetProperty("errors").GetInt32());
        Assert.Equal(["9幢 101", "9幢 102"], Rows(gbk).Select(r => r.GetProperty("key").GetString()!).ToArray());
        var (_, utf8) = await UploadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "房屋.csv");
        Assert.Equal(2, utf8.GetProperty("batch").GetProperty("toCreate").GetInt32());
        var manager = await _app.As("manager");
        await manager.PostAsync($"/api/v1/imports/{gbk.GetProperty("batch").GetProperty("id")}/commit", null);
        Assert.True(await _app.DbAsync(db => db.People().AnyAsync(p => p.ProjectId == _project && p.Name == "司马, 光")));
        Assert.True(await _app.DbAsync(db => db.People().AnyAsync(p => p.ProjectId == _project && p.Name == "欧阳娜")));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_row_column_value_and_reason_and_nothing_is_imported()
    {
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    Workbooks.UnitHeaders,
                    ["1幢", "101", null, "#1", "#90", null, "2021-06-30", null, "张三", "1381234", null],
                    ["1幢", "102", null, "#1", "#90", null, "2021/6/30", null, "李四", null, "330824198001011235"],
                    ["1幢", "103", null, "#1", "#90", null, "2021年6月30日", null, null, null, null],
                    ["1幢", "101", null, "#1", "#90", null, "30.06.2021", null, null, null, null],
                    ["1幢", "104", null, "一楼", "-5", null, null, null, null, null, null],
                ]
            ),
            new TestSheet(
                "住户",
                [
                    Workbooks.ResidentHeaders,
                    ["8幢", "101", "王五", "家庭成员", null, null, null, null, null, null],
                    ["1幢", "909", "赵六", "租户", null, null, null, null, null, null],
                    ["1幢", "103", "钱七", "朋友", null, null, null, null, null, null],
                ]
            )
        );
        var (status, report) = await UploadAsync(file, "bad.xlsx");
        Assert.Equal(HttpStatusCode.Created, status);
        var errors = Errors(report).ToList();
        Assert.Contains(errors, e =>
            e.Row == 2 && e.Column == "J 业主手机" && e.Value == "1381234" && e.Message.Contains("手机号格式不正确")
        );
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "K 业主身份证号" && e.Message.Contains("身份证号无效"));
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "B 房号" && e.Message.Contains("与第 2 行重复"));
        Assert.Contains(errors, e =>
            e.Row == 5 && e.Column == "G 交房日期" && e.Value == "30.06.2021" && e.Message.Contains("日期格式无法识别")
        );
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "D 楼层" && e.Value == "一楼");
        Assert.Contains(errors, e => e.Row == 6 && e.Column == "E 建筑面积" && e.Value == "-5");
        Assert.Contains(errors, e => e.Row == 2 && e.Column == "A 楼栋" && e.Value == "8幢" && e.Message.Contains("楼栋“8幢”不存在"));
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "B 房号" && e.Message.Contains("房屋“1幢 909”不存在"));
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "D 身份" && e.Value == "朋友");
        // Three date formats are all understood: rows 3 and 4 of 房屋 have no date error.
        Assert.DoesNotContain(errors, e => e.Row is 3 or 4 && e.Column == "G 交房日期");
        Assert.Equal(
            "create",
            Rows(report)
                .Single(r => r.GetProperty("sheet").GetString() == "房屋" && r.GetProperty("row").GetInt32() == 4)
                .GetProperty("action")
                .GetString()
        );

        var manager = await _app.As("manager");
        var commit = await manager.PostAsync($"/api/v1/imports/{report.GetProperty("batch").GetProperty("id")}/commit", null);
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.Equal("import.has_errors", (await commit.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(0, await UnitsInProjectAsync());
        Assert.False(await _app.DbAsync(db => db.Buildings().AnyAsync(b => b.ProjectId == _project)));
    }

    [Fact]
    public async Task Errors_are_in_English_for_an_English_caller()
    {
        var file = Workbooks.Xlsx(
            new TestSheet(
                "Units",
                [
                    ["Building", "Unit number", "Owner name", "Owner phone"],
                    ["1幢", "101", "Wang", "12345"],
                ]
            )
        );
        var (_, report) = await UploadAsync(file, "en.xlsx", lang: "en");
        var error = Errors(report).Single();
        Assert.Equal("D Owner phone", error.Column);
        Assert.Contains("Not a valid phone number", error.Message);
    }

    [Fact]
    public async Task Wrong_missing_or_duplicate_headers_are_named()
    {
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    ["楼栋", "房间编号", "面积", "面积"],
                    ["1幢", "101", "#80", "#80"],
                ]
            ),
            new TestSheet(
                "Sheet3",
                [
                    ["随便", "什么"],
                    ["1", "2"],
                ]
            )
        );
        var (_, report) = await UploadAsync(file, "headers.xlsx");
        var errors = Errors(report).ToList();
        Assert.Contains(errors, e => e.Column == "B" && e.Value == "房间编号" && e.Message.Contains("无法识别的列名"));
        Assert.Contains(errors, e => e.Column == "D" && e.Value == "面积" && e.Message.Contains("重复的列"));
        Assert.Contains(errors, e => e.Column == "房号" && e.Message.Contains("缺少必填列“房号”"));
        Assert.Contains(errors, e => e.Value == "Sheet3" && e.Message.Contains("无法识别的工作表"));
    }

    [Fact]
    public async Task Formulas_and_merged_cells_are_refused_with_their_place()
    {
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    Workbooks.UnitHeaders,
                    ["1幢", "101", null, "#1", "=80+10", null, null, null, null, null, null],
                    ["1幢", "102", null, "#1", "#80", null, null, null, null, null, null],
                    [null, "103", null, "#1", "#80", null, null, null, null, null, null],
                ],
                "A3:A4"
            )
        );
        var (_, report) = await UploadAsync(file, "formula.xlsx");
        var errors = Errors(report).ToList();
        Assert.Contains(errors, e => e.Row == 2 && e.Column == "E" && e.Value == "=80+10" && e.Message.Contains("公式"));
        Assert.Contains(errors, e => e.Row == 3 && e.Value == "A3:A4" && e.Message.Contains("合并单元格"));
        var csv = Encoding.UTF8.GetBytes("楼栋,房号,建筑面积\n1幢,101,=SUM(A1:A2)\n");
        var (_, fromCsv) = await UploadAsync(csv, "f.csv");
        Assert.Contains(Errors(fromCsv), e => e.Row == 2 && e.Column == "C" && e.Message.Contains("公式"));
    }

    public static TheoryData<string, byte[], string> UnreadableFiles() =>
        new()
        {
            { "empty.xlsx", [], "文件是空的" },
            { "renamed.xlsx", Encoding.UTF8.GetBytes("%PDF-1.4 this is not a workbook"), "不是 Excel 工作簿" },
            { "broken.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "无法打开这个 Excel 文件" },
            { "old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "另存为 .xlsx" },
            { "photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2], "只支持 .xlsx 和 .csv" },
            { "huge.csv", new byte[3 * 1024 * 1024], "文件超过 2 MB 的上限" },
        };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task An_unreadable_file_gets_a_clear_error_and_nothing_is_kept(string name, byte[] content, string message)
    {
        var batchesBefore = await _app.DbAsync(db => db.Set<ImportBatch>().CountAsync());
        var (status, body) = await UploadAsync(content, name);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, body.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(batchesBefore, await _app.DbAsync(db => db.Set<ImportBatch>().CountAsync()));
    }

    [Fact]
    public async Task A_file_with_only_headers_says_there_is_nothing_to_import()
    {
        var (_, report) = await UploadAsync(Encoding.UTF8.GetBytes("楼栋,房号\r\n"), "empty-rows.csv");
        Assert.Contains(Errors(report), e => e.Message.Contains("没有可导入的数据"));
    }

    [Fact]
    public async Task A_committed_import_cannot_be_committed_again()
    {
        var project = await NewProjectAsync("两次提交苑");
        var (_, report) = await UploadAsync(Workbooks.Xlsx(new TestSheet("房屋", Workbooks.Units(1, 1, 2))), "x.xlsx", project: project);
        var manager = await _app.As("manager");
        var url = $"/api/v1/imports/{report.GetProperty("batch").GetProperty("id")}/commit";
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync(url, null)).StatusCode);
        var again = await manager.PostAsync(url, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("import.already_committed", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(2, await UnitsInProjectAsync(project));
    }

    [Fact]
    public async Task Only_managers_of_the_project_may_import_and_others_do_not_see_the_batch()
    {
        var (forbidden, _) = await UploadAsync(Community(), "t.xlsx", user: "tech");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        var (_, report) = await UploadAsync(Community(), "t.xlsx");
        var id = report.GetProperty("batch").GetProperty("id").GetGuid();
        var outsider = await _app.As("manager2");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/imports/{id}/commit", null)).StatusCode);
        var (wrongProject, body) = await UploadAsync(Community(), "t.xlsx", user: "manager2");
        Assert.Equal(HttpStatusCode.BadRequest, wrongProject);
        Assert.True(body.GetProperty("errors").TryGetProperty("projectId", out _));
    }

    [Fact]
    public async Task The_untouched_template_imports_nothing_its_example_rows_are_marked_and_never_import()
    {
        var manager = await _app.As("manager");
        var res = await manager.GetAsync("/api/v1/imports/template?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var template = await res.Content.ReadAsByteArrayAsync();
        var project = await NewProjectAsync("模板苑");
        var (_, report) = await UploadAsync(template, "template.xlsx", project: project);
        Assert.Equal(0, report.GetProperty("batch").GetProperty("toCreate").GetInt32());
        Assert.Equal(0, report.GetProperty("batch").GetProperty("toUpdate").GetInt32());
        Assert.Contains(Errors(report), e => e.Message.Contains("没有可导入的数据"));
        var commit = await manager.PostAsync($"/api/v1/imports/{report.GetProperty("batch").GetProperty("id")}/commit", null);
        Assert.NotEqual(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(0, await UnitsInProjectAsync(project));

        // The CSV template's example row is marked the same way.
        var csv = await (await manager.GetAsync("/api/v1/imports/template?format=csv&sheet=parking")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("车位编号,类型", lines[0]);
        Assert.StartsWith("【示例】", lines[1]);
        var (_, fromCsv) = await UploadAsync(Encoding.UTF8.GetBytes(csv), "parking.csv", project: project);
        Assert.Equal(0, fromCsv.GetProperty("batch").GetProperty("toCreate").GetInt32());
    }

    [Fact]
    public async Task Filling_only_the_units_sheet_of_the_template_imports_it_and_the_sheets_left_empty_are_skipped()
    {
        var project = await NewProjectAsync("只填房屋苑");
        // The template's four sheets, as a user leaves them: units filled under the example row, the others untouched.
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    Workbooks.UnitHeaders,
                    ["【示例】1幢", "101", "东区", "1", "89.5", null, null, null, "王伟", "13812345678", null],
                    ["8幢", "801", null, "8", null, null, null, null, null, null, null],
                    ["8幢", "802", null, "8", null, null, null, null, null, null, null],
                ]
            ),
            new TestSheet("住户", [Workbooks.ResidentHeaders]),
            new TestSheet("车位", [Workbooks.ParkingHeaders]),
            new TestSheet("设施设备", [Workbooks.AssetHeaders])
        );
        var (status, report) = await UploadAsync(file, "只填房屋.xlsx", project: project);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(0, report.GetProperty("batch").GetProperty("errors").GetInt32());
        Assert.Equal(2, report.GetProperty("batch").GetProperty("toCreate").GetInt32()); // two units (and their building)
        var manager = await _app.As("manager");
        await manager.PostAsync($"/api/v1/imports/{report.GetProperty("batch").GetProperty("id")}/commit", null).OkAsync();
        Assert.Equal(2, await UnitsInProjectAsync(project));
        Assert.Equal(0, await _app.DbAsync(db => db.Units().CountAsync(u => u.ProjectId == project && u.Number == "101")));
    }
}
