using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>Idempotency keys survive a crash of the app (no key stuck, no request run twice) and are purged after their
/// retention.</summary>
public sealed class IdempotencyTests(TestCluster cluster)
{
    [Fact]
    public async Task After_a_kill_9_under_load_every_retry_completes_and_every_acknowledged_request_exists_once()
    {
        var cs = await cluster.CloneAsync();
        Guid company;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            company = (Guid)
                (await new NpgsqlCommand("select id from master_data.company where name like '锦华%'", conn).ExecuteScalarAsync())!;
        }
        var dataDir = Path.Combine(cluster.Root, $"crash-{Guid.NewGuid():N}");
        var port = TestCluster.FreePort();
        var app = await AppProcess.StartAsync(cs, dataDir, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            var token = (
                await (
                    await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "manager", password = DemoAccounts.Password })
                ).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()
            )
                .GetProperty("accessToken")
                .GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            const int count = 240;
            var keys = Enumerable.Range(0, count).Select(i => (Key: Guid.NewGuid().ToString(), Name: $"崩溃测试项目 {i:D3}")).ToArray();
            Task<HttpResponseMessage> Send((string Key, string Name) k)
            {
                var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
                {
                    Content = JsonContent.Create(
                        new
                        {
                            companyId = company,
                            name = k.Name,
                            kind = "office",
                        }
                    ),
                };
                req.Headers.Add(IdempotencyMiddleware.Header, k.Key);
                return http.SendAsync(req);
            }

            var acknowledged = new ConcurrentDictionary<string, Guid>();
            var killed = 0;
            var answered = 0;
            using var gate = new SemaphoreSlim(16);
            await Task.WhenAll(
                keys.Select(async k =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        if (Volatile.Read(ref killed) == 1)
                            return;
                        var res = await Send(k);
                        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
                        acknowledged[k.Key] = (await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())
                            .GetProperty("id")
                            .GetGuid();
                        // Mid-load: the other fifteen are in flight when the app dies. (Counted apart from the dictionary: two answers
                        // landing together could both read its Count as 61, and nobody would kill the app.)
                        if (Interlocked.Increment(ref answered) == 60 && Interlocked.Exchange(ref killed, 1) == 0)
                            app.Kill();
                    }
                    catch (HttpRequestException) { } // in flight at the kill: no answer, so not acknowledged
                    catch (TaskCanceledException) { }
                    finally
                    {
                        gate.Release();
                    }
                })
            );
            Assert.Equal(1, killed);
            await app.WaitForExitAsync();
            app.Dispose();

            app = await AppProcess.StartAsync(cs, dataDir, port);
            var retries = await Task.WhenAll(
                keys.Select(async k =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var res = await Send(k);
                        var body = await res.Content.ReadAsStringAsync();
                        Assert.True(res.StatusCode == HttpStatusCode.Created, $"retry of {k.Name}: {(int)res.StatusCode} {body}");
                        return (k.Key, Id: System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
                    }
                    finally
                    {
                        gate.Release();
                    }
                })
            );
            foreach (var (key, id) in retries)
                if (acknowledged.TryGetValue(key, out var first))
                    Assert.Equal(first, id);

            await using var check = new NpgsqlConnection(cs);
            await check.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "select name, count(*) from master_data.project where name like '崩溃测试项目 %' group by name",
                check
            );
            var perName = new Dictionary<string, long>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync())
                    perName[r.GetString(0)] = r.GetInt64(1);
            Assert.Equal(count, perName.Count);
            Assert.All(perName, p => Assert.Equal(1L, p.Value));
        }
        finally
        {
            if (!app.HasExited)
                app.Kill();
            await app.WaitForExitAsync();
            app.Dispose();
            NpgsqlConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Keys_older_than_the_retention_are_purged_and_younger_ones_kept()
    {
        var clock = Clocks.Now();
        await using var app = new WuyeApp(cluster, await cluster.CloneAsync()) { Clock = clock };
        var company = await app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).SingleAsync());
        async Task<HttpResponseMessage> Send(string key, string name)
        {
            app.ForgetTokens(); // the clock moves past a token's lifetime
            var client = await app.As("manager");
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
            {
                Content = JsonContent.Create(
                    new
                    {
                        companyId = company,
                        name,
                        kind = "office",
                    }
                ),
            };
            req.Headers.Add(IdempotencyMiddleware.Header, key);
            return await client.SendAsync(req);
        }
        Assert.Equal(HttpStatusCode.Created, (await Send("old-key", "保留期测试一")).StatusCode);
        clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(HttpStatusCode.Created, (await Send("young-key", "保留期测试二")).StatusCode);
        var job = app.Services.GetRequiredService<IdempotencyPurgeJob>();
        Assert.Equal(0, await job.RunOnceAsync());

        clock.Advance(TimeSpan.FromHours(5)); // the first key is 25 h old, the second 5 h
        Assert.Equal(1, await job.RunOnceAsync());
        var left = await app.DbAsync(db => db.IdempotentRequests.Select(r => r.Key).ToListAsync());
        Assert.DoesNotContain("old-key", left);
        Assert.Contains("young-key", left);
        var replay = await Send("young-key", "保留期测试二");
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }
}
