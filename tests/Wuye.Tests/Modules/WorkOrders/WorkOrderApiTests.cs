using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>
/// The loop through the API on real PostgreSQL, with the app's clock set to Monday 23 November
/// 2026 09:00 China time. The demo calendar is Monday–Saturday 8:30–17:30; the demo time limits
/// for a normal request are 30 / 120 / 1440 working minutes, urgent ones run 24/7.
/// </summary>
/// The tests share the class's app (each on its own clock, from 9:00), so each looks only at its own requests.
[Collection(nameof(WorkOrdersApiCollection))]
public sealed class WorkOrderApiTests(SharedApp shared)
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private WuyeApp _app => _shared ??= shared.Use(_clock); // before the test's first request
    private WuyeApp? _shared;

    private async Task<(Guid RequestId, Guid WorkOrderId, Guid ProjectId)> ReportAsync(
        string category = "plumbing",
        string urgency = "normal",
        object? extra = null
    )
    {
        var owner = await _app.As("owner");
        var unit = await OwnUnitAsync(owner);
        var res = await owner.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                unitId = unit,
                category,
                urgency,
                description = "卫生间水龙头漏水",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.JsonAsync()).GetProperty("id").GetGuid();
        var detail = await owner.GetJsonAsync($"/api/v1/service-requests/{id}");
        return (id, detail.GetProperty("workOrders")[0].GetProperty("id").GetGuid(), await ProjectOfAsync(_app, unit));
    }

    [Fact]
    public async Task An_owners_report_starts_its_clocks_from_the_time_limit_table_on_working_hours()
    {
        var (id, wo, _) = await ReportAsync();
        var service = await _app.As("service");
        var order = await service.GetJsonAsync($"/api/v1/work-orders/{wo}");
        Assert.Equal(China(2026, 11, 23, 9, 30), order.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.Equal(China(2026, 11, 23, 11, 0), order.GetProperty("arrivalDueAt").GetDateTimeOffset());
        // 1440 working minutes from Monday 9:00: 510 Monday, 540 Tuesday, 390 Wednesday → 15:00.
        Assert.Equal(China(2026, 11, 25, 15, 0), order.GetProperty("completionDueAt").GetDateTimeOffset());
        var request = await service.GetJsonAsync($"/api/v1/service-requests/{id}");
        Assert.Equal("ownerPortal", request.GetProperty("request").GetProperty("channel").GetString());
        Assert.Equal("created", request.GetProperty("timeline")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_changed_time_limit_a_new_desk_member_and_a_new_phone_apply_to_the_very_next_request()
    {
        // The first report fills the reference cache (time limits, calendar, desk, contacts). Electrical: the other tests of
        // the class report plumbing on the demo's limits.
        var (_, _, project) = await ReportAsync("electrical");
        var manager = await _app.As("manager");
        await manager
            .PutJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    projectId = project,
                    category = "electrical",
                    urgency = "normal",
                    responseMinutes = 10,
                    arrivalMinutes = 60,
                    completionMinutes = 240,
                    aroundTheClock = false,
                }
            )
            .OkAsync();
        var newcomer = await AddTechnicianAsync(_app, "desk-newcomer", "客服 新人");
        await _app.DbAsync(async db =>
        {
            db.RoleAssignments.Add(
                new Wuye.Platform.Identity.RoleAssignment
                {
                    UserId = newcomer,
                    Role = "customer_service",
                    CompanyId = await db.Projects().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync(),
                    ProjectId = project,
                }
            );
            return await db.SaveChangesAsync();
        });
        var service = await UserIdAsync(_app, "service");
        await _app.DbAsync(async db =>
        {
            (await db.Users.FirstAsync(u => u.Id == service)).PhoneNumber = "13900001111";
            return await db.SaveChangesAsync();
        });

        var (id, wo, _) = await ReportAsync("electrical");
        var order = await (await _app.As("service")).GetJsonAsync($"/api/v1/work-orders/{wo}");
        Assert.Equal(China(2026, 11, 23, 9, 10), order.GetProperty("responseDueAt").GetDateTimeOffset());
        Assert.Equal(China(2026, 11, 23, 13, 0), order.GetProperty("completionDueAt").GetDateTimeOffset());
        var told = await _app.DbAsync(db => db.Set<OutboxMessage>().Where(m => m.Link == $"/service-requests/{id}").ToListAsync());
        Assert.Contains(told, m => m.RecipientUserId == newcomer && m.Channel == NotificationChannel.InApp);
        Assert.Contains(told, m => m.RecipientUserId == service && m.Channel == NotificationChannel.Sms && m.Address == "13900001111");
    }

    [Fact]
    public async Task The_request_and_work_order_lists_give_the_same_total_on_every_page_even_past_the_end()
    {
        var (_, _, project) = await ReportAsync();
        var service = await _app.As("service");
        var expected = await _app.DbAsync(db =>
            db.Set<ServiceRequest>().CountAsync(r => r.ProjectId == project && r.Status == RequestStatus.Open)
        );
        Assert.True(expected >= 1);
        foreach (var pageNo in new[] { 1, expected, expected + 5 })
        {
            var list = await service.GetJsonAsync($"/api/v1/service-requests?projectId={project}&status=open&pageSize=1&page={pageNo}");
            Assert.Equal(expected, list.GetProperty("total").GetInt32());
            Assert.Equal(pageNo <= expected ? 1 : 0, list.GetProperty("items").GetArrayLength());
        }
        var orders = await _app.DbAsync(db => db.Set<WorkOrder>().CountAsync(w => w.ProjectId == project));
        var first = await service.GetJsonAsync($"/api/v1/work-orders?projectId={project}&pageSize=2");
        var past = await service.GetJsonAsync($"/api/v1/work-orders?projectId={project}&pageSize=2&page={orders + 1}");
        Assert.Equal(orders, first.GetProperty("total").GetInt32());
        Assert.Equal(orders, past.GetProperty("total").GetInt32());
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_urgent_elevator_fault_runs_around_the_clock_with_the_three_minute_arrival_promise()
    {
        _clock.SetUtcNow(China(2026, 11, 23, 22, 0).ToUniversalTime());
        var monitor = await _app.As("monitor");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "monitoring_center").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var res = await monitor.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                projectId = project,
                location = "1幢电梯厅",
                category = "elevator",
                urgency = "urgent",
                description = "电梯困人",
                channel = "monitoringCenter",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.JsonAsync()).GetProperty("id").GetGuid();
        var order = (await (await _app.As("service")).GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0];
        Assert.True(order.GetProperty("aroundTheClock").GetBoolean());
        Assert.Equal(China(2026, 11, 23, 22, 3), order.GetProperty("arrivalDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_and_writes_nothing()
    {
        var owner = await _app.As("owner");
        var unit = await OwnUnitAsync(owner);
        var before = await _app.DbAsync(db => db.Set<ServiceRequest>().CountAsync());

        var unknown = await owner.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                unitId = Guid.NewGuid(),
                category = "plumbing",
                description = "x",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));

        var past = await owner.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                unitId = unit,
                category = "plumbing",
                description = "x",
                visitFrom = _clock.GetUtcNow().AddHours(-3),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("visitFrom", out _));

        var empty = await owner.PostJsonAsync("/api/v1/service-requests", new { unitId = unit });
        var errors = (await empty.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _) && errors.TryGetProperty("description", out _));

        var strangerPhoto = await owner.PostJsonAsync(
            "/api/v1/service-requests",
            new
            {
                unitId = unit,
                category = "plumbing",
                description = "x",
                photoIds = new[] { Guid.NewGuid() },
            }
        );
        Assert.True((await strangerPhoto.JsonAsync()).GetProperty("errors").TryGetProperty("photoIds", out _));

        Assert.Equal(before, await _app.DbAsync(db => db.Set<ServiceRequest>().CountAsync()));
    }

    [Fact]
    public async Task Dispatching_a_closed_request_is_refused_with_a_code()
    {
        var closed = await _app.DbAsync(db =>
            db.Set<WorkOrder>()
                .Where(w =>
                    w.Status == WorkOrderStatus.Closed
                    && db.RoleAssignments.Any(r => r.Role == "customer_service" && r.ProjectId == w.ProjectId)
                )
                .Select(w => new { w.Id, w.Version })
                .FirstAsync()
        );
        var res = await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{closed.Id}/dispatch", new { });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("work_order.not_dispatchable", (await res.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            closed.Version,
            await _app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.Id == closed.Id).Select(w => w.Version).FirstAsync())
        );
    }

    [Fact]
    public async Task Two_technicians_accepting_the_same_job_at_once_exactly_one_wins()
    {
        await AddTechnicianAsync(_app, "tech2", "维修 吴师傅");
        var (_, wo, _) = await ReportAsync();
        await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { note = "抢单" }).OkAsync();
        var a = await _app.As("tech");
        var b = await _app.As("tech2");
        var answers = await Task.WhenAll(
            a.PostAsync($"/api/v1/work-orders/{wo}/accept", null),
            b.PostAsync($"/api/v1/work-orders/{wo}/accept", null)
        );
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.StartsWith("work_order.", (await loser.JsonAsync()).GetProperty("code").GetString());
        var accepted = await _app.DbAsync(db =>
            db.Set<WorkOrderEvent>().CountAsync(e => e.WorkOrderId == wo && e.Kind == EventKind.Accepted)
        );
        Assert.Equal(1, accepted);
        Assert.NotNull(await _app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.Id == wo).Select(w => w.AssigneeUserId).FirstAsync()));
    }

    [Fact]
    public async Task Waiting_for_parts_pauses_the_clock_and_the_limit_moves_on_by_the_working_time_paused()
    {
        var (id, wo, _) = await ReportAsync();
        var tech = await _app.As("tech");
        var techId = await UserIdAsync(_app, "tech");
        await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();
        _clock.SetUtcNow(China(2026, 11, 23, 9, 10).ToUniversalTime());
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        _clock.SetUtcNow(China(2026, 11, 23, 9, 40).ToUniversalTime());
        var arrived = await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        Assert.Equal(China(2026, 11, 23, 9, 40), arrived.GetProperty("arrivedAt").GetDateTimeOffset());
        _clock.SetUtcNow(China(2026, 11, 23, 10, 0).ToUniversalTime());
        var noReason = await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/pause", new { kind = "waitingForParts" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/pause", new { kind = "waitingForParts", reason = "等角阀到货" }).OkAsync();

        // Paused 10:00 Monday to 10:00 Tuesday = 450 + 90 = 540 working minutes (one working day).
        _clock.SetUtcNow(China(2026, 11, 24, 10, 0).ToUniversalTime());
        _app.ForgetTokens();
        tech = await _app.As("tech");
        var resumed = await (await _app.As("tech")).PostAsync($"/api/v1/work-orders/{wo}/resume", null).OkAsync();
        Assert.Equal(540, resumed.GetProperty("pausedMinutes").GetInt32());
        // Wednesday 15:00 + 540 working minutes = Thursday 15:00.
        Assert.Equal(China(2026, 11, 26, 15, 0), resumed.GetProperty("completionDueAt").GetDateTimeOffset());
        Assert.Equal("onSite", resumed.GetProperty("status").GetString());

        var timeline = (await tech.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, e =>
            e.GetProperty("kind").GetString() == "paused" && e.GetProperty("note").GetString()!.Contains("等角阀到货")
        );
        Assert.Contains(timeline, e =>
            e.GetProperty("kind").GetString() == "resumed" && e.GetProperty("note").GetString()!.Contains("540")
        );
    }

    [Fact]
    public async Task The_whole_loop_with_a_dissatisfied_visit_opens_a_linked_rework_and_ends_archived()
    {
        var (id, wo, project) = await ReportAsync();
        var service = await _app.As("service");
        var tech = await _app.As("tech");
        var techId = await UserIdAsync(_app, "tech");
        var before = await service.GetJsonAsync(
            $"/api/v1/work-order-metrics?projectId={project}&groupBy=month&from=2026-11-01&to=2026-12-01"
        );

        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        var early = await tech.PostJsonAsync(
            $"/api/v1/work-orders/{wo}/complete",
            new
            {
                workDone = "x",
                ownerConfirmedBy = "钱先生",
                afterPhotoIds = new[] { Guid.NewGuid() },
            }
        );
        Assert.Equal("work_order.not_completable", (await early.JsonAsync()).GetProperty("code").GetString());
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var before1 = await UploadPhotoAsync(tech, project);
        var after1 = await UploadPhotoAsync(tech, project);
        var prices = await tech.GetJsonAsync($"/api/v1/work-orders/price-items?projectId={project}");
        var tap = prices.EnumerateArray().First(p => p.GetProperty("name").GetString() == "水龙头");
        var labour = prices.EnumerateArray().First(p => p.GetProperty("name").GetString() == "更换水龙头（人工）");
        _clock.SetUtcNow(China(2026, 11, 23, 10, 30).ToUniversalTime());
        var done = await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "更换水龙头",
                    beforePhotoIds = new[] { before1 },
                    afterPhotoIds = new[] { after1 },
                    ownerConfirmedBy = "钱先生",
                    anythingElse = "业主希望检查一下阳台地漏",
                    charges = new[]
                    {
                        new { priceItemId = tap.GetProperty("id").GetGuid(), quantity = 1m },
                        new { priceItemId = labour.GetProperty("id").GetGuid(), quantity = 1m },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(75m, done.GetProperty("chargeTotal").GetDecimal());

        var visits = await service.GetJsonAsync($"/api/v1/return-visits?status=pending&projectId={project}&pageSize=200");
        var visit = visits.GetProperty("items").EnumerateArray().Single(v => v.GetProperty("serviceRequestId").GetGuid() == id);
        // Due one working day after completion: Monday 10:30 + 540 minutes = Tuesday 10:30.
        Assert.Equal(China(2026, 11, 24, 10, 30), visit.GetProperty("dueAt").GetDateTimeOffset());
        var unhappy = await service
            .PostJsonAsync(
                $"/api/v1/return-visits/{visit.GetProperty("id").GetGuid()}/result",
                new
                {
                    satisfied = false,
                    score = 2,
                    comment = "还是滴水",
                }
            )
            .OkAsync();
        var rework = unhappy.GetProperty("reworkWorkOrderId").GetGuid();
        var again = await service.PostJsonAsync(
            $"/api/v1/return-visits/{visit.GetProperty("id").GetGuid()}/result",
            new { satisfied = true }
        );
        Assert.Equal("return_visit.already_done", (await again.JsonAsync()).GetProperty("code").GetString());

        var reworkOrder = await tech.GetJsonAsync($"/api/v1/work-orders/{rework}");
        Assert.Equal(wo, reworkOrder.GetProperty("reworkOfId").GetGuid());
        Assert.Equal("dispatched", reworkOrder.GetProperty("status").GetString());
        await tech.PostAsync($"/api/v1/work-orders/{rework}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{rework}/arrive", null).OkAsync();
        _clock.SetUtcNow(China(2026, 11, 23, 14, 0).ToUniversalTime());
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{rework}/complete",
                new
                {
                    workDone = "更换角阀",
                    afterPhotoIds = new[] { after1 },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();
        // This time the owner rates in the portal.
        var owner = await _app.As("owner");
        await owner
            .PostJsonAsync(
                $"/api/v1/service-requests/{id}/rating",
                new
                {
                    satisfied = true,
                    score = 5,
                    comment = "修好了",
                }
            )
            .OkAsync();

        var detail = await owner.GetJsonAsync($"/api/v1/service-requests/{id}");
        Assert.Equal("closed", detail.GetProperty("request").GetProperty("status").GetString());
        Assert.Equal(1, detail.GetProperty("request").GetProperty("reworkCount").GetInt32());
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(
            [
                "created",
                "dispatched",
                "accepted",
                "arrived",
                "completed",
                "visited",
                "reworkOpened",
                "accepted",
                "arrived",
                "completed",
                "visited",
                "closed",
            ],
            kinds
        );

        var after = await service.GetJsonAsync(
            $"/api/v1/work-order-metrics?projectId={project}&groupBy=month&from=2026-11-01&to=2026-12-01"
        );
        int Count(System.Text.Json.JsonElement m, string f) => m.GetProperty("total").GetProperty(f).GetInt32();
        Assert.Equal(Count(before, "created"), Count(after, "created"));
        Assert.Equal(Count(before, "closed") + 1, Count(after, "closed"));
        Assert.Equal(Count(before, "reworked") + 1, Count(after, "reworked"));
        Assert.Equal(Count(before, "firstTimeFix"), Count(after, "firstTimeFix"));
        Assert.Equal(Count(before, "closedOnTime") + 1, Count(after, "closedOnTime"));
        Assert.Equal(Count(before, "satisfied") + 1, Count(after, "satisfied"));
    }

    [Fact]
    public async Task The_assignee_is_warned_before_a_limit_and_the_project_manager_told_at_breach_once()
    {
        var (id, wo, _) = await ReportAsync();
        var techId = await UserIdAsync(_app, "tech");
        var pmId = await UserIdAsync(_app, "pm");
        await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();
        var escalation = _app.Services.GetRequiredService<EscalationJob>();
        var outbox = _app.Services.GetRequiredService<OutboxDispatchJob>();
        int Raised(WorkOrderEscalation[] all, SlaClock c, EscalationLevel l) =>
            all.Count(e => e.WorkOrderId == wo && e.Clock == c && e.Level == l);
        Task<WorkOrderEscalation[]> Marks() =>
            _app.DbAsync(db => db.Set<WorkOrderEscalation>().Where(e => e.WorkOrderId == wo).ToArrayAsync());

        _clock.SetUtcNow(China(2026, 11, 23, 9, 10).ToUniversalTime()); // response due 9:30, warned from 9:15
        await escalation.RunOnceAsync();
        Assert.Equal(0, Raised(await Marks(), SlaClock.Response, EscalationLevel.Warning));

        _clock.SetUtcNow(China(2026, 11, 23, 9, 20).ToUniversalTime());
        await escalation.RunOnceAsync();
        await escalation.RunOnceAsync();
        Assert.Equal(1, Raised(await Marks(), SlaClock.Response, EscalationLevel.Warning));
        await outbox.RunOnceAsync();
        var techInbox = await (await _app.As("tech")).GetJsonAsync("/api/v1/notifications?unread=true");
        Assert.Contains(techInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.Contains("响应即将超时"));

        _clock.SetUtcNow(China(2026, 11, 23, 9, 31).ToUniversalTime());
        await Task.WhenAll(escalation.RunOnceAsync(), escalation.RunOnceAsync());
        Assert.Equal(1, Raised(await Marks(), SlaClock.Response, EscalationLevel.Breach));
        await Task.WhenAll(outbox.RunOnceAsync(), outbox.RunOnceAsync());
        // Other tests' requests of the class breach on the same clock: only this request's messages are counted.
        var pmInbox = await (await _app.As("pm")).GetJsonAsync("/api/v1/notifications?unread=true&pageSize=100");
        Assert.Single(pmInbox.GetProperty("items").EnumerateArray(), n =>
            n.GetProperty("title").GetString()!.Contains("响应已超时") && n.GetProperty("link").GetString() == $"/service-requests/{id}"
        );
        var sms = await _app.DbAsync(db =>
            (
                from m in db.Set<DeliveredMessage>()
                join o in db.Set<OutboxMessage>() on m.OutboxMessageId equals o.Id
                where m.Channel == NotificationChannel.Sms && m.Title.Contains("响应已超时") && o.Link == $"/service-requests/{id}"
                select m.Address
            ).ToListAsync()
        );
        Assert.Contains("13700137001", sms); // the project manager's phone, once
        Assert.Equal(sms.Count, sms.Distinct().Count());
        var timeline = (await (await _app.As("service")).GetJsonAsync($"/api/v1/service-requests/{id}"))
            .GetProperty("timeline")
            .EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString())
            .ToList();
        Assert.Contains("warned", timeline);
        Assert.Contains("breached", timeline);
    }

    [Fact]
    public async Task A_paused_job_is_not_escalated()
    {
        var (_, wo, _) = await ReportAsync();
        var techId = await UserIdAsync(_app, "tech");
        await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();
        var tech = await _app.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/pause", new { kind = "waitingForOwner", reason = "业主不在家" }).OkAsync();
        _clock.SetUtcNow(China(2026, 11, 23, 16, 0).ToUniversalTime()); // past the 11:00 arrival limit, but the clock is stopped
        await _app.Services.GetRequiredService<EscalationJob>().RunOnceAsync();
        Assert.False(await _app.DbAsync(db => db.Set<WorkOrderEscalation>().AnyAsync(e => e.WorkOrderId == wo)));
    }
}

public sealed class AutoDispatchTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartAsync(cluster);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Automatic_dispatch_picks_the_skilled_technician_of_the_zone_then_the_least_loaded()
    {
        var tech2 = await AddTechnicianAsync(_app, "tech2", "维修 吴师傅");
        var tech1 = await UserIdAsync(_app, "tech");
        var owner = await _app.As("owner");
        var unit = await OwnUnitAsync(owner);
        var (project, zone) = await _app.DbAsync(async db =>
            await db.Units().Where(u => u.Id == unit).Select(u => new ValueTuple<Guid, Guid?>(u.ProjectId, u.ZoneId)).FirstAsync()
        );
        var pm = await _app.As("pm");
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await pm.PostJsonAsync(
                    "/api/v1/work-orders/technician-skills",
                    new
                    {
                        technicianId = tech2,
                        projectId = project,
                        zoneId = zone,
                        category = "plumbing",
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await pm.PostJsonAsync(
                    "/api/v1/work-orders/technician-skills",
                    new
                    {
                        technicianId = tech1,
                        projectId = project,
                        category = "plumbing",
                    }
                )
            ).StatusCode
        );
        var dup = await pm.PostJsonAsync(
            "/api/v1/work-orders/technician-skills",
            new
            {
                technicianId = tech1,
                projectId = project,
                category = "plumbing",
            }
        );
        Assert.Equal("technician_skill.exists", (await dup.JsonAsync()).GetProperty("code").GetString());

        async Task<Guid?> AutoAsync(string category)
        {
            var res = await owner.PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    unitId = unit,
                    category,
                    description = "自动派单测试",
                }
            );
            var id = (await res.JsonAsync()).GetProperty("id").GetGuid();
            var wo = await _app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.ServiceRequestId == id).Select(w => w.Id).FirstAsync());
            var order = await (await _app.As("service")).PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { auto = true }).OkAsync();
            return order.GetProperty("assigneeUserId").GetGuid();
        }

        // Plumbing: both are skilled, only 吴师傅 for this zone.
        Assert.Equal(tech2, await AutoAsync("plumbing"));
        // Electrical: nobody has the skill, so every technician qualifies and the least loaded wins.
        var loads = await _app.DbAsync(db =>
            db.Set<WorkOrder>()
                .Where(w => w.AssigneeUserId != null && WorkOrder.OpenStatuses.Contains(w.Status))
                .GroupBy(w => w.AssigneeUserId)
                .Select(g => new { g.Key, N = g.Count() })
                .ToDictionaryAsync(x => x.Key!.Value, x => x.N)
        );
        var expected = new[] { tech1, tech2 }.OrderBy(t => loads.GetValueOrDefault(t)).ThenBy(t => t).First();
        Assert.Equal(expected, await AutoAsync("electrical"));
    }
}
