using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The problem ledger through the API: the regulator records a problem at a project, the company's manager is told and sees it on
/// the home to-do list, answers with evidence, the regulator is told and re-inspects and closes it. Another company neither sees nor
/// answers it; the company never re-inspects nor records, and the database refuses its change to the regulator's entry.
/// </summary>
[Collection(nameof(RegulationApiCollection))]
public sealed class ProblemLedgerApiTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static string Day(int days) =>
        DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(days).ToString("yyyy-MM-dd");

    private Task<Guid> UserAsync(string name) => _app.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task A_problem_is_recorded_answered_with_evidence_reinspected_and_closed_by_its_own_company_only()
    {
        var project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var other = await _app.As("manager2");
        var title = $"电梯年检标志过期 {Guid.NewGuid():N}"[..20];

        var bad = await regulator.PostJsonAsync("/api/v1/problem-ledger", new { projectId = project, deadline = Day(5) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await manager.PostJsonAsync(
                    "/api/v1/problem-ledger",
                    new
                    {
                        projectId = project,
                        title,
                        deadline = Day(5),
                    }
                )
            ).StatusCode
        );
        var created = await regulator
            .PostJsonAsync(
                "/api/v1/problem-ledger",
                new
                {
                    projectId = project,
                    title,
                    deadline = Day(5),
                    source = "spotCheck",
                }
            )
            .OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("open", created.GetProperty("state").GetString());

        var managerId = await UserAsync("manager");
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == managerId && m.DedupeKey!.StartsWith($"problem:{id:N}"))
            )
        );
        var home = WebUtility.HtmlDecode(await manager.GetStringAsync(Roles.Find(Roles.CompanyManager)!.Home));
        Assert.Contains("主管部门交办待整改问题", home);
        Assert.Contains("/regulation/ledger", home);
        Assert.Contains(title, WebUtility.HtmlDecode(await manager.GetStringAsync("/regulation/ledger")));

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/problem-ledger/{id}")).StatusCode);
        var list = await other.GetJsonAsync("/api/v1/problem-ledger?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(title, WebUtility.HtmlDecode(await other.GetStringAsync("/regulation/ledger")));
        var foreign = await other.PostJsonAsync($"/api/v1/problem-ledger/{id}/answers", new { text = "x", evidence = "y" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var selfClose = await manager.PostJsonAsync($"/api/v1/problem-ledger/{id}/reinspection", new { passed = true });
        Assert.Equal(HttpStatusCode.Forbidden, selfClose.StatusCode);
        await Assert.ThrowsAsync<ForbiddenException>(() => ChangeAsync("manager", id));

        var noEvidence = await manager.PostJsonAsync($"/api/v1/problem-ledger/{id}/answers", new { text = "已更换" });
        Assert.True((await noEvidence.JsonAsync()).GetProperty("errors").TryGetProperty("evidence", out _));
        var answered = await manager
            .PostJsonAsync(
                $"/api/v1/problem-ledger/{id}/answers",
                new { text = "已完成年检并张贴新标志", evidence = "年检报告 2026-118 号" }
            )
            .OkAsync();
        Assert.Equal("answered", answered.GetProperty("state").GetString());
        Assert.Equal("年检报告 2026-118 号", answered.GetProperty("answers")[0].GetProperty("evidence").GetString());
        var regulatorId = await UserAsync("regulator");
        Assert.True(
            await _app.DbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == regulatorId && m.Body.StartsWith(title)))
        );

        var closed = await regulator
            .PostJsonAsync($"/api/v1/problem-ledger/{id}/reinspection", new { passed = true, note = "现场复查合格" })
            .OkAsync();
        Assert.Equal(
            ("closed", "现场复查合格"),
            (closed.GetProperty("state").GetString(), closed.GetProperty("reinspectionNote").GetString())
        );
        var late = await manager.PostJsonAsync($"/api/v1/problem-ledger/{id}/answers", new { text = "补充", evidence = "照片" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("problem.closed", (await late.JsonAsync()).GetProperty("code").GetString());
    }

    private async Task ChangeAsync(string user, Guid id)
    {
        using var scope = _app.Services.CreateScope();
        var userId = await UserAsync(user);
        var accessor = scope.ServiceProvider.GetRequiredService<ScopeAccessor>();
        accessor.Scope = await scope.ServiceProvider.GetRequiredService<ScopeResolver>().ResolveAsync(userId, user, default);
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        var entry = await db.Set<ProblemLedgerEntry>().FirstAsync(e => e.Id == id);
        entry.ClosedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }
}
