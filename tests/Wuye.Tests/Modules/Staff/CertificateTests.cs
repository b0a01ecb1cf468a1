using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Jobs;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 特种作业证书 through the API and the reminder job: recorded by the project manager with bad input answered field by
/// field, seen by the holder and nobody else of the front line, renewed, audited; the holder and the project manager are
/// reminded once before the last day and told once that it lapsed (moved clock); the to-do lists count them.
/// </summary>
public sealed class CertificateTests : IClassFixture<SharedApp>
{
    // The demo data is dated from the real day it was made: each test's clock starts there and only moves forward.
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public CertificateTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    private DateOnly Today => ChinaTime.Today(_clock);

    /// <summary>The demo technician's entry in the staff register (linked to his account), and another member of his team.</summary>
    private Task<(Guid Tech, Guid Colleague, string TechName)> TechAsync() =>
        _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var tech = await db.StaffRefs().Where(s => s.UserId == user).FirstAsync();
            var colleague = await db.StaffRefs()
                .Where(s => s.TeamId == tech.TeamId && s.Id != tech.Id)
                .OrderBy(s => s.Name)
                .ThenBy(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync();
            return (tech.Id, colleague, tech.Name);
        });

    private Task<List<string>> InAppAsync(string text) =>
        _app.DbAsync(async db =>
        {
            var rows = await db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains(text))
                .Select(m => new { m.Title, User = db.Users.Where(u => u.Id == m.RecipientUserId).Select(u => u.UserName).First() })
                .ToListAsync();
            return rows.Select(r => $"{r.User}: {r.Title}").OrderBy(x => x).ToList();
        });

    private Task<int> JobAsync() => _app.Services.GetRequiredService<CertificateExpiryJob>().RunOnceAsync();

    private void MoveTo(DateOnly day)
    {
        _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset).ToUniversalTime());
        _app.ForgetTokens();
    }

    [Fact]
    public async Task The_project_manager_records_and_renews_a_certificate_bad_input_field_by_field_and_only_the_holder_sees_it()
    {
        var (tech, colleague, _) = await TechAsync();
        var pm = await _app.As("pm");

        var empty = await pm.PostJsonAsync("/api/v1/certificates", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "staffMemberId", "kind", "number", "issuedOn", "expiresOn" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.Equal("请填写证书编号", errors.GetProperty("number")[0].GetString());

        object Body(Guid staff, DateOnly issued, DateOnly expires) =>
            new
            {
                staffMemberId = staff,
                kind = "electrician",
                number = "T2026-001",
                issuer = "应急管理局",
                issuedOn = issued,
                expiresOn = expires,
            };
        var future = await pm.PostJsonAsync("/api/v1/certificates", Body(tech, Today.AddDays(1), Today.AddYears(6)));
        Assert.Equal(["issuedOn"], (await future.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var backwards = await pm.PostJsonAsync("/api/v1/certificates", Body(tech, Today, Today.AddDays(-1)));
        Assert.Equal(["expiresOn"], (await backwards.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        // Another company's manager cannot name this company's staff.
        var outsider = await (await _app.As("manager2")).PostJsonAsync("/api/v1/certificates", Body(tech, Today, Today.AddYears(6)));
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.True((await outsider.JsonAsync()).GetProperty("errors").TryGetProperty("staffMemberId", out _));
        // Front-line staff keep no register.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("tech")).PostJsonAsync("/api/v1/certificates", Body(tech, Today, Today.AddYears(6)))).StatusCode
        );

        var created = await pm.PostJsonAsync("/api/v1/certificates", Body(colleague, Today.AddYears(-6), Today.AddDays(10))).OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(("expiring", 10), (created.GetProperty("status").GetString(), created.GetProperty("daysLeft").GetInt32()));

        // The holder's colleague (the demo technician) does not see it; the guard neither; the project manager does.
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("tech")).GetAsync($"/api/v1/certificates/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("guard")).GetAsync($"/api/v1/certificates/{id}")).StatusCode);
        var mine = await (await _app.As("tech")).GetJsonAsync("/api/v1/certificates?pageSize=200");
        Assert.All(mine.GetProperty("items").EnumerateArray(), c => Assert.Equal(tech, c.GetProperty("staffMemberId").GetGuid()));
        Assert.True(mine.GetProperty("total").GetInt32() >= 1);
        var expiring = await pm.GetJsonAsync($"/api/v1/certificates?status=expiring&staffMemberId={colleague}");
        Assert.Contains(expiring.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var notLater = await pm.PostJsonAsync($"/api/v1/certificates/{id}/renew", new { issuedOn = Today, expiresOn = Today.AddDays(5) });
        Assert.Equal(HttpStatusCode.Conflict, notLater.StatusCode);
        Assert.Equal("certificate.renewal_not_later", (await notLater.JsonAsync()).GetProperty("code").GetString());
        var renewed = await pm.PostJsonAsync(
                $"/api/v1/certificates/{id}/renew",
                new
                {
                    number = "T2026-002",
                    issuedOn = Today,
                    expiresOn = Today.AddYears(6),
                }
            )
            .OkAsync();
        Assert.Equal(
            ("valid", "T2026-002", 1),
            (
                renewed.GetProperty("status").GetString(),
                renewed.GetProperty("number").GetString(),
                renewed.GetProperty("renewals").GetInt32()
            )
        );
        var history = await pm.GetJsonAsync($"/api/v1/change-logs?entityId={id}");
        Assert.Equal(2, history.GetProperty("total").GetInt32()); // recorded, renewed
    }

    [Fact]
    public async Task The_holder_and_the_project_manager_are_reminded_once_before_the_last_day_and_told_once_when_it_lapsed()
    {
        var (tech, _, techName) = await TechAsync();
        var pm = await _app.As("pm");
        var expires = Today.AddDays(45);
        var created = await pm.PostJsonAsync(
                "/api/v1/certificates",
                new
                {
                    staffMemberId = tech,
                    kind = "boiler",
                    number = "GL-7",
                    issuedOn = Today.AddYears(-4),
                    expiresOn = expires,
                }
            )
            .OkAsync();
        var id = created.GetProperty("id").GetGuid();

        // 45 days ahead: outside the 30-day window.
        await JobAsync();
        Assert.Empty(await InAppAsync("锅炉操作"));

        // 30 days before the last day: the holder and his project manager, once each however often the job runs.
        MoveTo(expires.AddDays(-30));
        await JobAsync();
        await JobAsync();
        Assert.Equal([$"pm: {techName} 的锅炉操作证书即将到期", $"tech: {techName} 的锅炉操作证书即将到期"], await InAppAsync("锅炉操作"));
        var home = WebUtility.HtmlDecode(await (await _app.As("tech")).GetStringAsync("/home/technician"));
        Assert.Contains("我的证书即将到期", home);

        // The day after the last day: lapsed, told once more; the to-do lists flag it.
        MoveTo(expires.AddDays(1));
        await JobAsync();
        await JobAsync();
        Assert.Equal(
            [
                $"pm: {techName} 的锅炉操作证书即将到期",
                $"pm: {techName} 的锅炉操作证书已过期",
                $"tech: {techName} 的锅炉操作证书即将到期",
                $"tech: {techName} 的锅炉操作证书已过期",
            ],
            await InAppAsync("锅炉操作")
        );
        home = WebUtility.HtmlDecode(await (await _app.As("tech")).GetStringAsync("/home/technician"));
        Assert.Contains("我的证书已过期", home);
        var page = WebUtility.HtmlDecode(await (await _app.As("pm")).GetStringAsync("/staff/certificates?status=lapsed"));
        Assert.Contains("data-number=\"GL-7\" data-status=\"lapsed\"", page);

        // Renewed for a year: reminded again 30 days before the new last day, and only then.
        pm = await _app.As("pm");
        var renewedTo = Today.AddYears(1);
        await pm.PostJsonAsync($"/api/v1/certificates/{id}/renew", new { issuedOn = Today, expiresOn = renewedTo }).OkAsync();
        await JobAsync();
        Assert.Equal(4, (await InAppAsync("锅炉操作")).Count);
        MoveTo(renewedTo.AddDays(-29));
        await JobAsync();
        Assert.Equal(6, (await InAppAsync("锅炉操作")).Count);
    }

    [Fact]
    public async Task A_reminder_reaches_a_certificate_that_a_thousand_earlier_ones_in_the_window_come_before()
    {
        var (tech, _, _) = await TechAsync();
        // A thousand certificates of a company with no managers, of register entries without accounts, expire first: there is
        // nobody to tell about them, and they must not keep the job from the ones after them.
        await _app.DbAsync(db =>
            db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO staff.certificate (id, company_id, staff_member_id, holder_name, kind, number, issued_on, expires_on,
                    renewals, created_at, updated_at)
                SELECT gen_random_uuid(), {Guid.NewGuid()}, gen_random_uuid(), '无账号' || n, 'Electrician', 'X' || n,
                    {Today.AddYears(-5)}, {Today.AddDays(1)}, 0, now(), now()
                FROM generate_series(1, 1000) AS n
                """
            )
        );
        await (await _app.As("pm"))
            .PostJsonAsync(
                "/api/v1/certificates",
                new
                {
                    staffMemberId = tech,
                    kind = "heightWork",
                    number = "GC-1001",
                    issuedOn = Today.AddYears(-2),
                    expiresOn = Today.AddDays(20),
                }
            )
            .OkAsync();

        await JobAsync();
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Body.Contains("GC-1001"))
                .Select(m => db.Users.Where(u => u.Id == m.RecipientUserId).Select(u => u.UserName).First())
                .OrderBy(u => u)
                .ToListAsync()
        );
        Assert.Equal(["pm", "tech"], told);
        // The next run finds nothing left to tell and rereads none of them.
        Assert.Equal(0, await JobAsync());
    }

    [Fact]
    public async Task A_project_manager_who_is_a_technician_elsewhere_sees_only_the_register_of_the_project_he_manages()
    {
        var (techProject, company) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == user && r.Role == Roles.Technician);
            return (grant.ProjectId!.Value, grant.CompanyId!.Value);
        });
        var managed = await _app.DbAsync(db =>
            db.ProjectRefs().Where(p => p.CompanyId == company && p.Id != techProject).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()
        );
        await _app.CreateUserAsync(
            "twohats",
            company,
            new RoleAssignment
            {
                Role = Roles.ProjectManager,
                CompanyId = company,
                ProjectId = managed,
            },
            new RoleAssignment
            {
                Role = Roles.Technician,
                CompanyId = company,
                ProjectId = techProject,
            }
        );
        // The technician's project keeps certificates and training that its own manager sees…
        var pm = await _app.As("pm");
        foreach (var list in new[] { "/api/v1/certificates?pageSize=200", "/api/v1/trainings?pageSize=200" })
            Assert.Contains((await pm.GetJsonAsync($"{list}&projectId={techProject}")).GetProperty("items").EnumerateArray(), i =>
                i.GetProperty("projectId").GetGuid() == techProject
            );
        // …and that a technician of it who manages another project does not: he keeps only where he manages.
        var twoHats = await _app.As("twohats", TestUsers.Password);
        foreach (var list in new[] { "/api/v1/certificates?pageSize=200", "/api/v1/trainings?pageSize=200" })
            Assert.DoesNotContain((await twoHats.GetJsonAsync(list)).GetProperty("items").EnumerateArray(), i =>
                i.TryGetProperty("projectId", out var p) && p.ValueKind != JsonValueKind.Null && p.GetGuid() == techProject
            );
    }
}
