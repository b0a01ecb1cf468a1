using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The problem ledger with a moved clock: two problems assigned to a company; it answers one with evidence before the deadline;
/// the deadline passes on the other, and the job marks it overdue once, records the bad conduct and tells the company's manager;
/// the answered one is re-inspected and closed.
/// </summary>
public sealed class ProblemDeadlineJobTests(TestCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(10), China));
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartWithClockAsync(cluster, _clock);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_missed_deadline_becomes_bad_conduct_once_and_an_answered_problem_is_closed_on_reinspection()
    {
        var project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var deadline = DateOnly.FromDateTime(Day.AddDays(3)).ToString("yyyy-MM-dd");
        async Task<Guid> ProblemAsync(string title) => (
                await regulator
                    .PostJsonAsync(
                        "/api/v1/problem-ledger",
                        new
                        {
                            projectId = project,
                            title,
                            deadline,
                            departments = "县城管局",
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
        var answered = await ProblemAsync("消防通道堆放杂物");
        var missed = await ProblemAsync("地下车库积水未处理");

        var answer = await manager
            .PostJsonAsync($"/api/v1/problem-ledger/{answered}/answers", new { text = "已清理并设置禁停标识", evidence = "整改照片 3 张" })
            .OkAsync();
        Assert.Equal("answered", answer.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("manager2")).GetAsync($"/api/v1/problem-ledger/{missed}")).StatusCode);

        _clock.SetUtcNow(new DateTimeOffset(Day.AddDays(4).AddHours(9), China).ToUniversalTime());
        var job = _app.Services.GetRequiredService<ProblemDeadlineJob>();
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        _app.ForgetTokens();
        manager = await _app.As("manager");
        regulator = await _app.As("regulator");

        var overdue = await manager.GetJsonAsync($"/api/v1/problem-ledger/{missed}");
        Assert.Equal("overdue", overdue.GetProperty("state").GetString());
        var record = overdue.GetProperty("conductRecordId").GetGuid();
        var conduct = await manager.GetJsonAsync($"/api/v1/conduct-records/{record}");
        Assert.Equal(
            ("rectify_late", "ledger", "inObjectionWindow"),
            (
                conduct.GetProperty("itemCode").GetString(),
                conduct.GetProperty("source").GetString(),
                conduct.GetProperty("status").GetString()
            )
        );
        var managerId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync());
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.RecipientUserId == managerId
                        && m.Channel == NotificationChannel.InApp
                        && m.DedupeKey!.StartsWith($"problem-overdue:{missed:N}")
                    )
            )
        );

        var noDeadline = await regulator.PostJsonAsync($"/api/v1/problem-ledger/{answered}/reinspection", new { passed = false });
        Assert.Equal(HttpStatusCode.Conflict, noDeadline.StatusCode);
        var closed = await regulator
            .PostJsonAsync($"/api/v1/problem-ledger/{answered}/reinspection", new { passed = true, note = "现场复查合格" })
            .OkAsync();
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal(0, await _app.DbAsync(db => db.Set<ConductRecord>().CountAsync(r => r.SourceId == answered)));
    }
}
