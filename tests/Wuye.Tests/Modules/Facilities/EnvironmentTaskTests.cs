using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Cleaning and greening through the API and the job on a moved clock: a zone kept by the vendor's cleaning crew and a
/// twice-a-day schedule (bad input answered field by field), nothing before its day, both rounds on it (never twice, the technician
/// told once), done with a photo (none refused), spot-checked by the zone's steward (not by the field staff), once.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class EnvironmentTaskTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public EnvironmentTaskTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    private static void Fields(JsonElement problem, params string[] fields)
    {
        var errors = problem.GetProperty("errors");
        foreach (var f in fields)
            Assert.True(errors.TryGetProperty(f, out _), $"no error on {f}: {problem}");
    }

    [Fact]
    public async Task A_twice_a_day_schedule_makes_both_rounds_on_its_day_once_done_with_a_photo_and_spot_checked()
    {
        var (tech, zone, project, team, vendor) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).FirstAsync();
            var team = await db.TeamRefs()
                .Where(t => t.ProjectId == zone.ProjectId && t.Kind == TeamKind.Cleaning)
                .OrderBy(t => t.Id)
                .FirstAsync();
            return (tech, zone.Id, zone.ProjectId, team.Id, team.VendorId);
        });
        var pm = await _app.As("pm");
        var bad = await (await pm.PostJsonAsync("/api/v1/environment-zones", new { projectId = project, name = "" })).JsonAsync();
        Fields(bad, "name", "work");
        var res = await pm.PostJsonAsync(
            "/api/v1/environment-zones",
            new
            {
                projectId = project,
                name = "测试电梯厅",
                work = "cleaning",
                zoneId = Guid.NewGuid(),
                teamId = Guid.NewGuid(),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Fields(await res.JsonAsync(), "zoneId", "teamId");
        var ez = await pm.PostJsonAsync(
                "/api/v1/environment-zones",
                new
                {
                    projectId = project,
                    name = "测试电梯厅",
                    work = "cleaning",
                    zoneId = zone,
                    teamId = team,
                    responsibleUserId = tech,
                }
            )
            .OkAsync();
        Assert.Equal(vendor, ez.TryGetProperty("vendorId", out var v) && v.ValueKind != JsonValueKind.Null ? v.GetGuid() : null);
        var ezId = ez.GetProperty("id").GetGuid();

        var today = ChinaTime.Today(_clock);
        var day = today.AddDays(1);
        var byDay = day.DayOfWeek.ToString()[..2].ToUpperInvariant();
        bad = await (
            await pm.PostJsonAsync(
                "/api/v1/environment-schedules",
                new
                {
                    environmentZoneId = ezId,
                    name = "x",
                    rule = "FREQ=HOURLY",
                    timesPerDay = 9,
                }
            )
        ).JsonAsync();
        Fields(bad, "rule", "timesPerDay");
        var schedule = await pm.PostJsonAsync(
                "/api/v1/environment-schedules",
                new
                {
                    environmentZoneId = ezId,
                    name = "电梯厅地面清洁",
                    rule = $"FREQ=WEEKLY;BYDAY={byDay}",
                    timesPerDay = 2,
                    startsOn = today,
                }
            )
            .OkAsync();
        var sId = schedule.GetProperty("id").GetGuid();
        Task<List<(int Round, DateOnly Due, Guid? Vendor, Guid? Assignee)>> TasksAsync() => _app.DbAsync(async db => (
                    await db.Set<EnvironmentTask>()
                        .Where(t => t.EnvironmentScheduleId == sId)
                        .OrderBy(t => t.DueOn)
                        .ThenBy(t => t.Round)
                        .Select(t => new
                        {
                            t.Round,
                            t.DueOn,
                            t.VendorId,
                            t.AssigneeUserId,
                        })
                        .ToListAsync()
                ).Select(t => (t.Round, t.DueOn, t.VendorId, t.AssigneeUserId)).ToList());
        Assert.Empty(await TasksAsync());

        var job = _app.Services.GetRequiredService<EnvironmentTaskJob>();
        _clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(23, 50)), ChinaTime.Offset).ToUniversalTime());
        await job.RunOnceAsync();
        Assert.Empty(await TasksAsync());
        // Another class of this collection may have run the job on the same day already (the demo zones' tasks, and their
        // message): count what this run adds.
        Task<int> ToldAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.Channel == NotificationChannel.InApp
                        && m.RecipientUserId == tech
                        && m.Title.StartsWith($"保洁绿化任务：{day:yyyy-MM-dd}")
                    )
            );
        var before = await ToldAsync();
        _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 5)), ChinaTime.Offset).ToUniversalTime());
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal([(1, day, vendor, tech), (2, day, vendor, tech)], await TasksAsync());
        // One message for all of the technician's tasks of the day made by the run (these and any demo zones' not made yet).
        Assert.Equal(before + 1, await ToldAsync());

        // The technician's phone: no photo is refused field by field; with one the round is done, once.
        var st = await _app.As("tech");
        var list = await st.GetJsonAsync($"/api/v1/environment-tasks?environmentZoneId={ezId}&dueOn={day:yyyy-MM-dd}");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        var taskId = list.GetProperty("items")
            .EnumerateArray()
            .First(t => t.GetProperty("round").GetInt32() == 1)
            .GetProperty("id")
            .GetGuid();
        res = await st.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/done", new { note = "已清洁" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Fields(await res.JsonAsync(), "photoId");
        var photo = await WorkOrderTestKit.UploadPhotoAsync(st, project);
        var done = await st.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/done", new { photoId = photo, note = "已清洁" }).OkAsync();
        Assert.Equal("done", done.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await st.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/done", new { photoId = photo })).StatusCode
        );

        // The field staff do not spot-check; the zone's steward does: a failed check says why or links a finding of the project.
        res = await st.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { passed = true });
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        pm = await _app.As("steward");
        res = await pm.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { });
        Fields(await res.JsonAsync(), "passed");
        res = await pm.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { passed = false });
        Fields(await res.JsonAsync(), "note");
        res = await pm.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { passed = false, findingId = Guid.NewGuid() });
        Fields(await res.JsonAsync(), "findingId");
        var check = await pm.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { passed = false, note = "门框积灰" })
            .OkAsync();
        Assert.False(check.GetProperty("checkPassed").GetBoolean());
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await pm.PostJsonAsync($"/api/v1/environment-tasks/{taskId}/spot-check", new { passed = true })).StatusCode
        );
    }
}
