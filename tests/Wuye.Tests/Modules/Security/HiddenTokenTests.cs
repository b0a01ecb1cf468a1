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
/// Hidden-token night checks (安全搜寻棒, 万科#5) through the API with a moved clock, on the demo rota (tomorrow night the demo guard is
/// on 东门岗 until 06:00): the supervisor hides two tokens, bad input answered field by field, the guard does not see where; one found
/// with its time to find, the other not found by the shift's end — the supervisor told once, a late code refused — and the ranking.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class HiddenTokenTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(21), China));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void At(int hour, int minute) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute), China).ToUniversalTime());

    private async Task<List<JsonElement>> TonightAsync(HttpClient client) =>
        [
            .. (await client.GetJsonAsync($"/api/v1/hidden-tokens?projectId={_project}&night={Day:yyyy-MM-dd}"))
                .EnumerateArray()
                .Where(t => t.GetProperty("postName").GetString() == "东门岗"),
        ];

    private async Task<(int Hidden, int Found, double Rate)> GateRankAsync(HttpClient pm)
    {
        var rank = (await pm.GetJsonAsync($"/api/v1/hidden-tokens/ranking?projectId={_project}&month={Day:yyyy-MM}"))
            .EnumerateArray()
            .SingleOrDefault(r => r.GetProperty("postName").GetString() == "东门岗");
        return rank.ValueKind == JsonValueKind.Undefined
            ? (0, 0, 0)
            : (rank.GetProperty("hidden").GetInt32(), rank.GetProperty("found").GetInt32(), rank.GetProperty("foundRate").GetDouble());
    }

    [Fact]
    public async Task A_token_found_is_timed_one_not_found_is_alerted_once_and_the_posts_are_ranked()
    {
        var pm = await _app.As("pm");
        var guard = await _app.As("guard");
        var gate = (await pm.GetJsonAsync($"/api/v1/posts?projectId={_project}&pageSize=100"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "东门岗")
            .GetProperty("id")
            .GetGuid();
        var before = await GateRankAsync(pm);

        var empty = await pm.PostJsonAsync("/api/v1/hidden-tokens", new { place = new string('远', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(
            ["place", "securityPostId"],
            (await empty.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
        );
        var foreignPost = await _app.DbAsync(async db =>
        {
            var other = await db.Projects().Where(p => p.Name == "阳光水岸").Select(p => new { p.Id, p.CompanyId }).FirstAsync();
            var post = SecurityPost.Create(other.CompanyId, other.Id, "测试 外项目巡逻岗", PostKind.Patrol, [], []);
            db.Add(post);
            await db.SaveChangesAsync();
            return post.Id;
        });
        var foreign = await pm.PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = foreignPost, place = "x" });
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("securityPostId", out _));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await guard.PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = gate, place = "x" })).StatusCode
        );
        var first = await pm.PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = gate, place = "水泵房门后" }).OkAsync();
        var code = first.GetProperty("code").GetString()!;
        Assert.Equal(("吴强", "hidden"), (first.GetProperty("guardName").GetString(), first.GetProperty("state").GetString()));
        Assert.Equal(new DateTimeOffset(Day.AddDays(1).AddHours(6), China), first.GetProperty("dueAt").GetDateTimeOffset());

        // The guard sees that a token waits, not where it is nor its code.
        var seen = Assert.Single(await TonightAsync(guard));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (seen.GetProperty("place").ValueKind, seen.GetProperty("code").ValueKind));
        // Nor in the token's history, which any member of the project may read.
        var history = (await guard.GetJsonAsync($"/api/v1/change-logs?entityId={first.GetProperty("id").GetGuid()}")).GetRawText();
        Assert.Contains("******", history);
        Assert.DoesNotContain(code, history);
        Assert.DoesNotContain("水泵房", history);
        var wrong = await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code = "ZZZZZZ" });
        Assert.True((await wrong.JsonAsync()).GetProperty("errors").TryGetProperty("code", out _));
        // A token hidden for another post's guard: this guard, not on that post, gets the same answer as for an unknown code.
        var (othersToken, othersCode) = await _app.DbAsync(async db =>
        {
            var gatePost = await db.Set<SecurityPost>().AsNoTracking().SingleAsync(p => p.Id == gate);
            var post = SecurityPost.Create(gatePost.CompanyId, gatePost.ProjectId, "测试 北门岗", PostKind.Patrol, [], []);
            var t = new HiddenToken
            {
                CompanyId = post.CompanyId,
                ProjectId = post.ProjectId,
                SecurityPostId = post.Id,
                PostName = post.Name,
                Place = "北门信箱后",
                Code = HiddenToken.NewCode(),
                HiddenBy = Guid.NewGuid(),
                HiddenAt = _clock.GetUtcNow(),
                DueAt = _clock.GetUtcNow().AddHours(8),
                GuardUserId = Guid.NewGuid(),
                GuardName = "另一名安全员",
            };
            db.AddRange(post, t);
            await db.SaveChangesAsync();
            return (t.Id, t.Code);
        });
        var notMine = await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code = othersCode });
        Assert.Equal(HttpStatusCode.BadRequest, notMine.StatusCode);
        Assert.Equal(
            (await wrong.JsonAsync()).GetProperty("errors").GetProperty("code").GetRawText(),
            (await notMine.JsonAsync()).GetProperty("errors").GetProperty("code").GetRawText()
        );
        Assert.Null(await _app.DbAsync(db => db.Set<HiddenToken>().Where(t => t.Id == othersToken).Select(t => t.FoundAt).SingleAsync()));
        At(22, 40);
        var found = await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code = code.ToLowerInvariant() }).OkAsync();
        Assert.Equal(
            ("found", 100, "水泵房门后"),
            (found.GetProperty("state").GetString(), found.GetProperty("minutesToFind").GetInt32(), found.GetProperty("place").GetString())
        );
        var again = await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code });
        Assert.Equal("hidden_token.found", (await again.JsonAsync()).GetProperty("code").GetString());

        At(23, 0);
        var second = await pm.PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = gate, place = "东侧围墙路灯下" }).OkAsync();
        var job = _app.Services.GetRequiredService<HiddenTokenJob>();
        At(5, 58 + 24 * 60);
        await job.RunOnceAsync();
        Assert.Equal(0, await AlertsAsync());
        At(6, 1 + 24 * 60);
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        Assert.Equal(1, await AlertsAsync());
        // Nine hours on, the sign-in tokens have expired: sign in again.
        _app.ForgetTokens();
        (pm, guard) = (await _app.As("pm"), await _app.As("guard"));
        var late = await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code = second.GetProperty("code").GetString() });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("hidden_token.shift_over", (await late.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            ["found", "not_found"],
            (await TonightAsync(pm)).Select(t => t.GetProperty("state").GetString()).Order(StringComparer.Ordinal)
        );

        // The post's line counts this night's two tokens (one found) on top of what the month held before.
        var (hidden, foundCount, rate) = await GateRankAsync(pm);
        Assert.Equal((before.Hidden + 2, before.Found + 1), (hidden, foundCount));
        Assert.Equal(Math.Round(100.0 * (before.Found + 1) / (before.Hidden + 2), 1), rate);
        var bad = await pm.GetAsync($"/api/v1/hidden-tokens/ranking?month=2026-13");
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
    }

    private Task<int> AlertsAsync() =>
        _app.DbAsync(db =>
            db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title == "搜寻棒未找到：东门岗")
        );
}
