using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// A monthly plan over a class of assets with a moved clock: nothing before the due day, one task per asset on it (never twice,
/// never for an archived asset), the responsible technician told once; the technician's checklist with field errors, a failed item,
/// and a second submission refused.
/// </summary>
public sealed class MaintenanceTaskJobTests(TestCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(8), China));
    private WuyeApp _app = null!;
    private Guid _project;
    private Guid _company;
    private Guid _tech;

    public async ValueTask InitializeAsync()
    {
        _app = await WuyeApp.StartWithClockAsync(cluster, _clock);
        (_project, _company, _tech) = await _app.DbAsync(async db =>
        {
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var project = await db
                .RoleAssignments.Where(r => r.UserId == tech && r.ProjectId != null)
                .Select(r => r.ProjectId!.Value)
                .FirstAsync();
            var company = await db.ProjectRefs().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync();
            return (project, company, tech);
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> TankAsync(string code) =>
        _app.DbAsync(async db =>
        {
            var asset = new Asset
            {
                CompanyId = _company,
                ProjectId = _project,
                Code = code,
                Name = "二次供水水箱",
                Category = AssetCategory.WaterTank,
            };
            db.Add(asset);
            await db.SaveChangesAsync();
            return asset.Id;
        });

    private Task<List<(Guid Asset, DateOnly Due)>> TasksAsync(Guid plan) =>
        _app.DbAsync(async db =>
            (await db.Set<MaintenanceTask>().Where(t => t.MaintenancePlanId == plan).Select(t => new { t.AssetId, t.DueOn }).ToListAsync())
                .Select(t => (t.AssetId, t.DueOn))
                .OrderBy(t => t.DueOn)
                .ToList()
        );

    private static string ChinaTimeMonth(DateTimeOffset t) => t.ToOffset(China).ToString("yyyy-MM");

    [Fact]
    public async Task A_monthly_plan_generates_its_tasks_on_the_day_once_per_live_asset_and_the_technician_records_the_checklist()
    {
        var tankA = await TankAsync("SX-A");
        var tankB = await TankAsync("SX-B");
        var due = DateOnly.FromDateTime(Day).AddDays(2);
        var pm = await _app.As("pm");
        var plan = await pm.PostJsonAsync(
                "/api/v1/maintenance-plans",
                new
                {
                    projectId = _project,
                    name = "水箱月检",
                    category = "waterTank",
                    rule = $"FREQ=MONTHLY;BYMONTHDAY={due.Day}",
                    responsibleUserId = _tech,
                    leadDays = 0,
                    statutory = true,
                    items = new object[]
                    {
                        new
                        {
                            label = "水箱盖板完好上锁",
                            kind = "yesNo",
                            severity = "urgent",
                        },
                        new
                        {
                            label = "余氯",
                            kind = "number",
                            min = 0.05m,
                            max = 4m,
                            unit = "mg/L",
                        },
                    },
                }
            )
            .OkAsync();
        var planId = plan.GetProperty("id").GetGuid();
        Assert.Empty(await TasksAsync(planId));

        // Bad input is answered field by field; a duplicate name is a broken rule.
        var bad = await pm.PostJsonAsync(
            "/api/v1/maintenance-plans",
            new
            {
                projectId = _project,
                name = "x",
                rule = "FREQ=HOURLY",
                items = Array.Empty<object>(),
            }
        );
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("rule", out _) && errors.TryGetProperty("items", out _) && errors.TryGetProperty("assetId", out _)
        );
        var dup = await pm.PostJsonAsync(
            "/api/v1/maintenance-plans",
            new
            {
                projectId = _project,
                name = "水箱月检",
                category = "waterTank",
                rule = "FREQ=DAILY",
                items = new[] { new { label = "x", kind = "text" } },
            }
        );
        Assert.Equal("maintenance_plan.duplicate_name", (await dup.JsonAsync()).GetProperty("code").GetString());

        // The day before: nothing. On the day: one task per tank; B archived before the next run gets no more.
        var job = _app.Services.GetRequiredService<MaintenanceTaskJob>();
        _clock.SetUtcNow(new DateTimeOffset(due.AddDays(-1).ToDateTime(new TimeOnly(23, 50)), China).ToUniversalTime());
        await job.RunOnceAsync();
        Assert.Empty(await TasksAsync(planId));
        _clock.SetUtcNow(new DateTimeOffset(due.ToDateTime(new TimeOnly(0, 5)), China).ToUniversalTime());
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal([(tankA, due), (tankB, due)], (await TasksAsync(planId)).OrderBy(t => t.Asset == tankB).ToList());
        // One message for the run's two tasks, not one per tank (with the day's other tasks of the technician, if any); the second run
        // adds none.
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.RecipientUserId == _tech && m.Body.Contains("水箱月检"))
                .Select(m => m.Body)
                .ToListAsync()
        );
        Assert.Contains("水箱月检 2 项", Assert.Single(told));
        await _app.DbAsync(async db =>
        {
            var b = await db.Set<Asset>().FirstAsync(a => a.Id == tankB);
            b.ArchivedAt = _clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        _clock.SetUtcNow(new DateTimeOffset(due.AddMonths(1).AddDays(3).ToDateTime(new TimeOnly(9, 0)), China).ToUniversalTime());
        await job.RunOnceAsync();
        var all = await TasksAsync(planId);
        Assert.Equal(3, all.Count);
        Assert.Equal(tankA, all[^1].Asset);
        // A plan's mark set back with its tasks still there (by hand, or a run cut short): the run writes the one missing task and
        // no other twice (the unique key stops its first write; the batch is read again with the tasks it has), then goes on.
        var latest = all[^1].Due;
        await _app.DbAsync(async db =>
        {
            await db.Set<MaintenanceTask>().Where(t => t.MaintenancePlanId == planId && t.DueOn == latest).ExecuteDeleteAsync();
            return await db.Set<MaintenancePlan>()
                .Where(p => p.Id == planId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.GeneratedThrough, due.AddDays(-1)));
        });
        await job.RunOnceAsync();
        Assert.Equal(all.OrderBy(t => t.Due).ThenBy(t => t.Asset), (await TasksAsync(planId)).OrderBy(t => t.Due).ThenBy(t => t.Asset));

        // The technician answers the first task's checklist.
        _app.ForgetTokens();
        var tech = await _app.As("tech");
        pm = await _app.As("pm");
        var open = await tech.GetJsonAsync($"/api/v1/maintenance-tasks?projectId={_project}&maintenancePlanId={planId}");
        var task = open.GetProperty("items")
            .EnumerateArray()
            .First(i => i.GetProperty("assetId").GetGuid() == tankA)
            .GetProperty("id")
            .GetGuid();
        var detail = await tech.GetJsonAsync($"/api/v1/maintenance-tasks/{task}");
        Assert.True(detail.GetProperty("overdue").GetBoolean());
        var items = detail.GetProperty("checklist").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        var missing = await tech.PostJsonAsync(
            $"/api/v1/maintenance-tasks/{task}/results",
            new { results = new[] { new { itemId = items[0], ok = (bool?)true } } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("results[1]", out _));
        object Body() => new { results = new object[] { new { itemId = items[0], ok = false }, new { itemId = items[1], number = 0.3m } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.PostJsonAsync($"/api/v1/maintenance-tasks/{task}/results", Body())).StatusCode);
        var done = await tech.PostJsonAsync($"/api/v1/maintenance-tasks/{task}/results", Body()).OkAsync();
        Assert.Equal(("done", 1), (done.GetProperty("status").GetString(), done.GetProperty("failures").GetInt32()));
        Assert.Equal([true, false], done.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("failed").GetBoolean()));
        var again = await tech.PostJsonAsync($"/api/v1/maintenance-tasks/{task}/results", Body());
        Assert.Equal("maintenance_task.done", (await again.JsonAsync()).GetProperty("code").GetString());

        // The failed item opened an urgent public-area request, linked from the result; the tank is out of order from then on.
        var failed = done.GetProperty("results")[0];
        var requestId = failed.GetProperty("serviceRequestId").GetGuid();
        Assert.Equal(("open", 1), (failed.GetProperty("requestStatus").GetString(), done.GetProperty("failuresOpen").GetInt32()));
        var detail2 = await pm.GetJsonAsync($"/api/v1/service-requests/{requestId}");
        var request = detail2.GetProperty("request");
        Assert.Contains("水箱盖板完好上锁", request.GetProperty("description").GetString());
        Assert.Equal("urgent", request.GetProperty("urgency").GetString());
        _clock.Advance(TimeSpan.FromHours(6));
        var month = ChinaTimeMonth(_clock.GetUtcNow());
        var rate = await pm.GetJsonAsync($"/api/v1/asset-intactness?projectId={_project}&month={month}");
        var tanks = rate.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "waterTank");
        Assert.Equal(6.0, tanks.GetProperty("downHours").GetDouble(), 3);
        var total = tanks.GetProperty("totalHours").GetDouble();
        Assert.Equal(Math.Round((decimal)((total - 6) / total * 100), 2), tanks.GetProperty("rate").GetDecimal());

        // The work order is fixed: closing it asks for the re-check photo; the tank is back in order from then on.
        var service = await _app.As("service");
        var wo = detail2.GetProperty("workOrders")[0].GetProperty("id").GetGuid();
        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = _tech }).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        object Fix(Guid[] photos) =>
            new
            {
                workDone = "更换盖板锁",
                afterPhotoIds = photos,
                ownerConfirmedBy = "工程主管",
            };
        var noPhoto = await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/complete", Fix([]));
        Assert.True((await noPhoto.JsonAsync()).GetProperty("errors").TryGetProperty("afterPhotoIds", out _));
        var photo = await Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit.UploadPhotoAsync(tech, _project);
        await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/complete", Fix([photo])).OkAsync();
        var fixedTask = await tech.GetJsonAsync($"/api/v1/maintenance-tasks/{task}");
        Assert.Equal(0, fixedTask.GetProperty("failuresOpen").GetInt32());

        // A fault reported on the tank outside a round (报修到设备) opens a work order and takes it out of order again.
        _clock.Advance(TimeSpan.FromHours(4));
        _app.ForgetTokens();
        tech = await _app.As("tech");
        pm = await _app.As("pm");
        var fault = await tech.PostJsonAsync("/api/v1/asset-faults", new { assetId = tankA, description = "水箱溢流" }).OkAsync();
        Assert.False(fault.GetProperty("fixed").GetBoolean());
        Assert.StartsWith("BX", fault.GetProperty("requestNumber").GetString());
        _clock.Advance(TimeSpan.FromHours(2));
        rate = await pm.GetJsonAsync($"/api/v1/asset-intactness?projectId={_project}&month={ChinaTimeMonth(_clock.GetUtcNow())}");
        tanks = rate.GetProperty("classes").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "waterTank");
        Assert.Equal(month == ChinaTimeMonth(_clock.GetUtcNow()) ? 8.0 : 2.0, tanks.GetProperty("downHours").GetDouble(), 3);
    }
}
