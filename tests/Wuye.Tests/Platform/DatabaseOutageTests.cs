using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// PostgreSQL dies under a running app that started its own embedded cluster (a private one in a
/// temp folder, not the test kit's shared cluster): requests answer 503 with Retry-After, the app
/// restarts the cluster, and the same requests succeed again, with no restart of the app.
/// </summary>
public sealed class DatabaseOutageTests(TestCluster cluster)
{
    [Fact]
    public async Task While_PostgreSQL_is_down_requests_answer_503_with_Retry_After_and_the_app_heals_itself()
    {
        var dataDir = Path.Combine(cluster.Root, $"outage-{Guid.NewGuid():N}");
        var port = TestCluster.FreePort();
        var cs = $"Host=127.0.0.1;Port={port};Username=wuye;Database=wuye";
        await using var app = new WuyeApp(
            cluster,
            cs,
            settings: new()
            {
                ["ConnectionStrings:Wuye"] = "", // the app starts (and owns) an embedded cluster
                ["Wuye:DataDir"] = dataDir,
                ["Wuye:Database:EmbeddedPort"] = port.ToString(),
                ["Wuye:Database:EmbeddedStopsWithApp"] = "true", // a killed test run leaves no PostgreSQL behind
                ["Wuye:Database:WatchdogSeconds"] = "3600", // the test runs the watchdog's check itself
            }
        );
        try
        {
            var companyId = await ArrangeManagerAsync(app);
            var client = await app.As("outage-manager", "Wuye@2026");
            using var anonymous = app.CreateClient();
            await client.GetJsonAsync("/api/v1/projects");
            var watchdog = app.Services.GetRequiredService<EmbeddedPostgresWatchdog>();
            Assert.False(await watchdog.CheckAsync());

            var pg = app.Services.GetRequiredService<DatabaseHandle>().Embedded!;
            var postmaster = int.Parse(File.ReadLines(Path.Combine(pg.DataDir, "postmaster.pid")).First());
            using (var stop = Process.Start("kill", ["-INT", postmaster.ToString()]))
                await stop.WaitForExitAsync(); // pg_ctl stop -m fast
            for (var i = 0; i < 400 && pg.IsRunning; i++)
                await Task.Delay(50);
            Assert.False(pg.IsRunning);

            foreach (var res in await CallsAsync(client, companyId, "停机时新建"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, res.StatusCode);
                Assert.True(res.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
                var body = await res.JsonAsync();
                Assert.Equal("database.unavailable", body.GetProperty("code").GetString());
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
            }
            // A page answers a page (in the page's language), not the API's JSON.
            var page = await client.GetAsync("/work-orders/board");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After on the page");
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"outage-page\"", html);
            Assert.Contains("数据库暂时无法连接", html);
            var ready = await anonymous.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var readyText = await ready.Content.ReadAsStringAsync();
            Assert.DoesNotContain("127.0.0.1", readyText);
            Assert.DoesNotContain(port.ToString(), readyText);

            // The watchdog restarts the cluster; a dead start (shared memory still held by dying backends) is retried on the next check.
            var restarted = false;
            var failure = "";
            for (var i = 0; i < 20 && !pg.IsRunning; i++)
            {
                try
                {
                    restarted |= await watchdog.CheckAsync();
                }
                catch (InvalidOperationException ex)
                {
                    failure += ex + "\n";
                    await Task.Delay(250);
                }
            }
            Assert.True(restarted, failure);
            Assert.True(pg.IsRunning);

            var healed = await CallsAsync(client, companyId, "恢复后新建");
            foreach (var r in healed)
                Assert.True(
                    r.IsSuccessStatusCode,
                    $"{r.RequestMessage!.RequestUri}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()} {failure}"
                );
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>A list, a detail and a create.</summary>
    private static async Task<HttpResponseMessage[]> CallsAsync(HttpClient client, Guid companyId, string name) =>
        [
            await client.GetAsync("/api/v1/projects"),
            await client.GetAsync($"/api/v1/companies/{companyId}"),
            await client.PostJsonAsync(
                "/api/v1/projects",
                new
                {
                    companyId,
                    name,
                    kind = "office",
                }
            ),
        ];

    private static async Task<Guid> ArrangeManagerAsync(WuyeApp app)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        var company = new Company { Name = "停机测试物业" };
        db.Add(company);
        await db.SaveChangesAsync();
        var user = new AppUser
        {
            UserName = "outage-manager",
            DisplayName = "停机测试经理",
            CompanyId = company.Id,
        };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Wuye@2026")).Succeeded);
        db.RoleAssignments.Add(
            new RoleAssignment
            {
                UserId = user.Id,
                Role = Roles.CompanyManager,
                CompanyId = company.Id,
            }
        );
        await db.SaveChangesAsync();
        return company.Id;
    }
}
