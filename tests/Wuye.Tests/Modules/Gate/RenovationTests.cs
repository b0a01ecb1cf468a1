using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// A renovation through the API on a working day with a moved clock: a home the owner does not own refused, the steps to the permit,
/// a worker refused at lunchtime (recorded in the permit's history, told when to come back) and let in at 14:05, a deduction, the
/// refund refused before acceptance and paid after it, deposit less deduction.
/// </summary>
public sealed class RenovationTests(TestCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // The next Wednesday: a working day on the default calendar.
    private static readonly DateTime Day = Enumerable
        .Range(1, 7)
        .Select(i => DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(i))
        .First(d => d.DayOfWeek == DayOfWeek.Wednesday);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(9), China));
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartWithClockAsync(cluster, _clock);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_renovation_from_application_to_refund_with_an_after_hours_worker_refused_and_one_deduction()
    {
        var (unit, project, other) = await _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var persons = db.PersonRefs();
            var u = await db.OccupantRefs()
                .Where(o => persons.Any(p => p.Id == o.PersonId && p.UserId == owner))
                .OrderBy(o => o.Id)
                .Select(o => o.UnitId)
                .FirstAsync();
            var p = await db.UnitRefs().Where(x => x.Id == u).Select(x => x.ProjectId).FirstAsync();
            var o = await db.UnitRefs().Where(x => x.ProjectId == p && x.Id != u).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            return (u, p, o);
        });
        var owner = await _app.As("owner");
        var pm = await _app.As("pm");
        var guard = await _app.As("guard");
        object Apply(Guid u) =>
            new
            {
                unitId = u,
                contractor = "金华美家装饰",
                scope = "厨卫改造、铺地板",
                startDate = DateOnly.FromDateTime(Day),
                endDate = DateOnly.FromDateTime(Day.AddDays(30)),
            };
        var foreign = await owner.PostJsonAsync("/api/v1/renovations", Apply(other));
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        var id = (await owner.PostJsonAsync("/api/v1/renovations", Apply(unit)).OkAsync()).GetProperty("id").GetGuid();
        Task<HttpResponseMessage> Step(HttpClient c, string step, object? body = null) =>
            c.PostJsonAsync($"/api/v1/renovations/{id}/{step}", body ?? new { });

        await Step(pm, "change-requests", new { note = "燃气管不得暗埋" }).OkAsync();
        await Step(owner, "resubmissions").OkAsync();
        await Step(pm, "drawing-approvals").OkAsync();
        await Step(pm, "agreement").OkAsync();
        await Step(pm, "fees", new { amount = 2000 }).OkAsync();
        var permit = (await Step(pm, "permit").OkAsync()).GetProperty("permitCode").GetString()!;

        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(12).AddMinutes(30), China).ToUniversalTime());
        _app.ForgetTokens();
        guard = await _app.As("guard");
        var check = new
        {
            projectId = project,
            permitCode = permit.ToLowerInvariant(),
            workerName = "泥工 老王",
        };
        var refused = await guard.PostJsonAsync("/api/v1/renovations/entry-checks", check).OkAsync();
        Assert.False(refused.GetProperty("allowed").GetBoolean());
        Assert.Equal(new DateTimeOffset(Day.AddHours(14), China), refused.GetProperty("nextOpening").GetDateTimeOffset());
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(14).AddMinutes(5), China).ToUniversalTime());
        _app.ForgetTokens(); // the morning's tokens have expired
        (owner, pm, guard) = (await _app.As("owner"), await _app.As("pm"), await _app.As("guard"));
        Assert.True((await guard.PostJsonAsync("/api/v1/renovations/entry-checks", check).OkAsync()).GetProperty("allowed").GetBoolean());

        await Step(pm, "deductions", new { amount = 300, note = "擅自拆改承重墙" }).OkAsync();
        await Step(owner, "acceptance-requests").OkAsync();
        var early = await Step(pm, "refund");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("renovation.refund_before_acceptance", (await early.JsonAsync()).GetProperty("code").GetString());
        await Step(pm, "acceptances").OkAsync();
        var done = await Step(pm, "refund").OkAsync();
        Assert.Equal(("refunded", 1700m), (done.GetProperty("state").GetString(), done.GetProperty("refunded").GetDecimal()));
        var history = done.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("refused_after_hours", history);
        Assert.Equal(12, history.Count);
        // The owner follows it too, and a guard cannot move it along.
        Assert.Equal("refunded", (await owner.GetJsonAsync($"/api/v1/renovations/{id}")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(guard, "agreement")).StatusCode);
        Assert.Equal(12, await _app.DbAsync(db => db.Set<RenovationEvent>().CountAsync(e => e.RenovationId == id)));
    }
}
