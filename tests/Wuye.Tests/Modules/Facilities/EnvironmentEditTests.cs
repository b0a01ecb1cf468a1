using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Audit;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Editing and archiving cleaning schedules and zones through the API, on a moved clock: bad edits answered field by field, the
/// field staff refused; an edited schedule's day already generated keeps its task, the next day follows the new rounds, name and
/// photo rule; an archived schedule, then an archived zone, generate nothing more (and a second archive is refused); all audited.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class EnvironmentEditTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public EnvironmentEditTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    [Fact]
    public async Task Edits_reach_only_days_not_generated_yet_and_archived_schedules_and_zones_generate_nothing()
    {
        var project = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            return await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).Select(z => z.ProjectId).FirstAsync();
        });
        var pm = await _app.As("pm");
        var zone = (
            await pm.PostJsonAsync(
                    "/api/v1/environment-zones",
                    new
                    {
                        projectId = project,
                        name = $"编辑测试区{Guid.NewGuid():N}"[..12],
                        work = "cleaning",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var day = ChinaTime.Today(_clock).AddDays(1);
        async Task<Guid> ScheduleAsync(string name) => (
                await pm.PostJsonAsync(
                        "/api/v1/environment-schedules",
                        new
                        {
                            environmentZoneId = zone,
                            name,
                            rule = "FREQ=DAILY",
                            startsOn = day,
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
        var mop = await ScheduleAsync("拖地");
        var wipe = await ScheduleAsync("擦拭扶手");

        var bad = await pm.PutJsonAsync(
            $"/api/v1/environment-schedules/{mop}",
            new
            {
                name = "",
                work = "cleaning",
                rule = "FREQ=HOURLY",
                timesPerDay = 9,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.All(["name", "rule", "timesPerDay"], f => Assert.True(errors.TryGetProperty(f, out _), f));
        var tech = await _app.As("tech");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await tech.PostJsonAsync($"/api/v1/environment-schedules/{wipe}/archive", new { })).StatusCode
        );

        var job = _app.Services.GetRequiredService<EnvironmentTaskJob>();
        async Task RunOnAsync(DateOnly d)
        {
            _clock.SetUtcNow(new DateTimeOffset(d.ToDateTime(new TimeOnly(0, 5)), ChinaTime.Offset).ToUniversalTime());
            _app.ForgetTokens();
            await job.RunOnceAsync();
        }
        Task<List<(Guid, DateOnly, int, int, string, bool)>> TasksAsync() => _app.DbAsync(async db => (
                    await db.Set<EnvironmentTask>()
                        .Where(t => t.EnvironmentZoneId == zone)
                        .OrderBy(t => t.DueOn)
                        .ThenBy(t => t.Name)
                        .ThenBy(t => t.Round)
                        .Select(t => new
                        {
                            t.EnvironmentScheduleId,
                            t.DueOn,
                            t.Round,
                            t.Rounds,
                            t.Name,
                            t.PhotoRequired,
                        })
                        .ToListAsync()
                ).Select(t => (t.EnvironmentScheduleId, t.DueOn, t.Round, t.Rounds, t.Name, t.PhotoRequired)).ToList());
        await RunOnAsync(day);
        Assert.Equal([(mop, day, 1, 1, "拖地", true), (wipe, day, 1, 1, "擦拭扶手", true)], await TasksAsync());

        pm = await _app.As("pm");
        var edited = await pm.PutJsonAsync(
                $"/api/v1/environment-schedules/{mop}",
                new
                {
                    name = "拖地（加强）",
                    work = "cleaning",
                    rule = "FREQ=DAILY",
                    timesPerDay = 2,
                    photoRequired = false,
                }
            )
            .OkAsync();
        Assert.Equal(2, edited.GetProperty("timesPerDay").GetInt32());
        await pm.PostJsonAsync($"/api/v1/environment-schedules/{wipe}/archive", new { }).OkAsync();
        var again = await pm.PostJsonAsync($"/api/v1/environment-schedules/{wipe}/archive", new { });
        Assert.False(again.IsSuccessStatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);

        var next = day.AddDays(1);
        await RunOnAsync(next);
        Assert.Equal(
            [
                (mop, day, 1, 1, "拖地", true),
                (wipe, day, 1, 1, "擦拭扶手", true),
                (mop, next, 1, 2, "拖地（加强）", false),
                (mop, next, 2, 2, "拖地（加强）", false),
            ],
            await TasksAsync()
        );

        pm = await _app.As("pm");
        await pm.PostJsonAsync($"/api/v1/environment-zones/{zone}/archive", new { }).OkAsync();
        await RunOnAsync(next.AddDays(1));
        Assert.Equal(4, (await TasksAsync()).Count);
        pm = await _app.As("pm");
        var live = await pm.GetJsonAsync($"/api/v1/environment-schedules?environmentZoneId={zone}");
        Assert.Equal(0, live.GetArrayLength());
        var edit = await pm.PutJsonAsync($"/api/v1/environment-zones/{zone}", new { name = "又改名", work = "cleaning" });
        Assert.False(edit.IsSuccessStatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, edit.StatusCode);

        var audited = await _app.DbAsync(db =>
            db.ChangeLogs.Where(c => (c.EntityId == mop || c.EntityId == wipe || c.EntityId == zone) && c.Action == ChangeAction.Updated)
                .Select(c => c.EntityId)
                .Distinct()
                .CountAsync()
        );
        Assert.Equal(3, audited);
    }
}
