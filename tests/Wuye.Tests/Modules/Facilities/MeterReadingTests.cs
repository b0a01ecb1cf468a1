using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Meters through the API: a manager registers a meter for the technician; four months of ordinary readings; a reading five times
/// the usual use is flagged, becomes the technician's task (told, listed as open), and is resolved with a note.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class MeterReadingTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_reading_five_times_the_usual_use_is_flagged_and_becomes_the_responsible_technicians_task()
    {
        var (project, tech) = await _app.DbAsync(async db =>
        {
            var t = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var p = await db.RoleAssignments.Where(r => r.UserId == t && r.ProjectId != null).Select(r => r.ProjectId!.Value).FirstAsync();
            return (p, t);
        });
        var pm = await _app.As("pm");
        var code = $"T-{Guid.NewGuid():N}"[..12];
        var bad = await pm.PostJsonAsync(
            "/api/v1/meters",
            new
            {
                projectId = project,
                code,
                multiplier = -1,
            }
        );
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("name", out _) && errors.TryGetProperty("kind", out _) && errors.TryGetProperty("multiplier", out _)
        );
        var meter = await pm.PostJsonAsync(
                "/api/v1/meters",
                new
                {
                    projectId = project,
                    code,
                    name = "地下车库照明",
                    kind = "electricity",
                    multiplier = 10m,
                    responsibleUserId = tech,
                }
            )
            .OkAsync();
        var meterId = meter.GetProperty("id").GetGuid();
        var dup = await pm.PostJsonAsync(
            "/api/v1/meters",
            new
            {
                projectId = project,
                code,
                name = "x",
                kind = "water",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);

        var tech1 = await _app.As("tech");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        // Uses of 100, 110 and 90 (× 10) over the three months before this one.
        decimal[] values = [1000m, 1100m, 1210m, 1300m];
        for (var i = 0; i < values.Length; i++)
        {
            var r = await tech1
                .PostJsonAsync(
                    "/api/v1/meter-readings",
                    new
                    {
                        meterId,
                        value = values[i],
                        readOn = today.AddMonths(i - 4).ToString("yyyy-MM-dd"),
                    }
                )
                .OkAsync();
            Assert.Empty(r.GetProperty("anomalies").EnumerateArray());
        }
        var spike = await tech1.PostJsonAsync("/api/v1/meter-readings", new { meterId, value = 1800m }).OkAsync();
        Assert.Equal(5000m, spike.GetProperty("consumption").GetDecimal());
        Assert.Equal(["AboveMedian"], spike.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(tech, spike.GetProperty("assigneeUserId").GetGuid());
        var id = spike.GetProperty("id").GetGuid();

        // The technician's task: told, and listed among the open abnormal readings.
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .CountAsync(m =>
                    m.Channel == NotificationChannel.InApp && m.RecipientUserId == tech && m.Link == $"/facilities/meters?reading={id}"
                )
        );
        Assert.Equal(1, told);
        var open = await tech1.GetJsonAsync($"/api/v1/meter-readings?meterId={meterId}&open=true");
        Assert.Equal([id], open.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // A second reading this month is a duplicate; resolving closes the task, once.
        var again = await tech1.PostJsonAsync("/api/v1/meter-readings", new { meterId, value = 1810m }).OkAsync();
        Assert.Contains("Duplicate", again.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
        var resolved = await tech1
            .PostJsonAsync($"/api/v1/meter-readings/{id}/resolution", new { note = "车库照明定时器故障，已修复" })
            .OkAsync();
        Assert.NotNull(resolved.GetProperty("resolvedNote").GetString());
        var twice = await tech1.PostJsonAsync($"/api/v1/meter-readings/{id}/resolution", new { note = "再次" });
        Assert.Equal("meter_reading.resolved", (await twice.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(project, (await pm.GetJsonAsync($"/api/v1/meters/{meterId}")).GetProperty("projectId").GetGuid());
    }

    /// <summary>An .xlsx made as a person would: the Chinese header, then one reading a row (MiniExcel writes numbers and dates as
    /// such, text as text).</summary>
    internal static byte[] Xlsx(params (object? Code, object? Value, object? ReadOn)[] rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(
            rows.Select(r => new Dictionary<string, object?>
                {
                    ["表号"] = r.Code,
                    ["读数"] = r.Value,
                    ["抄表日期"] = r.ReadOn,
                })
                .ToList()
        );
        return ms.ToArray();
    }

    internal static Task<HttpResponseMessage> ImportAsync(HttpClient client, byte[] file, bool dryRun, string name = "抄表.xlsx")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(part, "file", name);
        return client.PostAsync($"/api/v1/meter-readings/import?dryRun={(dryRun ? "true" : "false")}", form);
    }

    [Fact]
    public async Task An_xlsx_import_checks_every_row_writes_all_or_none_and_flags_a_spike_as_by_hand()
    {
        var (project, tech, foreignProject) = await _app.DbAsync(async db =>
        {
            var t = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var p = await db.RoleAssignments.Where(r => r.UserId == t && r.ProjectId != null).Select(r => r.ProjectId!.Value).FirstAsync();
            var m2 = await db.Users.Where(u => u.UserName == "manager2").Select(u => u.Id).FirstAsync();
            var c2 = await db
                .RoleAssignments.Where(r => r.UserId == m2 && r.CompanyId != null)
                .Select(r => r.CompanyId!.Value)
                .FirstAsync();
            var f = await db.ProjectRefs().Where(x => x.CompanyId == c2).Select(x => x.Id).FirstAsync();
            return (p, t, f);
        });
        var pm = await _app.As("pm");
        var code = $"X-{Guid.NewGuid():N}"[..12];
        var meter = await pm.PostJsonAsync(
                "/api/v1/meters",
                new
                {
                    projectId = project,
                    code,
                    name = "地下车库照明",
                    kind = "electricity",
                    multiplier = 10m,
                    responsibleUserId = tech,
                }
            )
            .OkAsync();
        var meterId = meter.GetProperty("id").GetGuid();
        // Another company's meter: unknown to the technician, whatever its number.
        var foreign = $"F-{Guid.NewGuid():N}"[..12];
        await (await _app.As("manager2"))
            .PostJsonAsync(
                "/api/v1/meters",
                new
                {
                    projectId = foreignProject,
                    code = foreign,
                    name = "外司表",
                    kind = "water",
                }
            )
            .OkAsync();
        var tech1 = await _app.As("tech");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        DateTime Day(int months) => today.AddMonths(months).ToDateTime(TimeOnly.MinValue);
        async Task<int> Readings() => (await tech1.GetJsonAsync($"/api/v1/meter-readings?meterId={meterId}")).GetArrayLength();

        // A file with errors: the dry run names each row's field; the commit refuses the whole file.
        var bad = Xlsx(
            (code, 1000, Day(-4)),
            ("NO-SUCH-METER", 5, Day(0)),
            (code, "abc", Day(-3)),
            (code, 1100, "2026-13-40"),
            (code, 1100, today.AddDays(1).ToString("yyyy-MM-dd")),
            (code, 1050, Day(-4)),
            (foreign, 10, Day(0))
        );
        var check = await ImportAsync(tech1, bad, dryRun: true).OkAsync();
        Assert.False(check.GetProperty("saved").GetBoolean());
        var lines = check.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], lines.Select(l => l.GetProperty("row").GetInt32()));
        string Fields(int i) =>
            string.Join(",", lines[i].GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Equal(["", "meterCode", "value", "readOn", "readOn", "readOn", "meterCode"], Enumerable.Range(0, 7).Select(Fields));
        Assert.StartsWith("第 3 行", lines[1].GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(6, check.GetProperty("withErrors").GetInt32());
        var refused = await ImportAsync(tech1, bad, dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("rows[3].meterCode", out _) && errors.TryGetProperty("rows[8].meterCode", out _));
        Assert.Equal(0, await Readings());

        // Four months of ordinary use (100, 110, 90 × 10) and today's reading at five times it (no date: today).
        var good = Xlsx((code, 1000, Day(-4)), (code, 1100, Day(-3)), (code, 1210, Day(-2)), (code, 1300, Day(-1)), (code, 1800, null));
        var preview = await ImportAsync(tech1, good, dryRun: true).OkAsync();
        var spike = preview.GetProperty("lines")[4];
        Assert.Equal(
            (5000m, "AboveMedian"),
            (spike.GetProperty("consumption").GetDecimal(), spike.GetProperty("anomalies")[0].GetString())
        );
        Assert.Equal(
            (5, 1, false),
            (preview.GetProperty("good").GetInt32(), preview.GetProperty("flagged").GetInt32(), preview.GetProperty("saved").GetBoolean())
        );
        Assert.Equal(0, await Readings());

        var saved = await ImportAsync(tech1, good, dryRun: false).OkAsync();
        Assert.True(saved.GetProperty("saved").GetBoolean());
        var list = (await tech1.GetJsonAsync($"/api/v1/meter-readings?meterId={meterId}")).EnumerateArray().ToList();
        Assert.Equal(5, list.Count);
        Assert.All(list, r => Assert.Equal("import", r.GetProperty("source").GetString(), StringComparer.OrdinalIgnoreCase));
        var flagged = Assert.Single(list, r => r.GetProperty("anomalies").GetArrayLength() > 0);
        Assert.Equal((5000m, tech), (flagged.GetProperty("consumption").GetDecimal(), flagged.GetProperty("assigneeUserId").GetGuid()));
        var id = flagged.GetProperty("id").GetGuid();
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.RecipientUserId == tech && m.Link == $"/facilities/meters?reading={id}" && m.Channel == NotificationChannel.InApp
                    )
            )
        );

        // The same file again: every month is already read.
        var again = await ImportAsync(tech1, good, dryRun: true).OkAsync();
        Assert.Equal(5, again.GetProperty("withErrors").GetInt32());

        // Not a workbook, or too large: one error on the file, never a 500.
        var notXlsx = await ImportAsync(tech1, "表号,读数\nA,1"u8.ToArray(), dryRun: true, name: "readings.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, notXlsx.StatusCode);
        Assert.True((await notXlsx.JsonAsync()).GetProperty("errors").TryGetProperty("file", out _));
        var huge = await ImportAsync(tech1, new byte[(5 << 20) + 1], dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True((await huge.JsonAsync()).GetProperty("errors").TryGetProperty("file", out _));

        // The template lists the meters to read, under the header the import reads.
        var template = await tech1.GetByteArrayAsync($"/api/v1/meter-readings/import-template?projectId={project}");
        var rows = new MemoryStream(template).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (r["表号"] as string) == code);
        Assert.True(rows[0].ContainsKey("读数") && rows[0].ContainsKey("抄表日期"));
    }

    [Fact]
    public async Task The_energy_analysis_gives_each_building_its_months_against_last_year_from_the_readings()
    {
        var (project, building) = await _app.DbAsync(async db =>
        {
            var t = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var p = await db.RoleAssignments.Where(r => r.UserId == t && r.ProjectId != null).Select(r => r.ProjectId!.Value).FirstAsync();
            var b = await db.BuildingRefs().Where(x => x.ProjectId == p).OrderBy(x => x.Name).Select(x => x.Id).FirstAsync();
            return (p, b);
        });
        var pm = await _app.As("pm");
        async Task<Guid> MeterAsync(decimal multiplier, Guid? master = null) => (
                await pm.PostJsonAsync(
                        "/api/v1/meters",
                        new
                        {
                            projectId = project,
                            code = $"B-{Guid.NewGuid():N}"[..12],
                            name = "楼栋能耗",
                            kind = "electricity",
                            buildingId = building,
                            multiplier,
                            masterMeterId = master,
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
        var m1 = await MeterAsync(1m);
        var m2 = await MeterAsync(2m);
        var sub = await MeterAsync(1m, m1);
        // A year already over, so no date is in the future: Y-1 and Y, March and April.
        var y = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year - 1;
        async Task Read(Guid meter, int year, int month, decimal value) =>
            await pm.PostJsonAsync(
                    "/api/v1/meter-readings",
                    new
                    {
                        meterId = meter,
                        value,
                        readOn = $"{year}-{month:D2}-10",
                    }
                )
                .OkAsync();
        await Read(m1, y - 1, 3, 100);
        await Read(m1, y - 1, 4, 150); // April last year: 50
        await Read(m1, y, 3, 200); // March: 50
        await Read(m1, y, 4, 280); // April: 80
        await Read(m2, y, 3, 10);
        await Read(m2, y, 4, 40); // April: 30 × 2 = 60
        await Read(sub, y, 3, 0);
        await Read(sub, y, 4, 30); // a sub-meter of m1: not counted again in its building

        var report = await pm.GetJsonAsync($"/api/v1/energy-analysis?projectId={project}&year={y}");
        var line = Assert.Single(report.GetProperty("buildings").EnumerateArray(), b =>
            b.GetProperty("buildingId").ValueKind != System.Text.Json.JsonValueKind.Null
            && b.GetProperty("buildingId").GetGuid() == building
        );
        decimal[] Months(System.Text.Json.JsonElement e, string name) =>
            [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetDecimal())];
        Assert.Equal([0, 0, 50, 140, 0, 0, 0, 0, 0, 0, 0, 0], Months(line, "months"));
        Assert.Equal([0, 0, 0, 50, 0, 0, 0, 0, 0, 0, 0, 0], Months(line, "lastYear"));
        Assert.Equal((190m, 50m), (line.GetProperty("total").GetDecimal(), line.GetProperty("lastYearTotal").GetDecimal()));
        var change = line.GetProperty("change");
        Assert.Equal((180m, System.Text.Json.JsonValueKind.Null), (change[3].GetDecimal(), change[2].ValueKind));
        var first = Assert.Single(report.GetProperty("meters").EnumerateArray(), m => m.GetProperty("meterId").GetGuid() == m1);
        Assert.Equal((130m, 50m), (first.GetProperty("total").GetDecimal(), first.GetProperty("lastYearTotal").GetDecimal()));
    }
}
