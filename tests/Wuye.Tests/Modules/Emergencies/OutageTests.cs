using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>
/// Planned outages through the API with a moved clock: the technician plans a four-hour water outage of the owner's building 30 hours
/// ahead (refused without the temporary water supply), a notice for a unit outside the area is refused on that unit and writes
/// nothing, the notice to the whole area reaches the owner more than 24 hours ahead; a second outage entered 10 hours ahead is reminded
/// by the job and its notice flagged late. With the clock past the start the job marks it started, asks about the overrun, and the supply
/// is confirmed restored only once the temporary water is in place.
/// </summary>
public sealed class OutageTests(ClockedApp shared) : IClassFixture<ClockedApp>
{
    private readonly WuyeApp _app = shared.App;

    internal sealed record Home(Guid Owner, Guid Project, Guid Building, Guid Unit, Guid OtherUnit);

    internal static Task<Home> OwnersHomeAsync(WuyeApp app) =>
        app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var unit = await (
                from p in db.PersonRefs()
                join o in db.OccupantRefs() on p.Id equals o.PersonId
                join u in db.UnitRefs() on o.UnitId equals u.Id
                where p.UserId == owner
                orderby u.Id
                select new
                {
                    u.Id,
                    u.ProjectId,
                    u.BuildingId,
                }
            ).FirstAsync();
            var other = await db.UnitRefs()
                .Where(u => u.BuildingId != unit.BuildingId)
                .OrderBy(u => u.ProjectId != unit.ProjectId)
                .ThenBy(u => u.Id)
                .Select(u => u.Id)
                .FirstAsync();
            return new Home(owner, unit.ProjectId, unit.BuildingId, unit.Id, other);
        });

    private static object Outage(Home h, DateTimeOffset start, double hours, string reason, string? water) =>
        new
        {
            projectId = h.Project,
            kind = "water",
            buildingIds = new[] { h.Building },
            startsAt = start,
            expectedEndAt = start.AddHours(hours),
            reason,
            temporaryWater = water,
        };

    [Fact]
    public async Task An_outage_is_announced_a_day_ahead_a_late_one_is_flagged_and_it_ends_only_with_temporary_water_in_place()
    {
        var h = await OwnersHomeAsync(_app);
        var tech = await _app.As("tech");
        var now = shared.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(30);

        var refused = await tech.PostJsonAsync("/api/v1/planned-outages", Outage(h, start, 4, "二次供水水箱清洗", null));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("temporaryWater", out _));
        var outage = await tech.PostJsonAsync("/api/v1/planned-outages", Outage(h, start, 4, "二次供水水箱清洗", "楼下设临时水点"))
            .OkAsync();
        var id = outage.GetProperty("id").GetGuid();
        Assert.Equal(start.AddHours(-24), outage.GetProperty("noticeDueBy").GetDateTimeOffset());
        Assert.True(outage.GetProperty("needsTemporaryWater").GetBoolean());

        // A unit outside the area is refused on that unit; nothing goes out.
        var outside = await tech.PostJsonAsync($"/api/v1/planned-outages/{id}/notices", new { unitIds = new[] { h.OtherUnit, h.Unit } });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var errors = (await outside.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("unitIds[0]", out _));
        Assert.False(errors.TryGetProperty("unitIds[1]", out _));
        Assert.Equal(0, await _app.DbAsync(db => db.Set<OutageNotice>().CountAsync(n => n.PlannedOutageId == id)));

        var told = await tech.PostJsonAsync($"/api/v1/planned-outages/{id}/notices", new { }).OkAsync();
        Assert.False(told.GetProperty("noticeLate").GetBoolean());
        Assert.Contains(told.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "notice");
        var message = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m =>
                    m.RecipientUserId == h.Owner && m.Channel == NotificationChannel.InApp && m.DedupeKey!.StartsWith("outage-notice:")
                )
                .Select(m => new { m.CreatedAt, m.Link })
                .SingleAsync()
        );
        Assert.True(message.CreatedAt <= start.AddHours(-24));
        var board = Guid.Parse(message.Link!.Split('/')[^1]);
        var onBoard = await _app.DbAsync(db =>
            db.Set<Wuye.Modules.CustomerCare.Domain.Notice>().Where(n => n.Id == board).Select(n => n.Body).SingleAsync()
        );
        Assert.Contains("二次供水水箱清洗", onBoard);

        // Entered ten hours ahead: the job reminds its planner, and the notice is late.
        var late = await tech.PostJsonAsync("/api/v1/planned-outages", Outage(h, now.AddHours(10), 1, "水表更换", null)).OkAsync();
        var lateId = late.GetProperty("id").GetGuid();
        Assert.True(late.GetProperty("enteredLate").GetBoolean());
        var job = _app.Services.GetRequiredService<OutageJob>();
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var techId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.RecipientUserId == techId
                        && m.Channel == NotificationChannel.InApp
                        && m.DedupeKey!.StartsWith($"outage-remind:{lateId:N}")
                    )
            )
        );
        var lateTold = await tech.PostJsonAsync($"/api/v1/planned-outages/{lateId}/notices", new { unitIds = new[] { h.Unit } }).OkAsync();
        Assert.True(lateTold.GetProperty("noticeLate").GetBoolean());
        Assert.Equal(1, lateTold.GetProperty("unitsTold").GetInt32());
        var list = await tech.GetJsonAsync($"/api/v1/planned-outages?projectId={h.Project}");
        Assert.True(list.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == lateId).GetProperty("noticeLate").GetBoolean());

        // The late one is called off before its start: a reason is required; the owner told of it is told it is off; once off it
        // cannot be called off again, and the job leaves it alone.
        var noReason = await tech.PostJsonAsync($"/api/v1/planned-outages/{lateId}/cancel", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        var cancelled = await tech.PostJsonAsync($"/api/v1/planned-outages/{lateId}/cancel", new { reason = "水表到货推迟" }).OkAsync();
        Assert.Equal(cancelled.GetProperty("endedAt").GetDateTimeOffset(), cancelled.GetProperty("cancelledAt").GetDateTimeOffset());
        // Its notice comes off the notice board.
        Assert.Equal(
            [Wuye.Modules.CustomerCare.Domain.NoticeStatus.Withdrawn],
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.CustomerCare.Domain.Notice>()
                    .Where(n => db.Set<OutageNotice>().Any(o => o.PlannedOutageId == lateId && o.BoardNoticeId == n.Id))
                    .Select(n => n.Status)
                    .ToListAsync()
            )
        );
        Assert.Equal(
            ["planned", "notice", "cancelled"],
            cancelled.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
        );
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m =>
                        m.RecipientUserId == h.Owner
                        && m.Channel == NotificationChannel.InApp
                        && m.DedupeKey!.StartsWith($"outage-cancelled:{lateId:N}")
                    )
            )
        );
        var again = await tech.PostJsonAsync($"/api/v1/planned-outages/{lateId}/cancel", new { reason = "再取消" });
        Assert.Equal("outage.ended", (await again.JsonAsync()).GetProperty("code").GetString());

        // Past the first outage's expected end: started by the job, the overrun asked once, restored after the temporary water.
        shared.Clock.Advance(TimeSpan.FromHours(35));
        await job.RunOnceAsync();
        _app.ForgetTokens();
        tech = await _app.As("tech");
        var running = await tech.GetJsonAsync($"/api/v1/planned-outages/{id}");
        Assert.Equal(start, running.GetProperty("startedAt").GetDateTimeOffset());
        var early = await tech.PostJsonAsync($"/api/v1/planned-outages/{id}/end", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("outage.temporary_water", (await early.JsonAsync()).GetProperty("code").GetString());
        await tech.PostJsonAsync($"/api/v1/planned-outages/{id}/temporary-water", new { }).OkAsync();
        var ended = await tech.PostJsonAsync($"/api/v1/planned-outages/{id}/end", new { }).OkAsync();
        Assert.Equal(
            ["planned", "notice", "started", "temporaryWater", "ended"],
            ended.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
        );
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m =>
                        m.RecipientUserId == techId
                        && m.Channel == NotificationChannel.InApp
                        && m.DedupeKey!.StartsWith($"outage-overrun:{id:N}")
                    )
            )
        );
        Assert.Equal(JsonValueKind.Number, ended.GetProperty("unitsTold").ValueKind);
        var off = await tech.GetJsonAsync($"/api/v1/planned-outages/{lateId}");
        Assert.Equal(JsonValueKind.Null, off.GetProperty("startedAt").ValueKind);
    }
}
