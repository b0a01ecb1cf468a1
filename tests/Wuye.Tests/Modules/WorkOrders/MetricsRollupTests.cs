using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Metrics;
using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Modules.WorkOrders.Jobs;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>
/// The metrics API reads the monthly rollup; its figures must equal a scan of the records for
/// every grouping, filter and period, over a history with rework, pauses, merges, imports and
/// durations that are not whole minutes. Clock: Monday 23 November 2026 09:00 China time.
/// </summary>
public sealed class MetricsRollupTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await WuyeApp.StartAsync(cluster, services: s => s.AddSingleton<TimeProvider>(_clock));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> CompanyAsync(string prefix) =>
        _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith(prefix)).Select(c => c.Id).FirstAsync());

    /// <summary>A year of history in the manager's company and a little in the other one, written straight to the records.</summary>
    private async Task BuildHistoryAsync()
    {
        var techId = await UserIdAsync(_app, "tech");
        await _app.DbAsync(async db =>
        {
            var all = await db.Units()
                .Where(u => u.ArchivedAt == null)
                .OrderBy(u => u.Id)
                .Select(u => new
                {
                    u.Id,
                    u.CompanyId,
                    u.ProjectId,
                    u.ZoneId,
                })
                .ToListAsync();
            // Both companies, every project; the owner's own unit now and then.
            var units = all.GroupBy(u => u.CompanyId).SelectMany(g => g.Take(200)).ToList();
            var ownerUnit = await db.UnitOccupants()
                .Where(o => db.People().Any(p => p.Id == o.PersonId && db.Users.Any(x => x.Id == p.UserId && x.UserName == "owner")))
                .Select(o => o.UnitId)
                .FirstAsync();
            var categories = Enum.GetValues<RequestCategory>();
            for (var i = 0; i < 600; i++)
            {
                var u = i % 50 == 1 ? all.Single(x => x.Id == ownerUnit) : units[i * 7 % units.Count];
                // Opened over the last twelve months, at odd seconds; closing times not in whole minutes.
                var opened = (
                    China(2026, 11, 20, 8) - TimeSpan.FromMinutes(i * 911 % (360 * 1440)) - TimeSpan.FromSeconds(i % 59)
                ).ToUniversalTime();
                var closed = i % 6 == 0 ? (DateTimeOffset?)null : opened + TimeSpan.FromSeconds(600 + i * 4801 % 400_000);
                var publicArea = i % 10 == 3;
                db.Add(
                    new ServiceRequest
                    {
                        CompanyId = u.CompanyId,
                        ProjectId = u.ProjectId,
                        ZoneId = i % 13 == 0 ? null : u.ZoneId,
                        UnitId = publicArea ? null : u.Id,
                        Location = publicArea ? "中心花园" : null,
                        Number = $"RU-{i:D4}",
                        Description = "汇总测试",
                        Category = categories[i % categories.Length],
                        Urgency = i % 5 == 0 ? Urgency.Urgent : Urgency.Normal,
                        Status =
                            i % 29 == 0 ? RequestStatus.Merged
                            : closed is null ? (i % 4 == 0 ? RequestStatus.Completed : RequestStatus.Open)
                            : RequestStatus.Closed,
                        OpenedAt = opened,
                        OpenedMonth = ChinaTime.Month(opened),
                        CompletedAt = closed is null ? (i % 4 == 0 ? opened.AddHours(3) : null) : closed - TimeSpan.FromMinutes(7),
                        ClosedAt = closed,
                        CompletionDueAt = i % 3 == 0 ? null : opened.AddHours(24),
                        CompletionOnTime = closed is null || i % 3 == 0 ? null : closed <= opened.AddHours(24),
                        ResponseOnTime = i % 7 == 0 ? null : i % 4 != 1,
                        ArrivalOnTime = i % 8 == 0 ? null : i % 5 != 2,
                        TechnicianUserId = i % 3 == 1 ? techId : null,
                        ReworkCount = i % 11 == 0 ? 1 + i % 2 : 0,
                        Visited = closed is not null && i % 9 != 0,
                        Satisfied = closed is null || i % 9 == 0 ? null : i % 13 != 0,
                        Score = closed is null ? null : 3 + i % 3,
                    }
                );
            }
            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>One request through the API: reported, dispatched, paused for parts, resumed, finished, visited unhappy, reworked,
    /// rated.</summary>
    private async Task LoopWithPauseAndReworkAsync()
    {
        var owner = await _app.As("owner");
        var service = await _app.As("service");
        var tech = await _app.As("tech");
        var unit = await OwnUnitAsync(owner);
        var project = await ProjectOfAsync(_app, unit);
        var id = (
            await owner
                .PostJsonAsync(
                    "/api/v1/service-requests",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description = "厨房下水堵塞",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var wo = (await owner.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0].GetProperty("id").GetGuid();
        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = await UserIdAsync(_app, "tech") }).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/pause", new { kind = "waitingForParts", reason = "等配件" }).OkAsync();
        _clock.Advance(TimeSpan.FromMinutes(47) + TimeSpan.FromSeconds(31));
        await tech.PostAsync($"/api/v1/work-orders/{wo}/resume", null).OkAsync();
        var photo = await UploadPhotoAsync(tech, project);
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "疏通",
                    afterPhotoIds = new[] { photo },
                    ownerConfirmedBy = "业主",
                }
            )
            .OkAsync();
        var visit = (await service.GetJsonAsync($"/api/v1/return-visits?status=pending&projectId={project}&pageSize=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(v => v.GetProperty("serviceRequestId").GetGuid() == id);
        var rework = (
            await service
                .PostJsonAsync($"/api/v1/return-visits/{visit.GetProperty("id").GetGuid()}/result", new { satisfied = false, score = 2 })
                .OkAsync()
        )
            .GetProperty("reworkWorkOrderId")
            .GetGuid();
        await tech.PostAsync($"/api/v1/work-orders/{rework}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{rework}/arrive", null).OkAsync();
        _clock.Advance(TimeSpan.FromMinutes(95) + TimeSpan.FromSeconds(17));
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{rework}/complete",
                new
                {
                    workDone = "换管",
                    afterPhotoIds = new[] { photo },
                    ownerConfirmedBy = "业主",
                }
            )
            .OkAsync();
        await owner.PostJsonAsync($"/api/v1/service-requests/{id}/rating", new { satisfied = true, score = 5 }).OkAsync();
        // The clock stays on 23 November: what follows reads the figures of the same day.
    }

    private async Task ImportAsync()
    {
        var pm = await _app.As("pm");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "project_manager").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var csv =
            "单号,受理时间,要求完成,完成时间,地点,内容\n"
            + "H-1,2026-10-03 09:13,2026-10-04 09:00,2026-10-03 17:02,南门,门禁坏了\n"
            + "H-2,2026-10-30 23:50,,2026-11-02 08:01,3幢电梯厅,灯不亮\n"
            + "H-3,2026-11-01 00:10,,,车库,积水\n";
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "h.csv" },
            { new StringContent(project.ToString()), "projectId" },
            { new StringContent("受理时间"), "opened" },
            { new StringContent("要求完成"), "due" },
            { new StringContent("完成时间"), "closed" },
            { new StringContent("地点"), "location" },
            { new StringContent("内容"), "description" },
            { new StringContent("单号"), "ref" },
        };
        Assert.Equal(
            3,
            (await (await pm.PostAsync("/api/v1/imports/service-requests", form)).JsonAsync()).GetProperty("imported").GetInt32()
        );
    }

    private async Task<JsonElement> FromRecordsAsync(MetricsQuery query)
    {
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var result = await scope.ServiceProvider.GetRequiredService<WorkOrderMetrics>().ComputeFromRecordsAsync(query, default);
        return JsonSerializer.SerializeToElement(result, WuyeApp.Json);
    }

    /// <summary>Rows by key with every figure (labels left out: they are text in the caller's language).</summary>
    private static string Figures(JsonElement result)
    {
        static string Row(JsonElement r) =>
            string.Join(
                ",",
                r.EnumerateObject()
                    .Where(p => p.Name != "label")
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p =>
                        $"{p.Name}={(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble().ToString("R") : p.Value.ToString())}"
                    )
            );
        return string.Join("\n", result.GetProperty("rows").EnumerateArray().Select(Row).Order(StringComparer.Ordinal))
            + "\ntotal: "
            + Row(result.GetProperty("total"));
    }

    [Fact]
    public async Task Rollup_figures_equal_a_scan_of_the_records_for_every_grouping_filter_and_period()
    {
        await BuildHistoryAsync();
        await LoopWithPauseAndReworkAsync();
        await ImportAsync();
        var jinhua = await CompanyAsync("锦华");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "project_manager").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var zone = await _app.DbAsync(db =>
            db.Zones().Where(z => z.ProjectId == project).OrderBy(z => z.Name).Select(z => z.Id).FirstAsync()
        );
        var techId = await UserIdAsync(_app, "tech");
        var manager = await _app.As("manager");
        var admin = await _app.As("admin");

        var checkedRows = 0;
        foreach (
            var (from, to) in new (DateOnly?, DateOnly?)[]
            {
                (null, null),
                (new(2026, 9, 1), new(2026, 12, 1)),
                (new(2026, 10, 15), new(2026, 11, 10)),
            }
        )
        foreach (var group in Enum.GetValues<MetricsGroup>())
        foreach (
            var (filter, query) in new (string, MetricsQuery)[]
            {
                ("", new(from, to, group, jinhua, null, null, null, null)),
                ($"&projectId={project}", new(from, to, group, jinhua, project, null, null, null)),
                ($"&zoneId={zone}", new(from, to, group, jinhua, null, zone, null, null)),
                ("&category=plumbing", new(from, to, group, jinhua, null, null, RequestCategory.Plumbing, null)),
                ($"&technicianUserId={techId}", new(from, to, group, jinhua, null, null, null, techId)),
            }
        )
        {
            var period = from is null ? "" : $"&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
            var api = await manager.GetJsonAsync($"/api/v1/work-order-metrics?groupBy={group}{period}{filter}");
            var records = await FromRecordsAsync(query);
            Assert.Equal(Figures(records), Figures(api));
            checkedRows += api.GetProperty("rows").GetArrayLength();
        }
        Assert.True(checkedRows > 200, $"only {checkedRows} rows compared");

        // The platform admin sees both companies; the other company's rows sum in too.
        foreach (var group in Enum.GetValues<MetricsGroup>())
            Assert.Equal(
                Figures(await FromRecordsAsync(new(null, null, group, null, null, null, null, null))),
                Figures(await admin.GetJsonAsync($"/api/v1/work-order-metrics?groupBy={group}"))
            );

        // The figures above did come from the rollup: a figure changed in it (never done outside this test) shows.
        await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using (
            var cmd = new Npgsql.NpgsqlCommand(
                "update work_orders.metrics_rollup set created = created + 1000 where id = (select id from work_orders.metrics_rollup "
                    + "where company_id = @c and month = 202610 limit 1)",
                conn
            )
        )
        {
            cmd.Parameters.AddWithValue("c", jinhua);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        var tampered = await manager.GetJsonAsync("/api/v1/work-order-metrics?groupBy=month&from=2026-09-01&to=2026-12-01");
        var truth = await FromRecordsAsync(new(new(2026, 9, 1), new(2026, 12, 1), MetricsGroup.Month, jinhua, null, null, null, null));
        Assert.Equal(
            truth.GetProperty("total").GetProperty("created").GetInt32() + 1000,
            tampered.GetProperty("total").GetProperty("created").GetInt32()
        );
    }

    [Fact]
    public async Task A_change_to_a_request_shows_in_the_figures_after_the_refresh()
    {
        await BuildHistoryAsync();
        var jinhua = await CompanyAsync("锦华");
        var manager = await _app.As("manager");
        const string url = "/api/v1/work-order-metrics?groupBy=month&from=2026-11-01&to=2026-12-01";
        int Closed(JsonElement m) => m.GetProperty("total").GetProperty("closed").GetInt32();
        var before = Closed(await manager.GetJsonAsync(url));
        var refresher = _app.Services.GetRequiredService<MetricsRollupRefresher>();
        Assert.False(await refresher.AnyStaleAsync(default));
        async Task<long> RolledUpClosedAsync() =>
            await _app.DbAsync(db =>
                db.Set<MetricsRollup>().Where(x => x.CompanyId == jinhua && x.Month == 202611).SumAsync(x => (long)x.Closed)
            );
        var rolledUp = await RolledUpClosedAsync();

        // An open request of November is closed (as the system, like a job would).
        var id = await _app.DbAsync(async db =>
        {
            var r = await db.Set<ServiceRequest>()
                .Where(x => x.CompanyId == jinhua && x.OpenedMonth == 202611 && x.ClosedAt == null && x.Status == RequestStatus.Open)
                .OrderBy(x => x.Id)
                .FirstAsync();
            r.Status = RequestStatus.Closed;
            r.CompletedAt = r.ClosedAt = r.OpenedAt.AddMinutes(88.5);
            await db.SaveChangesAsync();
            return r.Id;
        });
        // Stale until refreshed: the marker was written with the change; the rollup rows are unchanged.
        Assert.True(await refresher.AnyStaleAsync(default));
        Assert.Equal(rolledUp, await RolledUpClosedAsync());

        var job = _app.Services.GetRequiredService<MetricsRollupJob>();
        Assert.True(await job.RunOnceAsync() > 0);
        Assert.False(await refresher.AnyStaleAsync(default));
        Assert.Equal(rolledUp + 1, await RolledUpClosedAsync());
        Assert.Equal(before + 1, Closed(await manager.GetJsonAsync(url)));

        // A read does not wait for the job: a stale month is recomputed before it is read.
        await _app.DbAsync(async db =>
        {
            var r = await db.Set<ServiceRequest>().FirstAsync(x => x.Id == id);
            r.Status = RequestStatus.Merged;
            await db.SaveChangesAsync();
            return 0;
        });
        var merged = await manager.GetJsonAsync(url);
        Assert.Equal(before, Closed(merged));
        Assert.Equal(
            Figures(await FromRecordsAsync(new(new(2026, 11, 1), new(2026, 12, 1), MetricsGroup.Month, jinhua, null, null, null, null))),
            Figures(merged)
        );
    }

    [Fact]
    public async Task Owners_and_stewards_get_only_their_own_figures()
    {
        await BuildHistoryAsync();
        foreach (var user in new[] { "owner", "steward" })
        {
            var client = await _app.As(user);
            var api = await client.GetJsonAsync("/api/v1/work-order-metrics?groupBy=zone");
            var scope = await _app.DbAsync(async db => await db.Users.Where(u => u.UserName == user).Select(u => u.Id).FirstAsync());
            // What the user may see of the requests, counted straight from the table.
            var visible = await _app.DbAsync(async db =>
            {
                var zones = await db.Zones().Where(z => z.StewardUserId == scope).Select(z => z.Id).ToListAsync();
                var units = await db.UnitOccupants()
                    .Where(o => db.People().Any(p => p.Id == o.PersonId && p.UserId == scope))
                    .Select(o => o.UnitId)
                    .ToListAsync();
                var projects = await db.Zones().Where(z => zones.Contains(z.Id)).Select(z => z.ProjectId).ToListAsync();
                // The API's default period: twelve months up to the end of the app's today (the test clock's, 23 Nov).
                // The demo data is dated from the real clock, so requests after that day exist and must not count.
                var from = new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
                var to = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
                return await db.Set<ServiceRequest>()
                    .CountAsync(r =>
                        r.Status != RequestStatus.Merged
                        && r.OpenedAt >= from
                        && r.OpenedAt < to
                        && (
                            (r.ZoneId != null && zones.Contains(r.ZoneId.Value))
                            || (r.UnitId != null && units.Contains(r.UnitId.Value))
                            || (r.ZoneId == null && r.UnitId == null && projects.Contains(r.ProjectId))
                        )
                    );
            });
            Assert.True(visible > 0, user);
            Assert.Equal(visible, api.GetProperty("total").GetProperty("created").GetInt32());
        }
    }
}
