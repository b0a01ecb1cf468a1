using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>One app with a clock the tests move forward only (incidents are timed against their start).</summary>
public sealed class ClockedApp(TestCluster cluster) : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = Clocks.Now();
    public WuyeApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await WuyeApp.StartWithClockAsync(cluster, Clock);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// An elevator entrapment through the API: started by the guard from its plan for the owner's building (the owner and the technician on
/// call told at once), step 1 ticked at once and refused a second time, step 2 ticked 40 minutes in (late against its 30), closing
/// refused while step 3 is open and accepted with a reason.
/// </summary>
public sealed class IncidentTests(ClockedApp shared) : IClassFixture<ClockedApp>
{
    private readonly WuyeApp _app = shared.App;

    [Fact]
    public async Task An_entrapment_is_run_step_by_step_with_a_late_step_flagged_and_closed_with_a_reason()
    {
        var (project, building, ownerId, ownUnit) = await _app.DbAsync(async db =>
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
            return (unit.ProjectId, unit.BuildingId, owner, unit.Id);
        });
        var pm = await _app.As("pm");
        var plan = await pm.PostJsonAsync("/api/v1/emergency-plans", PlanTests.Elevator(project, "事件测试电梯困人", withThird: true))
            .OkAsync();
        var guard = await _app.As("guard");
        var incident = await guard
            .PostJsonAsync(
                "/api/v1/incidents",
                new
                {
                    planId = plan.GetProperty("id").GetGuid(),
                    location = "2 号梯",
                    buildingIds = new[] { building },
                    notice = "电梯故障，维保正在赶来，请暂勿使用。",
                }
            )
            .OkAsync();
        var id = incident.GetProperty("id").GetGuid();
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains("事件测试电梯困人"))
                .Select(m => m.RecipientUserId!.Value)
                .ToListAsync()
        );
        Assert.Contains(ownerId, told);
        var tech = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        Assert.Contains(tech, told);

        await guard.PostJsonAsync($"/api/v1/incidents/{id}/steps/1/done", new { note = "已对讲安抚" }).OkAsync();
        var twice = await guard.PostJsonAsync($"/api/v1/incidents/{id}/steps/1/done", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("incident_step.already_done", (await twice.JsonAsync()).GetProperty("code").GetString());

        shared.Clock.Advance(TimeSpan.FromMinutes(40));
        var techClient = await _app.As("tech");
        var after = await techClient.PostJsonAsync($"/api/v1/incidents/{id}/steps/2/done", new { }).OkAsync();
        var steps = after.GetProperty("steps").EnumerateArray().ToList();
        Assert.False(steps[0].GetProperty("late").GetBoolean());
        Assert.True(steps[1].GetProperty("late").GetBoolean());
        Assert.Equal("维修 周师傅", steps[1].GetProperty("doneByName").GetString());

        // What residents raise while it lasts, in its building, is listed on it; what comes after the close is not.
        var ownerClient = await _app.As("owner");
        await ownerClient
            .PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    unitId = ownUnit,
                    category = "elevator",
                    urgency = "urgent",
                    description = "电梯停了，老人下不了楼",
                }
            )
            .OkAsync();
        var service = await _app.As("service");
        var person = await _app.DbAsync(db => db.PersonRefs().Where(p => p.UserId == ownerId).Select(p => p.Id).FirstAsync());
        object Complaint(string description) =>
            new
            {
                unitId = ownUnit,
                personId = person,
                channel = "hotline",
                category = "repairs",
                description,
            };
        await service.PostJsonAsync("/api/v1/complaints", Complaint("电梯困人半小时没人来")).OkAsync();
        // (A minute before the close: what comes at the very moment of the close is not "during" it.)
        shared.Clock.Advance(TimeSpan.FromMinutes(1));

        var refused = await guard.PostJsonAsync($"/api/v1/incidents/{id}/close", new { cause = "电梯门锁故障", summary = "维保到场放人" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("incident.open_steps", (await refused.JsonAsync()).GetProperty("code").GetString());
        var closed = await guard
            .PostJsonAsync(
                $"/api/v1/incidents/{id}/close",
                new
                {
                    cause = "电梯门锁故障",
                    summary = "维保到场放人",
                    openStepsReason = "被困人员已自行离开，无需回访",
                }
            )
            .OkAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        var kinds = closed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["started", "notice", "step", "step", "closed"], kinds);
        Assert.Equal(HttpStatusCode.Conflict, (await guard.PostJsonAsync($"/api/v1/incidents/{id}/steps/3/done", new { })).StatusCode);

        shared.Clock.Advance(TimeSpan.FromMinutes(5));
        await ownerClient
            .PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    unitId = ownUnit,
                    category = "plumbing",
                    urgency = "normal",
                    description = "事后报修：厨房水槽堵了",
                }
            )
            .OkAsync();
        await service.PostJsonAsync("/api/v1/complaints", Complaint("事后投诉：保洁不及时")).OkAsync();
        var read = await guard.GetJsonAsync($"/api/v1/incidents/{id}");
        var complaints = read.GetProperty("complaints").EnumerateArray().Select(c => c.GetProperty("description").GetString()).ToList();
        Assert.Contains("电梯困人半小时没人来", complaints);
        Assert.DoesNotContain("事后投诉：保洁不及时", complaints);
        var linked = read.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("description").GetString()).ToList();
        Assert.Contains("电梯停了，老人下不了楼", linked);
        Assert.DoesNotContain("事后报修：厨房水槽堵了", linked);
    }
}
