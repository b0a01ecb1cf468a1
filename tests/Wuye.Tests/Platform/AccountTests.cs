using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>Captures what the app logs, to read the one-time password the first start prints.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public readonly System.Collections.Concurrent.ConcurrentQueue<string> Lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) => owner.Lines.Enqueue(formatter(state, exception));
    }

    public string OneTimePassword() => Lines.Select(l => Regex.Match(l, @"one-time password (\S+) ")).First(m => m.Success).Groups[1].Value;
}

/// <summary>
/// From an empty database to a working company: the first platform admin with a one-time
/// password, a company and its invited manager, a project, a technician's account and role,
/// and the technician shut out the moment their staff record is archived.
/// </summary>
public sealed class FirstStartTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly LogCapture _log = new();
    private WuyeApp _app = null!;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clocks.Now();

    public async ValueTask InitializeAsync()
    {
        var db = await cluster.MigratedEmptyAsync();
        _app = new WuyeApp(cluster, db) { Clock = _clock, TestServices = s => s.AddSingleton<ILoggerProvider>(_log) };
        _ = _app.Server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Bearer(string token)
    {
        var c = _app.CreateClient();
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return c;
    }

    private async Task<string> ChangeFirstPasswordAsync(string user, string oneTime, string chosen)
    {
        using var c = Bearer(await _app.TokenAsync(user, oneTime));
        await c.PostJsonAsync("/api/v1/account/password", new { currentPassword = oneTime, newPassword = chosen }).OkAsync();
        return await _app.TokenAsync(user, chosen);
    }

    private async Task<string> SentCodeAsync(string address, string pattern)
    {
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var body = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>()
                .Where(m => m.Address == address)
                .OrderByDescending(m => m.DeliveredAt)
                .Select(m => m.Body)
                .FirstAsync()
        );
        return Regex.Match(body, pattern).Groups[1].Value;
    }

    [Fact]
    public async Task The_admin_starts_a_company_whose_manager_gives_a_technician_an_account_that_archiving_shuts()
    {
        // 1. The first start printed the admin's one-time password; it opens only the password change.
        var oneTime = _log.OneTimePassword();
        using (var first = Bearer(await _app.TokenAsync("admin", oneTime)))
        {
            var refused = await first.GetAsync("/api/v1/companies");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("auth.password_change_required", (await refused.JsonAsync()).GetProperty("code").GetString());
            var weak = await first.PostJsonAsync("/api/v1/account/password", new { currentPassword = oneTime, newPassword = "password1" });
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("太常见", (await weak.JsonAsync()).GetProperty("errors").GetProperty("newPassword")[0].GetString());
            var named = await first.PostJsonAsync(
                "/api/v1/account/password",
                new { currentPassword = oneTime, newPassword = "myadmin2026" }
            );
            Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        }
        var admin = Bearer(await ChangeFirstPasswordAsync("admin", oneTime, "Lantern-7harbor"));
        // The old one-time password no longer signs in.
        var old = await _app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "admin", password = oneTime });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        // 2. A company and its first manager, invited by SMS.
        var company = await admin.PostJsonAsync("/api/v1/companies", new { name = "安居物业" }).OkAsync();
        var companyId = company.GetProperty("id").GetGuid();
        await admin
            .PostJsonAsync(
                "/api/v1/invitations",
                new
                {
                    displayName = "陈经理",
                    mobile = "13900001111",
                    role = Roles.CompanyManager,
                    companyId,
                }
            )
            .OkAsync();
        var code = await SentCodeAsync("13900001111", @"邀请码 (\w+)");
        var weakAccept = await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "12345678" });
        Assert.Equal(HttpStatusCode.BadRequest, weakAccept.StatusCode);
        await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "Harbor-88lamp" }).OkAsync();
        var reused = await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "Harbor-99lamp" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        var manager = Bearer(await _app.TokenAsync("13900001111", "Harbor-88lamp"));

        // 3. The manager's project, a technician's staff record, account and role.
        var project = await manager
            .PostJsonAsync(
                "/api/v1/projects",
                new
                {
                    companyId,
                    name = "安居花园",
                    kind = "residential",
                }
            )
            .OkAsync();
        var projectId = project.GetProperty("id").GetGuid();
        var staff = await manager
            .PostJsonAsync(
                "/api/v1/staff",
                new
                {
                    projectId,
                    name = "刘师傅",
                    phone = "13900002222",
                    position = "维修",
                }
            )
            .OkAsync();
        var staffId = staff.GetProperty("id").GetGuid();
        var account = await manager.PostJsonAsync($"/api/v1/staff/{staffId}/account", new { }).OkAsync();
        var techId = account.GetProperty("userId").GetGuid();
        await manager
            .PostJsonAsync(
                "/api/v1/role-assignments",
                new
                {
                    userId = techId,
                    role = Roles.Technician,
                    projectId,
                }
            )
            .OkAsync();
        var again = await manager.PostJsonAsync($"/api/v1/staff/{staffId}/account", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var techToken = await ChangeFirstPasswordAsync(
            "13900002222",
            account.GetProperty("oneTimePassword").GetString()!,
            "Wrench-42river"
        );
        var tech = Bearer(techToken);
        await tech.GetJsonAsync($"/api/v1/work-orders?projectId={projectId}");
        var refresh = await (
            await _app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "13900002222", password = "Wrench-42river" })
        ).JsonAsync();

        var users = await manager.GetJsonAsync("/api/v1/users");
        var row = users.GetProperty("items").EnumerateArray().First(u => u.GetProperty("id").GetGuid() == techId);
        Assert.Equal("active", row.GetProperty("status").GetString());
        Assert.Contains(Roles.Technician, row.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // 4. Archiving the staff record shuts the account: the open token, the refresh token and the password.
        await manager.PostAsync($"/api/v1/staff/{staffId}/archive", null).OkAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await tech.GetAsync($"/api/v1/work-orders?projectId={projectId}")).StatusCode);
        var refreshed = await _app.CreateClient()
            .PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        // A wrong password gets the answer of any wrong password: nothing says the account exists and is disabled.
        var guess = await _app.CreateClient()
            .PostJsonAsync("/api/v1/auth/token", new { userName = "13900002222", password = "Guess-77river" });
        Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        Assert.Equal("auth.invalid_credentials", (await guess.JsonAsync()).GetProperty("code").GetString());
        var signIn = await _app.CreateClient()
            .PostJsonAsync("/api/v1/auth/token", new { userName = "13900002222", password = "Wrench-42river" });
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        users = await manager.GetJsonAsync("/api/v1/users");
        Assert.Equal(
            "disabled",
            users
                .GetProperty("items")
                .EnumerateArray()
                .First(u => u.GetProperty("id").GetGuid() == techId)
                .GetProperty("status")
                .GetString()
        );

        // Every account change is in the change log, without secrets.
        var history = await admin.GetJsonAsync($"/api/v1/change-logs?entityId={techId}");
        Assert.True(history.GetProperty("total").GetInt32() >= 2);
        Assert.DoesNotContain("Wrench", history.ToString());
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_with_a_clear_error()
    {
        var admin = Bearer(await ChangeFirstPasswordAsync("admin", _log.OneTimePassword(), "Lantern-7harbor"));
        var regulator = await admin.PostJsonAsync("/api/v1/regulators", new { name = "县住建局" }).OkAsync();
        await admin
            .PostJsonAsync(
                "/api/v1/invitations",
                new
                {
                    displayName = "刘科长",
                    mobile = "13900003333",
                    role = Roles.Regulator,
                    regulatorId = regulator.GetProperty("id").GetGuid(),
                }
            )
            .OkAsync();
        var code = await SentCodeAsync("13900003333", @"邀请码 (\w+)");
        _clock.Advance(TimeSpan.FromHours(73));
        var late = await _app.CreateClient().PostJsonAsync("/api/v1/invitations/accept", new { code, password = "Harbor-88lamp" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("邀请已过期", (await late.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task Sessions_older_than_the_retention_are_purged_and_younger_ones_kept()
    {
        var oneTime = _log.OneTimePassword();
        await _app.TokenAsync("admin", oneTime); // an open session
        using (var signedOut = Bearer(await _app.TokenAsync("admin", oneTime)))
        {
            var mine = await signedOut.GetJsonAsync("/api/v1/account/sessions");
            var current = mine.EnumerateArray().First(x => x.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.NoContent, (await signedOut.DeleteAsync($"/api/v1/account/sessions/{current}")).StatusCode);
        }
        _clock.Advance(TimeSpan.FromDays(20));
        await _app.TokenAsync("admin", oneTime); // a younger session
        var job = _app.Services.GetRequiredService<UserSessionPurgeJob>();
        Assert.Equal(0, await job.RunOnceAsync());

        _clock.Advance(TimeSpan.FromDays(11)); // the first two are 31 days old (retention 30), the last 11
        Assert.Equal(2, await job.RunOnceAsync());
        var left = await _app.DbAsync(db => db.Set<UserSession>().Select(x => x.CreatedAt).ToListAsync());
        Assert.True(Math.Abs((Assert.Single(left) - _clock.GetUtcNow().AddDays(-11)).TotalSeconds) < 1);
    }

    [Fact]
    public async Task Parallel_guesses_spend_the_codes_five_tries_and_a_number_gets_five_codes_an_hour_whoever_asks()
    {
        await AdminWithMobileAsync("13900007777");
        // Through the service, past the per-address limiter: as an attacker with many addresses would.
        async Task<T> InScope<T>(Func<PasswordReset, Task<T>> act)
        {
            using var scope = _app.Services.CreateScope();
            return await act(scope.ServiceProvider.GetRequiredService<PasswordReset>());
        }
        await InScope(r => r.SendCodeAsync("13900007777", default));
        var code = await SentCodeAsync("13900007777", @"验证码 (\d{6})");
        var guesses = Enumerable
            .Range(0, 12)
            .Select(i => ((int.Parse(code) + 1 + i) % 1_000_000).ToString("D6"))
            .Select(guess =>
                InScope(async r =>
                {
                    try
                    {
                        await r.ResetAsync("13900007777", guess, "Beacon-31tide", default);
                        return true;
                    }
                    catch (Wuye.Platform.Web.ValidationException)
                    {
                        return false;
                    }
                })
            );
        Assert.All(await Task.WhenAll(guesses), Assert.False);
        // Twelve guesses at once spent the five tries: the right code comes too late.
        await Assert.ThrowsAsync<Wuye.Platform.Web.ValidationException>(() =>
            InScope(r => r.ResetAsync("13900007777", code, "Beacon-31tide", default))
        );
        Assert.Equal(
            PasswordReset.MaxTries,
            await _app.DbAsync(db => db.Set<VerificationCode>().Where(c => c.Mobile == "13900007777").Select(c => c.Attempts).SingleAsync())
        );
        // However many addresses ask, the number gets five codes an hour (the same answer after that, and no SMS).
        for (var i = 0; i < 7; i++)
            await InScope(r => r.SendCodeAsync("13900007777", default));
        Assert.Equal(
            VerificationCodes.PerHour,
            await _app.DbAsync(db =>
                db.Set<VerificationCode>().CountAsync(c => c.Mobile == "13900007777" && c.Purpose == PasswordReset.Purpose)
            )
        );
    }

    private async Task<HttpClient> AdminWithMobileAsync(string mobile)
    {
        var admin = Bearer(await ChangeFirstPasswordAsync("admin", _log.OneTimePassword(), "Lantern-7harbor"));
        await admin.PutJsonAsync("/api/v1/account", new { displayName = "平台管理员", mobile }).OkAsync();
        return admin;
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_SMS_code_and_no_answer_tells_whether_a_number_has_an_account()
    {
        var admin = await AdminWithMobileAsync("13900008888");
        using var anon = _app.CreateClient();
        anon.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        // The same answer and the same writes for a number with an account and one without; only the first gets an SMS.
        var known = await anon.PostJsonAsync("/api/v1/auth/password-reset/codes", new { mobile = "13900008888" });
        var unknown = await anon.PostJsonAsync("/api/v1/auth/password-reset/codes", new { mobile = "13900009999" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal((await known.JsonAsync()).ToString(), (await unknown.JsonAsync()).ToString());
        Assert.Equal(
            ["13900008888", "13900009999"],
            await _app.DbAsync(db =>
                db.Set<VerificationCode>()
                    .Where(c => c.Purpose == PasswordReset.Purpose)
                    .OrderBy(c => c.Mobile)
                    .Select(c => c.Mobile)
                    .ToListAsync()
            )
        );
        var code = await SentCodeAsync("13900008888", @"验证码 (\d{6})");
        Assert.Equal(0, await _app.DbAsync(db => db.Set<DeliveredMessage>().CountAsync(m => m.Address == "13900009999")));

        var wrong = await anon.PostJsonAsync(
            "/api/v1/auth/password-reset",
            new
            {
                mobile = "13900008888",
                code = code == "000000" ? "111111" : "000000",
                password = "Beacon-31tide",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("验证码无效", (await wrong.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString());
        var reset = await anon.PostJsonAsync(
            "/api/v1/auth/password-reset",
            new
            {
                mobile = "13900008888",
                code,
                password = "Beacon-31tide",
            }
        );
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        // Every session and token of the account ended; the old password is refused, the new one signs in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/companies")).StatusCode);
        var old = await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "Lantern-7harbor" });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await _app.TokenAsync("admin", "Beacon-31tide");
        // The code is single use, and a flood of requests from one address is cut off (5 per 10 minutes).
        var reused = await anon.PostJsonAsync(
            "/api/v1/auth/password-reset",
            new
            {
                mobile = "13900008888",
                code,
                password = "Beacon-42tide",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        var flood = await anon.PostJsonAsync("/api/v1/auth/password-reset/codes", new { mobile = "13900008888" });
        Assert.Equal(HttpStatusCode.TooManyRequests, flood.StatusCode);
    }

    [Fact]
    public async Task A_password_reset_code_expires_after_its_minutes()
    {
        await AdminWithMobileAsync("13900008888");
        using var anon = _app.CreateClient();
        anon.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        await anon.PostJsonAsync("/api/v1/auth/password-reset/codes", new { mobile = "13900008888" }).OkAsync();
        var code = await SentCodeAsync("13900008888", @"验证码 (\d{6})");
        _clock.Advance(TimeSpan.FromMinutes(11));
        var late = await anon.PostJsonAsync(
            "/api/v1/auth/password-reset",
            new
            {
                mobile = "13900008888",
                code,
                password = "Beacon-31tide",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("已过期", (await late.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString());
    }
}
