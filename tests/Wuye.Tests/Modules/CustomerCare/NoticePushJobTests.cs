using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.CustomerCare.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>A notice published for a later moment is off the board and unpushed until then; the job pushes it once (moved clock).</summary>
public sealed class NoticePushJobTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 12, 7, 9).ToUniversalTime());
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartWithClockAsync(cluster, _clock);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_scheduled_notice_goes_up_and_is_pushed_once_when_its_time_comes()
    {
        var (project, owner) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
            var unit = await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => o.UnitId).FirstAsync();
            return (await db.UnitRefs().Where(u => u.Id == unit).Select(u => u.ProjectId).FirstAsync(), user);
        });
        var service = await _app.As("service");
        var from = China(2026, 12, 7, 18);
        var created = await service
            .PostJsonAsync(
                "/api/v1/notices",
                new
                {
                    projectId = project,
                    title = "明日停电检修",
                    body = "明日 9:00–11:00 配电检修。",
                    push = true,
                    publishAt = from,
                }
            )
            .OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Task<int> QueuedAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>().CountAsync(m => m.RecipientUserId == owner && m.DedupeKey!.StartsWith($"notice:{id:N}"))
            );
        var job = _app.Services.GetRequiredService<NoticePushJob>();
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(0, await QueuedAsync());
        var ownerClient = await _app.As("owner");
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync($"/api/v1/notices/{id}")).StatusCode);

        _clock.SetUtcNow(from.AddMinutes(1).ToUniversalTime());
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.True(await QueuedAsync() >= 1);
        Assert.Equal(0, await job.RunOnceAsync());
        _app.ForgetTokens();
        ownerClient = await _app.As("owner");
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/api/v1/notices/{id}")).StatusCode);
    }
}
