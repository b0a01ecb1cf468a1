using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Safety tips by time slot (万科#4) through the API with a moved clock, on the demo rota (tomorrow night the demo guard is on 东门岗):
/// the center adds a tip and schedules it to the post, bad input answered field by field, the job pushes it once at the slot's start
/// to the guard on the post (outbox), the guard acknowledges it; a tip whose slot is over can no longer be acknowledged.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class SafetyTipTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(21).AddMinutes(50), China));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void At(int hour, int minute, int second = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute).AddSeconds(second), China).ToUniversalTime());

    private async Task<Dictionary<string, JsonElement>> DeliveriesAsync(HttpClient client) =>
        (await client.GetJsonAsync($"/api/v1/safety-tips/deliveries?projectId={_project}&date={Day:yyyy-MM-dd}&pageSize=100"))
            .GetProperty("items")
            .EnumerateArray()
            .Where(d => d.GetProperty("title").GetString()!.StartsWith("测试"))
            .ToDictionary(d => d.GetProperty("title").GetString()!);

    private static async Task<HashSet<string>> FieldsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        return [.. (await res.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    [Fact]
    public async Task A_tip_is_pushed_once_to_the_guard_on_the_post_and_acknowledged_within_its_slot()
    {
        var monitor = await _app.As("monitor");
        var guard = await _app.As("guard");
        var posts = (await monitor.GetJsonAsync($"/api/v1/posts?projectId={_project}&pageSize=100"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetGuid());
        var gate = posts["东门岗"];

        // Bad input, field by field; nothing half-written.
        Assert.Equal(
            ["body", "projectId", "title"],
            (await FieldsAsync(await monitor.PostJsonAsync("/api/v1/safety-tips", new { title = "" }))).Order()
        );
        Assert.Equal(
            ["title"],
            await FieldsAsync(
                await monitor.PostJsonAsync(
                    "/api/v1/safety-tips",
                    new
                    {
                        projectId = _project,
                        title = new string('长', 101),
                        body = "x",
                    }
                )
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await guard.PostJsonAsync(
                    "/api/v1/safety-tips",
                    new
                    {
                        projectId = _project,
                        title = "测试 越权",
                        body = "x",
                    }
                )
            ).StatusCode
        );
        var a = await monitor
            .PostJsonAsync(
                "/api/v1/safety-tips",
                new
                {
                    projectId = _project,
                    title = "测试 巡查电梯厅",
                    body = "留意电梯厅的电动车。",
                }
            )
            .OkAsync();
        var b = await monitor
            .PostJsonAsync(
                "/api/v1/safety-tips",
                new
                {
                    projectId = _project,
                    title = "测试 门禁",
                    body = "核对夜间进出人员。",
                }
            )
            .OkAsync();
        var dup = await monitor.PostJsonAsync(
            "/api/v1/safety-tips",
            new
            {
                projectId = _project,
                title = "测试 门禁",
                body = "again",
            }
        );
        Assert.Equal("safety_tip.duplicate_title", (await dup.JsonAsync()).GetProperty("code").GetString());
        var aId = a.GetProperty("id").GetGuid();
        Assert.Equal(
            ["securityPostId", "slot"],
            (await FieldsAsync(await monitor.PostJsonAsync($"/api/v1/safety-tips/{aId}/schedules", new { slot = "23:00-22:00" }))).Order()
        );
        // A post of another project is refused on its field.
        var foreignPost = await _app.DbAsync(async db =>
        {
            var other = await db.Projects().Where(p => p.Name == "阳光水岸").Select(p => new { p.Id, p.CompanyId }).FirstAsync();
            var post = SecurityPost.Create(other.CompanyId, other.Id, "测试 外项目岗", PostKind.Gate, [], []);
            db.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        Assert.Equal(
            ["securityPostId"],
            await FieldsAsync(
                await monitor.PostJsonAsync(
                    $"/api/v1/safety-tips/{aId}/schedules",
                    new { securityPostId = foreignPost, slot = "22:00-23:00" }
                )
            )
        );
        await monitor.PostJsonAsync($"/api/v1/safety-tips/{aId}/schedules", new { securityPostId = gate, slot = "21:55-22:30" }).OkAsync();
        var overlap = await monitor.PostJsonAsync(
            $"/api/v1/safety-tips/{aId}/schedules",
            new { securityPostId = gate, slot = "22:00-22:15" }
        );
        Assert.Equal("safety_tip.schedule_overlaps", (await overlap.JsonAsync()).GetProperty("code").GetString());
        await monitor
            .PostJsonAsync(
                $"/api/v1/safety-tips/{b.GetProperty("id").GetGuid()}/schedules",
                new { securityPostId = gate, slot = "22:05-22:10" }
            )
            .OkAsync();
        var library = (await monitor.GetJsonAsync($"/api/v1/safety-tips?projectId={_project}")).EnumerateArray().ToList();
        Assert.Equal(
            "东门岗 21:55-22:30",
            library
                .Single(t => t.GetProperty("id").GetGuid() == aId)
                .GetProperty("schedules")
                .EnumerateArray()
                .Select(s => $"{s.GetProperty("postName").GetString()} {s.GetProperty("slot").GetString()}")
                .Single()
        );

        var job = _app.Services.GetRequiredService<SafetyTipJob>();
        await job.RunOnceAsync(); // 21:50: not yet
        Assert.Empty(await DeliveriesAsync(monitor));
        At(21, 55, 20);
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var pushed = await DeliveriesAsync(monitor);
        Assert.Equal(["测试 巡查电梯厅"], pushed.Keys);
        Assert.Equal(
            ("open", "吴强"),
            (pushed["测试 巡查电梯厅"].GetProperty("state").GetString(), pushed["测试 巡查电梯厅"].GetProperty("guardName").GetString())
        );
        var outbox = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title == "安全提示：测试 巡查电梯厅")
                .CountAsync()
        );
        Assert.Equal(1, outbox);
        // Taken off and put back at the same slot (a new schedule): not pushed a second time today.
        var scheduleId = library
            .Single(t => t.GetProperty("id").GetGuid() == aId)
            .GetProperty("schedules")
            .EnumerateArray()
            .Single()
            .GetProperty("id")
            .GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await monitor.DeleteAsync($"/api/v1/safety-tips/{aId}/schedules/{scheduleId}")).StatusCode);
        await monitor.PostJsonAsync($"/api/v1/safety-tips/{aId}/schedules", new { securityPostId = gate, slot = "21:55-22:30" }).OkAsync();
        await job.RunOnceAsync();
        Assert.Equal(["测试 巡查电梯厅"], (await DeliveriesAsync(monitor)).Keys);
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title == "安全提示：测试 巡查电梯厅")
            )
        );

        // The monitoring center may not acknowledge for the guard; the guard does, once.
        var id = pushed["测试 巡查电梯厅"].GetProperty("id").GetGuid();
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await monitor.PostAsync($"/api/v1/safety-tips/deliveries/{id}/acknowledgements", null)).StatusCode
        );
        At(21, 57, 0);
        var ack = await guard.PostAsync($"/api/v1/safety-tips/deliveries/{id}/acknowledgements", null).OkAsync();
        Assert.Equal("acknowledged", ack.GetProperty("state").GetString());
        var again = await guard.PostAsync($"/api/v1/safety-tips/deliveries/{id}/acknowledgements", null);
        Assert.Equal("safety_tip.acknowledged", (await again.JsonAsync()).GetProperty("code").GetString());

        // The 22:05–22:10 tip is pushed, not read in time: refused after its slot, shown as not acknowledged.
        At(22, 5, 10);
        await job.RunOnceAsync();
        At(22, 10, 30);
        var late = (await DeliveriesAsync(guard))["测试 门禁"];
        Assert.Equal("unacknowledged", late.GetProperty("state").GetString());
        var refused = await guard.PostAsync($"/api/v1/safety-tips/deliveries/{late.GetProperty("id").GetGuid()}/acknowledgements", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("safety_tip.slot_over", problem.GetProperty("code").GetString());
        Assert.Contains("22:10 结束", problem.GetProperty("title").GetString());
        await job.RunOnceAsync();
        Assert.Equal(2, (await DeliveriesAsync(monitor)).Count);

        // Taken out of the library: no longer listed (its pushes stay on record); only once.
        Assert.Equal(HttpStatusCode.NoContent, (await monitor.PostAsync($"/api/v1/safety-tips/{aId}/archive", null)).StatusCode);
        Assert.DoesNotContain(
            aId,
            (await monitor.GetJsonAsync($"/api/v1/safety-tips?projectId={_project}"))
                .EnumerateArray()
                .Select(t => t.GetProperty("id").GetGuid())
        );
        Assert.Equal(2, (await DeliveriesAsync(monitor)).Count);
        var twice = await monitor.PostAsync($"/api/v1/safety-tips/{aId}/archive", null);
        Assert.Equal("safety_tip.archived", (await twice.JsonAsync()).GetProperty("code").GetString());
    }
}
