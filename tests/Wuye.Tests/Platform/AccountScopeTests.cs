using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// Accounts on the demo data: owners sign up by the number on record (and a number not on record
/// learns nothing), codes are single use and rate limited, managers manage only the accounts in
/// their scope and below their own role, and a user sees and ends their own sessions.
/// </summary>
public sealed class AccountScopeTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await WuyeApp.StartAsync(cluster, new() { ["Wuye:Accounts:CodesPer10Minutes"] = "6" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> UserIdAsync(string userName) =>
        _app.DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task An_owner_signs_up_by_the_number_on_record_and_sees_only_their_units()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (mobile, unitIds) = await _app.DbAsync(async db =>
        {
            var person = await db.People()
                .Where(p =>
                    p.Phone != null
                    && p.UserId == null
                    && p.ArchivedAt == null
                    && db.UnitOccupants().Any(o => o.PersonId == p.Id && o.Until == null)
                )
                .OrderBy(p => p.Id)
                .FirstAsync();
            var units = await db.UnitOccupants()
                .Where(o => o.PersonId == person.Id && (o.Until == null || o.Until >= today))
                .Select(o => o.UnitId)
                .ToListAsync();
            return (person.Phone!, units);
        });
        var anon = _app.CreateClient();
        var sent = await anon.PostJsonAsync("/api/v1/auth/verification-codes", new { mobile }).OkAsync();
        // A number not on record gets the same answer, and no SMS.
        var unknown = await anon.PostJsonAsync("/api/v1/auth/verification-codes", new { mobile = "13011112222" }).OkAsync();
        Assert.Equal(sent.ToString(), unknown.ToString());
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        Assert.False(await _app.DbAsync(db => db.Set<DeliveredMessage>().AnyAsync(m => m.Address == "13011112222")));
        var sms = await _app.DbAsync(db => db.Set<DeliveredMessage>().Where(m => m.Address == mobile).Select(m => m.Body).FirstAsync());
        var code = Regex.Match(sms, @"验证码是 (\d{6})").Groups[1].Value;
        var unknownSignUp = await anon.PostJsonAsync(
            "/api/v1/auth/sign-up",
            new
            {
                mobile = "13011112222",
                code,
                password = "Garden-55gate",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknownSignUp.StatusCode);

        var weak = await anon.PostJsonAsync(
            "/api/v1/auth/sign-up",
            new
            {
                mobile,
                code,
                password = "abcd1234",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await weak.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
        await anon.PostJsonAsync(
                "/api/v1/auth/sign-up",
                new
                {
                    mobile,
                    code,
                    password = "Garden-55gate",
                }
            )
            .OkAsync();
        var reused = await anon.PostJsonAsync(
            "/api/v1/auth/sign-up",
            new
            {
                mobile,
                code,
                password = "Garden-66gate",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("验证码无效", (await reused.JsonAsync()).GetProperty("errors").GetProperty("code")[0].GetString());

        var owner = await _app.As(mobile, "Garden-55gate");
        var units = await owner.GetJsonAsync("/api/v1/units?pageSize=200");
        Assert.Equal(unitIds.Order(), units.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).Order());
    }

    [Fact]
    public async Task A_flood_of_code_requests_from_one_address_is_rate_limited()
    {
        var anon = _app.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
            last = await anon.PostJsonAsync("/api/v1/auth/verification-codes", new { mobile = $"1390000{i:D4}" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        var problem = await last.JsonAsync();
        Assert.Equal("auth.rate_limited", problem.GetProperty("code").GetString());
        Assert.Contains("请求过于频繁", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_manager_never_changes_an_account_outside_their_scope_or_above_their_role()
    {
        var tech = await UserIdAsync("tech");
        var manager = await UserIdAsync("manager");
        // manager2 runs another company: the technician is not theirs to see or change.
        var outsider = await _app.As("manager2");
        Assert.DoesNotContain(tech.ToString(), (await outsider.GetJsonAsync("/api/v1/users?pageSize=200")).ToString());
        foreach (var action in new[] { "disable", "enable", "reset-password" })
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/users/{tech}/{action}", null)).StatusCode);
        // The project manager sees the company manager? Not to change: a role above their own.
        var pm = await _app.As("pm");
        var pmReset = await pm.PostAsync($"/api/v1/users/{manager}/reset-password", null);
        Assert.True(pmReset.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{pmReset.StatusCode}");
        // Nor invite one, nor into another company's project.
        var project = await _app.DbAsync(db =>
            db.Projects()
                .Where(p => db.RoleAssignments.Any(r => r.Role == Roles.ProjectManager && r.ProjectId == p.Id))
                .Select(p => new { p.Id, p.CompanyId })
                .FirstAsync()
        );
        var above = await pm.PostJsonAsync(
            "/api/v1/invitations",
            new
            {
                displayName = "X",
                mobile = "13900009999",
                role = Roles.CompanyManager,
                companyId = project.CompanyId,
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
        var foreign = await outsider.PostJsonAsync(
            "/api/v1/invitations",
            new
            {
                displayName = "X",
                mobile = "13900009998",
                role = Roles.Technician,
                projectId = project.Id,
            }
        );
        Assert.False(foreign.IsSuccessStatusCode);
        Assert.False(await _app.DbAsync(db => db.Users.AnyAsync(u => u.UserName == "13900009999" || u.UserName == "13900009998")));

        // The company manager resets the technician: a one-time password, the old one and the old token end.
        var techClient = await _app.As("tech");
        var own = await _app.As("manager");
        var reset = await own.PostAsync($"/api/v1/users/{tech}/reset-password", null).OkAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await techClient.GetAsync("/api/v1/me")).StatusCode);
        var fresh = _app.CreateClient();
        fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            await _app.TokenAsync("tech", reset.GetProperty("oneTimePassword").GetString()!)
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync("/api/v1/work-orders")).StatusCode);
    }

    [Fact]
    public async Task A_user_sees_their_sessions_and_signs_one_out()
    {
        var first = _app.CreateClient();
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenAsync("service"));
        var second = _app.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _app.TokenAsync("service"));
        var sessions = await first.GetJsonAsync("/api/v1/account/sessions");
        Assert.True(sessions.GetArrayLength() >= 2);
        var other = sessions.EnumerateArray().First(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        await first.DeleteAsync($"/api/v1/account/sessions/{other}").OkAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me")).StatusCode);
        await first.GetJsonAsync("/api/v1/me");
        // Another user's session is not found.
        var pm = await _app.As("pm");
        var pmSession = (await pm.GetJsonAsync("/api/v1/account/sessions"))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await first.DeleteAsync($"/api/v1/account/sessions/{pmSession}")).StatusCode);
        // My account: name and language.
        var me = await first
            .PutJsonAsync(
                "/api/v1/account",
                new
                {
                    displayName = "客服 赵敏",
                    mobile = "13900004444",
                    culture = "en",
                }
            )
            .OkAsync();
        Assert.Equal("en", me.GetProperty("culture").GetString());
    }
}
