using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>
/// Merge, decline and transfer; numbers; limits that could never fall due; roles held in one
/// project used in another; the escalation job under a backlog. Clock: Monday 23 November 2026
/// 09:00 China time, demo calendar Monday–Saturday 8:30–17:30.
/// </summary>
/// <summary>The rules tests' app: the escalation job takes two jobs a run.</summary>
public sealed class WorkOrderRulesApp(TestCluster cluster) : SharedApp(cluster)
{
    protected override Dictionary<string, string?> Settings => new() { ["Wuye:WorkOrders:EscalationBatchSize"] = "2" };
}

public sealed class WorkOrderRulesTests(WorkOrderRulesApp shared) : IClassFixture<WorkOrderRulesApp>
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private WuyeApp _app => _shared ??= shared.Use(_clock); // before the test's first request
    private WuyeApp? _shared;

    private async Task<Guid> ServiceProjectAsync() =>
        await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == Roles.CustomerService).Select(r => r.ProjectId!.Value).FirstAsync()
        );

    private async Task<(Guid Request, Guid WorkOrder)> PublicReportAsync(HttpClient client, Guid project, string location = "3幢电梯厅")
    {
        var created = await client
            .PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    projectId = project,
                    location,
                    category = "publicFacility",
                    description = "电梯厅灯不亮",
                }
            )
            .OkAsync();
        var id = created.GetProperty("id").GetGuid();
        var wo = await _app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.ServiceRequestId == id).Select(w => w.Id).FirstAsync());
        return (id, wo);
    }

    [Fact]
    public async Task A_duplicate_public_report_merges_into_the_first_and_its_job_closes()
    {
        var service = await _app.As("service");
        var project = await ServiceProjectAsync();
        var (first, _) = await PublicReportAsync(service, project);
        var (dup, dupJob) = await PublicReportAsync(service, project);

        await service.PostJsonAsync($"/api/v1/service-requests/{dup}/merge", new { intoId = first }).OkAsync();

        var merged = (await service.GetJsonAsync($"/api/v1/service-requests/{dup}")).GetProperty("request");
        Assert.Equal("merged", merged.GetProperty("status").GetString());
        Assert.Equal("closed", (await service.GetJsonAsync($"/api/v1/work-orders/{dupJob}")).GetProperty("status").GetString());
        var into = await service.GetJsonAsync($"/api/v1/service-requests/{first}");
        Assert.Contains(into.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "merged");

        // Merging again, into itself, or a unit request is refused with a code, and changes nothing.
        foreach (var (from, to) in new[] { (dup, first), (first, first) })
        {
            var again = await service.PostJsonAsync($"/api/v1/service-requests/{from}/merge", new { intoId = to });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("service_request.not_mergeable", (await again.JsonAsync()).GetProperty("code").GetString());
        }
        var unknown = await service.PostJsonAsync($"/api/v1/service-requests/{first}/merge", new { intoId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(
            "open",
            (await service.GetJsonAsync($"/api/v1/service-requests/{first}")).GetProperty("request").GetProperty("status").GetString()
        );
    }

    [Fact]
    public async Task A_declined_job_goes_back_to_dispatch_and_only_its_assignee_may_decline_it()
    {
        var service = await _app.As("service");
        var tech2 = await AddTechnicianAsync(_app, "tech3", "维修 郑师傅");
        var techId = await UserIdAsync(_app, "tech");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == techId).Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var (_, wo) = await PublicReportAsync(service, project);
        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();

        var notMine = await (await _app.As("tech3")).PostJsonAsync($"/api/v1/work-orders/{wo}/decline", new { reason = "不是我的" });
        Assert.Equal(HttpStatusCode.Conflict, notMine.StatusCode);
        Assert.Equal("work_order.not_declinable", (await notMine.JsonAsync()).GetProperty("code").GetString());

        var noReason = await (await _app.As("tech")).PostJsonAsync($"/api/v1/work-orders/{wo}/decline", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var declined = await (await _app.As("tech"))
            .PostJsonAsync($"/api/v1/work-orders/{wo}/decline", new { reason = "今天在另一个项目" })
            .OkAsync();
        Assert.Equal("new", declined.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, declined.GetProperty("assigneeUserId").ValueKind);

        // Customer service dispatches again, to the other technician.
        var again = await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = tech2 }).OkAsync();
        Assert.Equal(tech2, again.GetProperty("assigneeUserId").GetGuid());
        var events = await _app.DbAsync(db =>
            db.Set<WorkOrderEvent>().Where(e => e.WorkOrderId == wo).OrderBy(e => e.Seq).Select(e => e.Kind).ToListAsync()
        );
        Assert.Equal([EventKind.Created, EventKind.Dispatched, EventKind.Declined, EventKind.Dispatched], events);
    }

    [Fact]
    public async Task A_technician_transfers_an_accepted_job_but_not_once_on_site_and_not_someone_elses()
    {
        var service = await _app.As("service");
        var tech2 = await AddTechnicianAsync(_app, "tech2", "维修 吴师傅");
        var techId = await UserIdAsync(_app, "tech");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == techId).Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var (_, wo) = await PublicReportAsync(service, project);
        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();
        var tech = await _app.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();

        var stranger = await (await _app.As("tech2")).PostJsonAsync(
            $"/api/v1/work-orders/{wo}/transfer",
            new { technicianId = tech2, reason = "我来" }
        );
        Assert.Equal("work_order.not_yours", (await stranger.JsonAsync()).GetProperty("code").GetString());
        var nobody = await tech.PostJsonAsync(
            $"/api/v1/work-orders/{wo}/transfer",
            new { technicianId = Guid.NewGuid(), reason = "转给同事" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);

        var moved = await tech.PostJsonAsync($"/api/v1/work-orders/{wo}/transfer", new { technicianId = tech2, reason = "需要电工证" })
            .OkAsync();
        Assert.Equal(tech2, moved.GetProperty("assigneeUserId").GetGuid());
        Assert.Equal("dispatched", moved.GetProperty("status").GetString());

        var t2 = await _app.As("tech2");
        await t2.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await t2.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var onSite = await service.PostJsonAsync($"/api/v1/work-orders/{wo}/transfer", new { technicianId = techId, reason = "换人" });
        Assert.Equal(HttpStatusCode.Conflict, onSite.StatusCode);
        Assert.Equal("work_order.not_transferable", (await onSite.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            tech2,
            await _app.DbAsync(db => db.Set<WorkOrder>().Where(w => w.Id == wo).Select(w => w.AssigneeUserId!.Value).FirstAsync())
        );
    }

    [Fact]
    public async Task Request_numbers_are_never_alike_even_when_created_at_once()
    {
        var service = await _app.As("service");
        var project = await ServiceProjectAsync();
        var created = await Task.WhenAll(
            Enumerable
                .Range(0, 12)
                .Select(i =>
                    service
                        .PostJsonAsync(
                            "/api/v1/service-requests",
                            new
                            {
                                projectId = project,
                                location = $"{i + 1}幢大堂",
                                category = "cleaning",
                                description = "地面有积水",
                            }
                        )
                        .OkAsync()
                )
        );
        var numbers = created.Select(c => c.GetProperty("number").GetString()!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^BX261123\d{6,}$", n));
    }

    [Fact]
    public async Task A_limit_that_would_never_fall_due_on_the_calendar_is_refused_field_by_field()
    {
        var pm = await _app.As("pm");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == Roles.ProjectManager).Select(r => r.ProjectId!.Value).FirstAsync()
        );
        // The other tests of the class work on this project's calendar: it is put back as it was.
        var original = await pm.GetJsonAsync($"/api/v1/business-calendars/{project}");
        try
        {
            await LimitsOnAOneHourWeekAsync(pm, project);
        }
        finally
        {
            await pm.PutJsonAsync(
                    $"/api/v1/business-calendars/{project}",
                    new
                    {
                        dayStart = original.GetProperty("dayStart").GetString(),
                        dayEnd = original.GetProperty("dayEnd").GetString(),
                        workingDays = original.GetProperty("workingDays").GetString(),
                        holidays = original.GetProperty("holidays"),
                        extraWorkdays = original.GetProperty("extraWorkdays"),
                    }
                )
                .OkAsync();
        }
    }

    private async Task LimitsOnAOneHourWeekAsync(HttpClient pm, Guid project)
    {
        // One working hour a week: the demo's 1,440-minute completion limit still falls due (24 weeks).
        await pm.PutJsonAsync(
                $"/api/v1/business-calendars/{project}",
                new
                {
                    dayStart = "08:00",
                    dayEnd = "09:00",
                    workingDays = "1",
                }
            )
            .OkAsync();

        var tooLong = await pm.PutJsonAsync(
            "/api/v1/sla-policies",
            new
            {
                projectId = project,
                category = "plumbing",
                urgency = "normal",
                responseMinutes = 60,
                arrivalMinutes = 120,
                completionMinutes = 100000,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.JsonAsync()).GetProperty("errors").TryGetProperty("completionMinutes", out _));
        Assert.False(
            await _app.DbAsync(db => db.Set<SlaPolicy>().AnyAsync(p => p.ProjectId == project && p.Category == RequestCategory.Plumbing))
        );

        // Around the clock the same limit is about ten weeks: accepted.
        await pm.PutJsonAsync(
                "/api/v1/sla-policies",
                new
                {
                    projectId = project,
                    category = "plumbing",
                    urgency = "normal",
                    responseMinutes = 60,
                    arrivalMinutes = 120,
                    completionMinutes = 100000,
                    aroundTheClock = true,
                }
            )
            .OkAsync();

        // A calendar with one working minute a week would leave the 1,440-minute limit 27 years away.
        var tiny = await pm.PutJsonAsync(
            $"/api/v1/business-calendars/{project}",
            new
            {
                dayStart = "08:00",
                dayEnd = "08:01",
                workingDays = "1",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, tiny.StatusCode);
        Assert.True((await tiny.JsonAsync()).GetProperty("errors").TryGetProperty("workingDays", out _));
        var kept = await pm.GetJsonAsync($"/api/v1/business-calendars/{project}");
        Assert.Equal("09:00:00", kept.GetProperty("dayEnd").GetString());
    }

    [Fact]
    public async Task A_role_held_in_one_project_does_not_act_in_another_where_the_user_has_a_lesser_role()
    {
        var pmProject = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == Roles.ProjectManager)
                .Select(r => new { r.CompanyId, ProjectId = r.ProjectId!.Value })
                .FirstAsync()
        );
        var other = await _app.DbAsync(db =>
            db.Projects().Where(p => p.CompanyId == pmProject.CompanyId && p.Id != pmProject.ProjectId).Select(p => p.Id).FirstAsync()
        );
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<Wuye.Platform.Database.WuyeDb>();
            var user = new AppUser
            {
                UserName = "twohats",
                DisplayName = "两个岗位",
                CompanyId = pmProject.CompanyId,
            };
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Wuye@2026")).Succeeded);
            db.RoleAssignments.Add(
                new RoleAssignment
                {
                    UserId = user.Id,
                    Role = Roles.ProjectManager,
                    CompanyId = pmProject.CompanyId,
                    ProjectId = pmProject.ProjectId,
                }
            );
            db.RoleAssignments.Add(
                new RoleAssignment
                {
                    UserId = user.Id,
                    Role = Roles.Technician,
                    CompanyId = pmProject.CompanyId,
                    ProjectId = other,
                }
            );
            await db.SaveChangesAsync();
        }
        var twoHats = await _app.As("twohats");
        object Limits(Guid project) =>
            new
            {
                projectId = project,
                category = "doorWindow",
                urgency = "normal",
                responseMinutes = 20,
                arrivalMinutes = 60,
                completionMinutes = 600,
            };

        await twoHats.PutJsonAsync("/api/v1/sla-policies", Limits(pmProject.ProjectId)).OkAsync();
        var asTechnician = await twoHats.PutJsonAsync("/api/v1/sla-policies", Limits(other));
        Assert.Equal(HttpStatusCode.Forbidden, asTechnician.StatusCode);
        Assert.False(
            await _app.DbAsync(db => db.Set<SlaPolicy>().AnyAsync(p => p.ProjectId == other && p.Category == RequestCategory.DoorWindow))
        );

        // Still a technician there: a job dispatched to them can be accepted.
        var service = await _app.As("admin");
        var (_, wo) = await PublicReportAsync(service, other, "5幢门厅");
        var userId = await UserIdAsync(_app, "twohats");
        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = userId }).OkAsync();
        await twoHats.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
    }

    [Fact]
    public async Task A_backlog_of_jobs_already_escalated_does_not_starve_newly_breached_ones()
    {
        var service = await _app.As("service");
        var project = await ServiceProjectAsync();
        var jobs = new List<Guid>();
        for (var i = 0; i < 3; i++)
            jobs.Add((await PublicReportAsync(service, project, $"{i + 1}幢车库")).WorkOrder);
        var job = _app.Services.GetRequiredService<EscalationJob>();
        Task<int> Breached() =>
            _app.DbAsync(db =>
                db.Set<WorkOrderEscalation>()
                    .CountAsync(e => jobs.Contains(e.WorkOrderId) && e.Clock == SlaClock.Response && e.Level == EscalationLevel.Breach)
            );

        _clock.SetUtcNow(China(2026, 11, 23, 9, 45).ToUniversalTime()); // response was due 9:30 for all three
        // Two at a time, the demo's own overdue jobs first (they fell due earlier). Each run must
        // act on something new until none is left: raised ones must not fill the batch again.
        var runs = 0;
        while (await job.RunOnceAsync() > 0)
            Assert.True(++runs < 500, "the escalation job never ran dry");
        Assert.Equal(3, await Breached());
        Assert.Equal(0, await job.RunOnceAsync());
    }
}
