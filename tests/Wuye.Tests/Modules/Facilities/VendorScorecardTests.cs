using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The vendors' monthly scorecards through the API, their figures counted from the demo's environment tasks, ranked by score; a bad
/// month answered on its field; a contract ending within 60 days reminded to the company's managers once (moved clock).
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class VendorScorecardTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public VendorScorecardTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    [Fact]
    public async Task The_months_scorecards_count_the_vendors_tasks_and_checks_and_are_ranked()
    {
        var manager = await _app.As("manager");
        var bad = await manager.GetAsync("/api/v1/vendor-scorecards?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));

        var today = ChinaTime.Today(_clock);
        var first = new DateOnly(today.Year, today.Month, 1);
        var cards = await manager.GetJsonAsync($"/api/v1/vendor-scorecards?month={today:yyyy-MM}");
        var list = cards.EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.Equal(Enumerable.Range(1, list.Count), list.Select(c => c.GetProperty("rank").GetInt32()));
        var scores = list.Select(c => c.GetProperty("score").GetDecimal()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        // The cleaning vendor of the demo's zones: its figures are those of its tasks this month.
        var withTasks = list.First(c => c.GetProperty("tasksDue").GetInt32() > 0);
        var vendor = withTasks.GetProperty("vendorId").GetGuid();
        var (due, done, checks, failed) = await _app.DbAsync(async db =>
        {
            var q = db.Set<EnvironmentTask>().Where(t => t.VendorId == vendor && t.DueOn >= first && t.DueOn <= today);
            return (
                await q.CountAsync(),
                await q.CountAsync(t => t.Status == EnvironmentTaskStatus.Done),
                await q.CountAsync(t => t.CheckedAt != null),
                await q.CountAsync(t => t.CheckPassed == false)
            );
        });
        Assert.Equal(due, withTasks.GetProperty("tasksDue").GetInt32());
        Assert.Equal(done, withTasks.GetProperty("tasksDone").GetInt32());
        Assert.Equal(checks, withTasks.GetProperty("checks").GetInt32());
        Assert.Equal(failed, withTasks.GetProperty("checksFailed").GetInt32());
        Assert.True(withTasks.GetProperty("zones").GetInt32() > 0);
        Assert.True(withTasks.GetProperty("staff").GetInt32() > 0);
        var records = new VendorRecords(
            due,
            done,
            checks,
            failed,
            withTasks.GetProperty("deductionPoints").GetDecimal(),
            withTasks.GetProperty("complaints").GetInt32(),
            withTasks.GetProperty("fixes").GetInt32(),
            withTasks.GetProperty("fixesOnTime").GetInt32()
        );
        Assert.Equal(VendorScore.Of(records), withTasks.GetProperty("score").GetDecimal());

        // Front-line staff do not read scorecards.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("tech")).GetAsync("/api/v1/vendor-scorecards")).StatusCode);
    }

    [Fact]
    public async Task A_contract_ending_within_sixty_days_is_reminded_to_the_company_managers_once()
    {
        var today = ChinaTime.Today(_clock);
        var (vendor, name) = await _app.DbAsync(async db =>
        {
            var company = await db.Set<Vendor>().OrderBy(v => v.Id).Select(v => v.CompanyId).FirstAsync();
            var v = new Vendor
            {
                CompanyId = company,
                Name = $"测试保洁 {Guid.NewGuid():N}"[..20],
                Service = VendorService.Cleaning,
                ContractEnd = today.AddDays(90),
            };
            db.Add(v);
            await db.SaveChangesAsync();
            return (v.Id, v.Name);
        });
        Task<int> ToldAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title == $"外包合同即将到期：{name}")
            );
        var job = _app.Services.GetRequiredService<VendorContractJob>();
        await job.RunOnceAsync();
        Assert.Equal(0, await ToldAsync());
        _clock.Advance(TimeSpan.FromDays(31));
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var told = await ToldAsync();
        Assert.True(told >= 1);
        _clock.Advance(TimeSpan.FromDays(20));
        await job.RunOnceAsync();
        Assert.Equal(told, await ToldAsync());
        await _app.DbAsync(async db =>
        {
            var v = await db.Set<Vendor>().FirstAsync(x => x.Id == vendor);
            v.ArchivedAt = _clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
    }
}
