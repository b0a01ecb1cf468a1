using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// A night of roll-calls with a moved clock, on the demo rota (tomorrow night: the east gate is the demo guard's, three more posts
/// staffed): calls made once per post and call time, the guard's answer and the operator's verbal one with their response times,
/// unanswered posts re-called then escalated to the supervisor through the outbox, an answer after the escalation refused.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class RollCallTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(21).AddMinutes(59), China));
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

    private async Task<Dictionary<string, JsonElement>> CallsAsync(HttpClient client, string slot) =>
        (await client.GetJsonAsync($"/api/v1/roll-calls?projectId={_project}&night={Day:yyyy-MM-dd}&pageSize=100"))
            .GetProperty("items")
            .EnumerateArray()
            .Where(c => c.GetProperty("slotAt").GetDateTimeOffset().ToOffset(China).ToString("HH:mm") == slot)
            .ToDictionary(c => c.GetProperty("postName").GetString()!);

    private Task<List<string>> OutboxAsync(string title) =>
        _app.DbAsync(async db =>
            (
                await db.Set<OutboxMessage>()
                    .Where(m => m.Channel == NotificationChannel.InApp && m.Title.StartsWith(title))
                    .Select(m => db.Users.Where(u => u.Id == m.RecipientUserId).Select(u => u.UserName!).First() + " " + m.Title)
                    .ToListAsync()
            )
                .Order(StringComparer.Ordinal)
                .ToList()
        );

    private static string Id(JsonElement call) => call.GetProperty("id").GetString()!;

    [Fact]
    public async Task Unanswered_posts_are_recalled_then_escalated_and_a_late_acknowledgement_is_refused()
    {
        var job = _app.Services.GetRequiredService<RollCallJob>();
        var guard = await _app.As("guard");
        var monitor = await _app.As("monitor");
        await job.RunOnceAsync(); // 21:59: not yet
        Assert.Empty(await CallsAsync(monitor, "22:00"));

        At(22, 0, 30);
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var calls = await CallsAsync(monitor, "22:00");
        Assert.Equal(
            new[] { "东门岗", "地库出入口", "巡逻岗", "监控中心" }.Order(StringComparer.Ordinal),
            calls.Keys.Order(StringComparer.Ordinal)
        );
        Assert.Equal(["guard 夜间点名：东门岗 22:00"], await OutboxAsync("夜间点名"));

        At(22, 1, 30);
        var ack = await guard.PostAsync($"/api/v1/roll-calls/{Id(calls["东门岗"])}/acknowledgements", null).OkAsync();
        Assert.Equal(("answered", 60), (ack.GetProperty("state").GetString(), ack.GetProperty("responseSeconds").GetInt32()));
        var notMine = await guard.PostAsync($"/api/v1/roll-calls/{Id(calls["巡逻岗"])}/acknowledgements", null);
        Assert.Equal("roll_call.not_yours", (await notMine.JsonAsync()).GetProperty("code").GetString());
        At(22, 2, 0);
        var verbal = await monitor
            .PostJsonAsync($"/api/v1/roll-calls/{Id(calls["地库出入口"])}/verbal-answers", new { note = "对讲机应答" })
            .OkAsync();
        Assert.True(verbal.GetProperty("verbal").GetBoolean());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync($"/api/v1/roll-calls/{Id(calls["巡逻岗"])}/verbal-answers", new { })).StatusCode
        );

        At(22, 5, 30);
        await job.RunOnceAsync();
        calls = await CallsAsync(monitor, "22:00");
        Assert.Equal(("recalled", 2), (calls["巡逻岗"].GetProperty("state").GetString(), calls["巡逻岗"].GetProperty("calls").GetInt32()));
        At(22, 10, 30);
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        calls = await CallsAsync(monitor, "22:00");
        Assert.Equal("escalated", calls["监控中心"].GetProperty("state").GetString());
        Assert.Equal(["pm 点名未应答：巡逻岗 22:00", "pm 点名未应答：监控中心 22:00"], await OutboxAsync("点名未应答"));
        var late = await monitor.PostJsonAsync($"/api/v1/roll-calls/{Id(calls["巡逻岗"])}/verbal-answers", new { });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // The 22:30 call: the guard does not answer, is re-called, the post escalated; the guard's answer then is refused, clearly.
        At(22, 30, 30);
        await job.RunOnceAsync();
        At(22, 35, 40);
        await job.RunOnceAsync();
        Assert.Contains("guard 再次点名：东门岗 22:30", await OutboxAsync("再次点名"));
        At(22, 40, 50);
        await job.RunOnceAsync();
        var gate = (await CallsAsync(guard, "22:30"))["东门岗"];
        var refused = await guard.PostAsync($"/api/v1/roll-calls/{Id(gate)}/acknowledgements", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("roll_call.escalated", problem.GetProperty("code").GetString());
        Assert.Contains("已于 22:40 上报主管", problem.GetProperty("title").GetString());

        var log = (await monitor.GetJsonAsync($"/api/v1/roll-calls/log?projectId={_project}&night={Day:yyyy-MM-dd}"))
            .EnumerateArray()
            .ToDictionary(l => l.GetProperty("postName").GetString()!);
        var east = log["东门岗"];
        Assert.Equal(
            (2, 1, 1, 60.0),
            (
                east.GetProperty("calls").GetInt32(),
                east.GetProperty("answered").GetInt32(),
                east.GetProperty("escalated").GetInt32(),
                east.GetProperty("medianResponseSeconds").GetDouble()
            )
        );
        Assert.Equal(1, log["地库出入口"].GetProperty("verbal").GetInt32());
    }
}
