using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The problem ledger with a moved clock: two problems assigned to a company; it answers one with evidence before the deadline;
/// the deadline passes on the other, and the job marks it overdue once, records the bad conduct and tells the company's manager;
/// the answered one is re-inspected and closed.
/// </summary>
[Collection(nameof(RegulationJobsCollection))]
public sealed class ProblemDeadlineJobTests(SharedApp shared) : MovedClockApp(shared)
{
    [Fact]
    public async Task A_missed_deadline_becomes_bad_conduct_once_and_an_answered_problem_is_closed_on_reinspection()
    {
        var project = await App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var regulator = await App.As("regulator");
        var manager = await App.As("manager");
        var deadline = On(3);
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
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("manager2")).GetAsync($"/api/v1/problem-ledger/{missed}")).StatusCode);

        MoveTo(4);
        var job = App.Services.GetRequiredService<ProblemDeadlineJob>();
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        App.ForgetTokens();
        manager = await App.As("manager");
        regulator = await App.As("regulator");

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
        Assert.Equal(1, await InAppAsync("manager", $"problem-overdue:{missed:N}"));

        var noDeadline = await regulator.PostJsonAsync($"/api/v1/problem-ledger/{answered}/reinspection", new { passed = false });
        Assert.Equal(HttpStatusCode.Conflict, noDeadline.StatusCode);
        var closed = await regulator
            .PostJsonAsync($"/api/v1/problem-ledger/{answered}/reinspection", new { passed = true, note = "现场复查合格" })
            .OkAsync();
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        Assert.Equal(0, await App.DbAsync(db => db.Set<ConductRecord>().CountAsync(r => r.SourceId == answered)));
    }
}
