using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// Conduct records from the companies' own figures: over a past half-year (2024H1, which no demo data reaches) 锦华 received four
/// effective complaints and closed three (75 % &lt; 90 %: bad conduct) and its owners were satisfied at 19 of 20 return visits
/// (95 %: good conduct); the other company closed both of its complaints (100 %: nothing). The app computes the figures, records what
/// the 开化 table's rules earn with the figure as evidence and the usual objection window, once; the company reads and objects to
/// its own, never runs the computation nor types such a record in.
/// </summary>
[Collection(nameof(RegulationApiCollection))]
public sealed class FigureConductApiTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private Task SeedFiguresAsync(Guid jinhua, Guid other) =>
        _app.DbAsync(async db =>
        {
            var n = 0;
            async Task ComplaintAsync(Guid company, bool effective, bool closed, int day)
            {
                var unit = await db.Units().Where(u => u.CompanyId == company).OrderBy(u => u.Id).FirstAsync();
                var at = new DateTimeOffset(2024, 3, day, 10, 0, 0, China).ToUniversalTime();
                db.Add(
                    new Complaint
                    {
                        CompanyId = company,
                        ProjectId = unit.ProjectId,
                        UnitId = unit.Id,
                        Number = $"FIG24-{company.ToString("N")[..8]}-{++n}",
                        Description = "测试投诉（按企业数据计分）",
                        ComplainantName = "测试业主",
                        ReceivedByName = "客服",
                        OwnerStaffName = "客服",
                        ReceivedAt = at,
                        ReceivedMonth = 202403,
                        ReplyDueAt = at.AddDays(1),
                        Effective = effective,
                        Status = closed ? ComplaintStatus.Closed : ComplaintStatus.Open,
                        ClosedAt = closed ? at.AddDays(1) : null,
                        RepliedAt = closed ? at.AddDays(1) : null,
                    }
                );
            }
            await ComplaintAsync(jinhua, true, true, 2);
            await ComplaintAsync(jinhua, true, true, 3);
            await ComplaintAsync(jinhua, true, true, 4);
            await ComplaintAsync(jinhua, true, false, 5);
            await ComplaintAsync(jinhua, false, false, 6);
            await ComplaintAsync(other, true, true, 2);
            await ComplaintAsync(other, true, true, 3);
            var project = await db.Projects().Where(p => p.CompanyId == jinhua).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            for (var i = 0; i < 20; i++)
                db.Add(
                    new ReturnVisit
                    {
                        CompanyId = jinhua,
                        ProjectId = project,
                        ServiceRequestId = Guid.NewGuid(),
                        WorkOrderId = Guid.NewGuid(),
                        Status = ReturnVisitStatus.Done,
                        DueAt = new DateTimeOffset(2024, 5, 10, 9, 0, 0, China).ToUniversalTime(),
                        VisitedAt = new DateTimeOffset(2024, 5, 10, 9, 0, 0, China).ToUniversalTime(),
                        Satisfied = i != 0,
                    }
                );
            return await db.SaveChangesAsync();
        });

    private static JsonElement Figure(JsonElement run, Guid company, string item) =>
        run.GetProperty("figures")
            .EnumerateArray()
            .Single(f => f.GetProperty("companyId").GetGuid() == company && f.GetProperty("itemCode").GetString() == item);

    [Fact]
    public Task The_app_scores_a_period_from_the_companies_own_figures_once_with_the_figure_as_evidence() =>
        RegulatorTableKit.KeepingTableAsync(_app, _ => ScoresOnceAsync());

    private async Task ScoresOnceAsync()
    {
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var jinhua = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var regulatorId = await _app.DbAsync(db => db.Companies().Where(c => c.Id == jinhua).Select(c => c.RegulatorId).FirstAsync());
        var other = await _app.DbAsync(db =>
            db.Companies().Where(c => c.RegulatorId == regulatorId && c.Id != jinhua).OrderBy(c => c.Name).Select(c => c.Id).FirstAsync()
        );
        await SeedFiguresAsync(jinhua, other);
        var table = await regulator.PostJsonAsync("/api/v1/credit-rating-tables", new { preset = "kaihua" }).OkAsync();
        Assert.Contains(table.GetProperty("items").EnumerateArray(), i =>
            i.GetProperty("figure").GetString() == "complaintHandlingRate" && i.GetProperty("whenBelow").GetBoolean()
        );

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await manager.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2024H1" })).StatusCode
        );
        var wrongKind = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2024" });
        Assert.Equal("credit_rating.period_kind", (await wrongKind.JsonAsync()).GetProperty("code").GetString());
        var badPeriod = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "H1-2024" });
        Assert.True((await badPeriod.JsonAsync()).GetProperty("errors").TryGetProperty("period", out _));

        // The button and the job at once: one computation waits for the other and finds its records.
        var twice = await Task.WhenAll(
            regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2024H1" }).OkAsync(),
            regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2024H1" }).OkAsync()
        );
        var run = twice.Single(r => Figure(r, jinhua, "complaint_handling_low").GetProperty("new").GetBoolean());
        var second = twice.Single(r => r.GetRawText() != run.GetRawText());
        Assert.False(Figure(second, jinhua, "complaint_handling_low").GetProperty("new").GetBoolean());
        Assert.Equal(
            Figure(run, jinhua, "complaint_handling_low").GetProperty("recordId").GetGuid(),
            Figure(second, jinhua, "complaint_handling_low").GetProperty("recordId").GetGuid()
        );
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<ConductRecord>()
                    .CountAsync(r => r.CompanyId == jinhua && r.ItemCode == "complaint_handling_low" && r.FigurePeriod == "2024H1")
            )
        );
        var handling = Figure(run, jinhua, "complaint_handling_low");
        Assert.Equal(
            (3, 4, 75.0m, true, true),
            (
                handling.GetProperty("numerator").GetInt32(),
                handling.GetProperty("denominator").GetInt32(),
                handling.GetProperty("percent").GetDecimal(),
                handling.GetProperty("fired").GetBoolean(),
                handling.GetProperty("new").GetBoolean()
            )
        );
        var satisfaction = Figure(run, jinhua, "satisfaction_rate");
        Assert.Equal(
            (19, 20, true),
            (
                satisfaction.GetProperty("numerator").GetInt32(),
                satisfaction.GetProperty("denominator").GetInt32(),
                satisfaction.GetProperty("fired").GetBoolean()
            )
        );
        var clean = Figure(run, other, "complaint_handling_low");
        Assert.Equal((100.0m, false), (clean.GetProperty("percent").GetDecimal(), clean.GetProperty("fired").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, Figure(run, other, "satisfaction_rate").GetProperty("percent").ValueKind);

        var created = run.GetProperty("created").EnumerateArray().Where(r => r.GetProperty("companyId").GetGuid() == jinhua).ToList();
        Assert.Equal(2, created.Count);
        var bad = created.Single(r => r.GetProperty("itemCode").GetString() == "complaint_handling_low");
        Assert.Equal(
            ("figures", "bad", 3m, "2024-06-30"),
            (
                bad.GetProperty("source").GetString(),
                bad.GetProperty("kind").GetString(),
                bad.GetProperty("points").GetDecimal(),
                bad.GetProperty("occurredOn").GetString()
            )
        );
        var evidence = bad.GetProperty("evidence").GetString()!;
        Assert.Contains("2024H1（2024-01-01 至 2024-06-30）", evidence);
        Assert.Contains("已办结的有效投诉 3 / 期内受理的有效投诉 4 = 75.0%", evidence);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime);
        Assert.Equal(
            today.AddDays(table.GetProperty("appealDays").GetInt32()).ToString("yyyy-MM-dd"),
            bad.GetProperty("appealUntil").GetString()
        );

        var again = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2024H1" }).OkAsync();
        Assert.DoesNotContain(again.GetProperty("created").EnumerateArray(), r => r.GetProperty("companyId").GetGuid() == jinhua);
        Assert.Equal(bad.GetProperty("id").GetGuid(), Figure(again, jinhua, "complaint_handling_low").GetProperty("recordId").GetGuid());

        var typed = await regulator.PostJsonAsync(
            "/api/v1/conduct-records",
            new
            {
                companyId = jinhua,
                itemCode = "complaint_handling_low",
                occurredOn = today.ToString("yyyy-MM-dd"),
                evidence = "手工录入",
            }
        );
        Assert.True((await typed.JsonAsync()).GetProperty("errors").TryGetProperty("itemCode", out _));

        var id = bad.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("manager2")).GetAsync($"/api/v1/conduct-records/{id}")).StatusCode);
        async Task<Guid> UploadAsync(HttpClient client, string place)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(Wuye.Tests.Platform.FileTests.Png);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "照片.png");
            return (await (await client.PostAsync($"/api/v1/files?{place}", form)).JsonAsync()).GetProperty("id").GetGuid();
        }
        async Task<Guid> PhotoAsync(HttpClient client, Guid company)
        {
            var project = await _app.DbAsync(db =>
                db.Projects().Where(p => p.CompanyId == company).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()
            );
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(Wuye.Tests.Platform.FileTests.Png);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "办结回执.png");
            return (await (await client.PostAsync($"/api/v1/files?projectId={project}", form)).JsonAsync()).GetProperty("id").GetGuid();
        }
        // The one attachment rule: a photo the objector uploaded for the company, never a colleague's nor a home's.
        var pm = await _app.As("pm");
        var pmProject = (await pm.GetJsonAsync("/api/v1/projects")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var colleagues = await UploadAsync(pm, $"projectId={pmProject}");
        var unit = await _app.DbAsync(db => db.Units().Where(u => u.CompanyId == jinhua).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());
        var homes = await UploadAsync(manager, $"unitId={unit}");
        foreach (var notMine in new[] { colleagues, homes })
        {
            var refusedFile = await manager.PostJsonAsync(
                $"/api/v1/conduct-records/{id}/objection",
                new { reason = "第 4 件投诉已于 7 月初办结", fileIds = new[] { notMine } }
            );
            Assert.True((await refusedFile.JsonAsync()).GetProperty("errors").TryGetProperty("fileIds", out _));
        }
        var foreign = await PhotoAsync(await _app.As("manager2"), other);
        var refused = await manager.PostJsonAsync(
            $"/api/v1/conduct-records/{id}/objection",
            new { reason = "第 4 件投诉已于 7 月初办结", fileIds = new[] { foreign } }
        );
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("fileIds", out _));
        var photo = await PhotoAsync(manager, jinhua);
        var objected = await manager
            .PostJsonAsync(
                $"/api/v1/conduct-records/{id}/objection",
                new { reason = "第 4 件投诉已于 7 月初办结", fileIds = new[] { photo } }
            )
            .OkAsync();
        Assert.Equal("第 4 件投诉已于 7 月初办结", objected.GetProperty("objection").GetString());
        Assert.Equal([photo], objected.GetProperty("objectionFileIds").EnumerateArray().Select(f => f.GetGuid()));
        var seen = await regulator.GetJsonAsync($"/api/v1/conduct-records/{id}");
        Assert.Equal([photo], seen.GetProperty("objectionFileIds").EnumerateArray().Select(f => f.GetGuid()));
        Assert.Equal(HttpStatusCode.OK, (await regulator.GetAsync($"/api/v1/files/{photo}")).StatusCode);
    }

    /// <summary>
    /// 2023H1's complaint handling rate is judged at a fixed cut-off — the period's end + the longest reply a complaint may be promised
    /// (30 days: 2023-07-31 00:00) — so it is the same whenever it is computed (moved clock): 锦华 replied to one complaint in June, to
    /// one received on the last evening in July (before the cut-off), and to a third only in August (after it): 2 / 3. Before the
    /// cut-off nothing is scored; computed again after the August reply, the figure is unchanged. The close waits: first for the
    /// figures to be scored, then for their records' objection window; the credit page says why; a closed period's figures are never
    /// scored again.
    /// </summary>
    [Fact]
    public async Task The_complaint_handling_rate_is_judged_at_a_fixed_cut_off_whenever_it_is_computed()
    {
        var clock = Clocks.At(new DateTimeOffset(2023, 7, 1, 9, 0, 0, China));
        var app = shared.Use(clock);
        var jinhua = await app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var numbers = new List<string>();
        await app.DbAsync(async db =>
        {
            var unit = await db.Units().Where(u => u.CompanyId == jinhua).OrderBy(u => u.Id).FirstAsync();
            void Add(int n, DateTimeOffset at, DateTimeOffset? replied)
            {
                numbers.Add($"FIG23-{n}-{Guid.NewGuid().ToString("N")[..6]}");
                db.Add(
                    new Complaint
                    {
                        CompanyId = jinhua,
                        ProjectId = unit.ProjectId,
                        UnitId = unit.Id,
                        Number = numbers[^1],
                        Description = "测试投诉（答复期）",
                        ComplainantName = "测试业主",
                        ReceivedByName = "客服",
                        OwnerStaffName = "客服",
                        ReceivedAt = at.ToUniversalTime(),
                        ReceivedMonth = 202306,
                        ReplyDueAt = at.AddDays(1).ToUniversalTime(),
                        Effective = true,
                        Status = replied is not null ? ComplaintStatus.Closed : ComplaintStatus.Open,
                        ClosedAt = replied?.ToUniversalTime(),
                        RepliedAt = replied?.ToUniversalTime(),
                    }
                );
            }
            Add(1, new DateTimeOffset(2023, 6, 10, 10, 0, 0, China), new DateTimeOffset(2023, 6, 10, 15, 0, 0, China));
            Add(2, new DateTimeOffset(2023, 6, 12, 10, 0, 0, China), null);
            Add(3, new DateTimeOffset(2023, 6, 30, 20, 0, 0, China), null);
            return await db.SaveChangesAsync();
        });
        var regulator = await app.As("regulator");
        var early = await regulator.PostJsonAsync("/api/v1/credit-ratings/close", new { period = "2023H1" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var uncomputed = await early.JsonAsync();
        Assert.Equal("credit_rating.figures_uncomputed", uncomputed.GetProperty("code").GetString());
        Assert.Contains("2023-07-31 00:00", uncomputed.GetProperty("title").GetString());
        var notDue = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2023H1" });
        Assert.Equal(HttpStatusCode.Conflict, notDue.StatusCode);
        Assert.Equal("conduct_record.figures_not_due", (await notDue.JsonAsync()).GetProperty("code").GetString());
        Assert.False(await app.DbAsync(db => db.Set<ConductRecord>().AnyAsync(r => r.CompanyId == jinhua && r.FigurePeriod == "2023H1")));

        // The last evening's complaint is replied to on 3 July, before the cut-off.
        async Task ReplyAsync(string number, DateTimeOffset at) =>
            await app.DbAsync(async db =>
            {
                var c = await db.Set<Complaint>().SingleAsync(x => x.Number == number);
                (c.Status, c.ClosedAt, c.RepliedAt) = (ComplaintStatus.Closed, at.ToUniversalTime(), at.ToUniversalTime());
                return await db.SaveChangesAsync();
            });
        await ReplyAsync(numbers[2], new DateTimeOffset(2023, 7, 3, 10, 0, 0, China));
        static (int, int, decimal, bool) Rate(JsonElement f) =>
            (
                f.GetProperty("numerator").GetInt32(),
                f.GetProperty("denominator").GetInt32(),
                f.GetProperty("percent").GetDecimal(),
                f.GetProperty("fired").GetBoolean()
            );

        clock.SetUtcNow(new DateTimeOffset(2023, 7, 31, 9, 0, 0, China).ToUniversalTime());
        app.ForgetTokens();
        regulator = await app.As("regulator");
        var run = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2023H1" }).OkAsync();
        Assert.Equal((2, 3, 66.7m, true), Rate(Figure(run, jinhua, "complaint_handling_low")));
        var record = run.GetProperty("created")
            .EnumerateArray()
            .Single(r =>
                r.GetProperty("companyId").GetGuid() == jinhua && r.GetProperty("itemCode").GetString() == "complaint_handling_low"
            );
        Assert.Contains("截至 2023-07-31 00:00", record.GetProperty("evidence").GetString());
        var opens = DateOnly.Parse(record.GetProperty("appealUntil").GetString()!).AddDays(1);

        var waiting = await regulator.PostJsonAsync("/api/v1/credit-ratings/close", new { period = "2023H1" });
        Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
        var problem = await waiting.JsonAsync();
        Assert.Equal("credit_rating.figures_pending", problem.GetProperty("code").GetString());
        Assert.Contains(opens.ToString("yyyy-MM-dd"), problem.GetProperty("title").GetString());
        var page = System.Net.WebUtility.HtmlDecode(await regulator.GetStringAsync("/regulation/credit"));
        Assert.Contains("data-testid=\"close-waiting\"", page);
        Assert.Contains($"{opens:yyyy-MM-dd} 起才能评定", page);
        Assert.DoesNotContain("data-testid=\"close-form\"", page);

        // The June complaint left open is replied to in August, after the cut-off: computed again later, the figure is the same.
        await ReplyAsync(numbers[1], new DateTimeOffset(2023, 8, 10, 10, 0, 0, China));
        clock.SetUtcNow(new DateTimeOffset(opens.ToDateTime(new TimeOnly(9, 0)), China).ToUniversalTime());
        app.ForgetTokens();
        regulator = await app.As("regulator");
        var later = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2023H1" }).OkAsync();
        Assert.Equal((2, 3, 66.7m, true), Rate(Figure(later, jinhua, "complaint_handling_low")));
        Assert.False(Figure(later, jinhua, "complaint_handling_low").GetProperty("new").GetBoolean());

        var closed = await regulator.PostJsonAsync("/api/v1/credit-ratings/close", new { period = "2023H1" }).OkAsync();
        var mine = closed.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("companyId").GetGuid() == jinhua);
        Assert.True(mine.GetProperty("badPoints").GetDecimal() >= 3, "the figure record counts in the close");
        var again = await regulator.PostJsonAsync("/api/v1/conduct-records/from-figures", new { period = "2023H1" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("conduct_record.period_closed", (await again.JsonAsync()).GetProperty("code").GetString());
    }
}
