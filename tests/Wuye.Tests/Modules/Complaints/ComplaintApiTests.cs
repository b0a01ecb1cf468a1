using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.Complaints;

/// <summary>
/// Complaints through the API on real PostgreSQL, with the app's clock set to Monday 23 November
/// 2026 09:00 China time. The demo project 锦绣花园 has customer service "service", project manager
/// "pm" and the owner "owner" (mobile 13800138000). The tests share one app; each starts its own clock, and a test that
/// sets the project's complaint rules has them put back (no project has its own rules in the demo data).
/// </summary>
[Collection(nameof(ComplaintsApiCollection))]
public sealed class ComplaintApiTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() =>
        await _app.DbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM complaints.complaint_settings"));

    private async Task<(Guid Unit, Guid Person, Guid Project)> OwnerAsync()
    {
        var unit = await OwnUnitAsync(await _app.As("owner"));
        var person = await _app.DbAsync(db => db.People().Where(p => p.Phone == "13800138000").Select(p => p.Id).FirstAsync());
        return (unit, person, await ProjectOfAsync(_app, unit));
    }

    private async Task<JsonElement> ReceiveAsync(bool vip = false, string category = "repairs", object? replyDueAt = null)
    {
        var (unit, person, _) = await OwnerAsync();
        var service = await _app.As("service");
        var res = await service.PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                personId = person,
                channel = "hotline",
                category,
                description = "报修三天没人上门",
                vip,
                departments = new[] { "engineering" },
                replyDueAt,
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.JsonAsync();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage res, HttpStatusCode expected)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == expected, $"expected {(int)expected}, got {(int)res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_receiver_owns_a_complaint_and_promises_a_reply_within_two_days()
    {
        var c = await ReceiveAsync();
        var serviceId = await UserIdAsync(_app, "service");
        Assert.Equal(serviceId, c.GetProperty("ownerStaffId").GetGuid());
        Assert.Equal(serviceId, c.GetProperty("receivedByUserId").GetGuid());
        Assert.Equal(China(2026, 11, 25, 9, 0), c.GetProperty("replyDueAt").GetDateTimeOffset());
        Assert.Equal("138****8000", c.GetProperty("complainantPhone").GetString());
        Assert.Equal("hotline", c.GetProperty("channel").GetString());
        var detail = await (await _app.As("service")).GetJsonAsync($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}");
        Assert.Equal("received", detail.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(0, detail.GetProperty("complaint").GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public async Task An_unknown_owner_and_a_promise_in_the_past_are_refused_field_by_field()
    {
        var (unit, _, _) = await OwnerAsync();
        var service = await _app.As("service");
        var res = await service.PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                personId = Guid.NewGuid(),
                category = "noise",
                description = "噪音",
            }
        );
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("personId", out _));
        res = await service.PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                complainantName = "钱先生",
                category = "noise",
                description = "噪音",
                replyDueAt = China(2026, 11, 22, 9, 0),
            }
        );
        var errors = (await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("不能早于现在", errors.GetProperty("replyDueAt")[0].GetString());
        res = await service.PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                complainantName = "钱先生",
                category = "noise",
                description = "噪音",
                effective = false,
            }
        );
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ineffectiveReason", out _));
        Assert.Equal(0, await _app.DbAsync(db => db.Set<Complaint>().CountAsync(c => c.Description == "噪音")));
    }

    [Fact]
    public async Task A_complaint_is_postponed_once_with_a_reason_and_the_complainant_gets_an_SMS()
    {
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();
        var service = await _app.As("service");
        var res = await service.PostJsonAsync($"/api/v1/complaints/{id}/postpone", new { replyDueAt = China(2026, 11, 27, 17, 0) });
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));

        var ok = await service
            .PostJsonAsync($"/api/v1/complaints/{id}/postpone", new { replyDueAt = China(2026, 11, 27, 17, 0), reason = "等待厂家配件" })
            .OkAsync();
        Assert.Equal(China(2026, 11, 27, 17, 0), ok.GetProperty("complaint").GetProperty("replyDueAt").GetDateTimeOffset());
        Assert.Equal("postponed", ok.GetProperty("timeline")[1].GetProperty("kind").GetString());

        res = await service.PostJsonAsync(
            $"/api/v1/complaints/{id}/postpone",
            new { replyDueAt = China(2026, 11, 30, 17, 0), reason = "还要再等" }
        );
        var problem = await Problem(res, HttpStatusCode.Conflict);
        Assert.Equal("complaint.already_postponed", problem.GetProperty("code").GetString());
        Assert.Contains("不得两次推迟", problem.GetProperty("title").GetString());
        var en = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/complaints/{id}/postpone")
        {
            Content = JsonContent.Create(new { replyDueAt = China(2026, 11, 30, 17, 0), reason = "x" }),
        };
        en.Headers.AcceptLanguage.ParseAdd("en");
        Assert.Contains(
            "may not be put off twice",
            (await Problem(await service.SendAsync(en), HttpStatusCode.Conflict)).GetProperty("title").GetString()
        );

        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var sms = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>().Where(m => m.Address == "13800138000" && m.Title.Contains("答复延期")).ToListAsync()
        );
        Assert.Single(sms);
        Assert.Contains("2026-11-27 17:00", sms[0].Body);
    }

    [Fact]
    public async Task Only_a_manager_changes_the_owner_of_record_and_says_why()
    {
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();
        var pmId = await UserIdAsync(_app, "pm");
        var res = await (await _app.As("service")).PostJsonAsync(
            $"/api/v1/complaints/{id}/reassign",
            new { ownerStaffId = pmId, reason = "交接" }
        );
        var problem = await Problem(res, HttpStatusCode.Forbidden);
        Assert.Contains("只有项目经理或公司管理层", problem.GetProperty("title").GetString());

        var pm = await _app.As("pm");
        res = await pm.PostJsonAsync($"/api/v1/complaints/{id}/reassign", new { ownerStaffId = pmId });
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        var owner = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync());
        res = await pm.PostJsonAsync($"/api/v1/complaints/{id}/reassign", new { ownerStaffId = owner, reason = "x" });
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ownerStaffId", out _));

        var ok = await pm.PostJsonAsync(
                $"/api/v1/complaints/{id}/reassign",
                new { ownerStaffId = pmId, reason = "涉及多个部门，由项目经理牵头" }
            )
            .OkAsync();
        Assert.Equal(pmId, ok.GetProperty("complaint").GetProperty("ownerStaffId").GetGuid());
        Assert.Equal(await UserIdAsync(_app, "service"), ok.GetProperty("complaint").GetProperty("receivedByUserId").GetGuid());
        Assert.Contains("由项目经理牵头", ok.GetProperty("timeline")[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_VIP_complaint_goes_to_the_project_manager_at_once_and_to_the_company_when_not_closed_in_time()
    {
        var id = (await ReceiveAsync(vip: true)).GetProperty("id").GetGuid();
        var pmId = await UserIdAsync(_app, "pm");
        var managerId = await UserIdAsync(_app, "manager");
        Task<List<OutboxMessage>> To(Guid user) =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>().Where(m => m.RecipientUserId == user && m.DedupeKey!.StartsWith($"complaint:{id:N}")).ToListAsync()
            );
        Assert.Contains(await To(pmId), m => m.Channel == NotificationChannel.InApp);
        Assert.Contains(await To(pmId), m => m.Channel == NotificationChannel.Sms);
        Assert.Empty(await To(managerId));

        var job = _app.Services.GetRequiredService<ComplaintEscalationJob>();
        _clock.Advance(TimeSpan.FromHours(23));
        await job.RunOnceAsync();
        Assert.Empty(await To(managerId));
        _clock.Advance(TimeSpan.FromHours(2));
        _app.ForgetTokens();
        await Task.WhenAll(job.RunOnceAsync(), job.RunOnceAsync());
        await job.RunOnceAsync();
        Assert.Single(await To(managerId), m => m.Channel == NotificationChannel.InApp);
        Assert.Equal(2, await _app.DbAsync(db => db.Set<ComplaintEscalation>().CountAsync(e => e.ComplaintId == id)));
        var detail = await (await _app.As("pm")).GetJsonAsync($"/api/v1/complaints/{id}");
        Assert.Equal(2, detail.GetProperty("complaint").GetProperty("escalationLevel").GetInt32());
        Assert.Equal(2, detail.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalated"));
    }

    [Fact]
    public async Task Escalation_hours_are_set_per_project_and_a_manual_escalation_climbs_one_level()
    {
        var (_, _, project) = await OwnerAsync();
        var service = await _app.As("service");
        var res = await service.PutAsJsonAsync(
            $"/api/v1/complaint-settings/{project}",
            new
            {
                replyDays = 3,
                reviewTime = "09:30",
                projectManagerAfterHours = 4,
                companyAfterHours = 48,
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        var pm = await _app.As("pm");
        res = await pm.PutAsJsonAsync(
            $"/api/v1/complaint-settings/{project}",
            new
            {
                replyDays = 3,
                reviewTime = "09:30",
                projectManagerAfterHours = 4,
                companyAfterHours = 2,
            }
        );
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("companyAfterHours", out _));
        await pm.PutAsJsonAsync(
                $"/api/v1/complaint-settings/{project}",
                new
                {
                    replyDays = 3,
                    reviewTime = "09:30",
                    projectManagerAfterHours = 4,
                    companyAfterHours = 48,
                }
            )
            .OkAsync();

        var c = await ReceiveAsync(vip: true);
        var id = c.GetProperty("id").GetGuid();
        Assert.Equal(China(2026, 11, 26, 9, 0), c.GetProperty("replyDueAt").GetDateTimeOffset());
        Assert.Equal(0, c.GetProperty("escalationLevel").GetInt32());
        var job = _app.Services.GetRequiredService<ComplaintEscalationJob>();
        _clock.Advance(TimeSpan.FromHours(4));
        _app.ForgetTokens();
        service = await _app.As("service");
        await job.RunOnceAsync();
        var level = await _app.DbAsync(db => db.Set<Complaint>().Where(x => x.Id == id).Select(x => x.EscalationLevel).FirstAsync());
        Assert.Equal(1, level);

        var up = await service
            .PostJsonAsync($"/api/v1/complaints/{id}/escalate", new { reason = "业主情绪激动，要求公司领导出面" })
            .OkAsync();
        Assert.Equal(2, up.GetProperty("complaint").GetProperty("escalationLevel").GetInt32());
        res = await service.PostJsonAsync($"/api/v1/complaints/{id}/escalate", new { reason = "再升" });
        Assert.Equal("complaint.escalation_top", (await Problem(res, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Closing_a_visit_that_is_not_satisfied_and_reopening_count_in_the_metrics()
    {
        var (_, _, project) = await OwnerAsync();
        var service = await _app.As("service");
        var month = "202611";
        async Task<JsonElement> Month() =>
            (await service.GetJsonAsync($"/api/v1/complaint-metrics?projectId={project}&groupBy=month&from=2026-11-01&to=2026-12-01"))
                .GetProperty("rows")
                .EnumerateArray()
                .First(r => r.GetProperty("key").GetString() == month);
        var before = await Month();
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();

        var res = await service.PostJsonAsync($"/api/v1/complaints/{id}/visit", new { satisfied = true });
        Assert.Equal("complaint.not_closed", (await Problem(res, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        res = await service.PostJsonAsync($"/api/v1/complaints/{id}/reopen", new { reason = "x" });
        Assert.Equal("complaint.not_reopenable", (await Problem(res, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        _clock.Advance(TimeSpan.FromHours(20));
        _app.ForgetTokens();
        service = await _app.As("service");
        await service.PostJsonAsync($"/api/v1/complaints/{id}/close", new { resolution = "已安排维修并修复" }).OkAsync();
        await service.PostJsonAsync($"/api/v1/complaints/{id}/visit", new { satisfied = false, comment = "还是漏" }).OkAsync();
        var reopened = await service.PostJsonAsync($"/api/v1/complaints/{id}/reopen", new { reason = "业主不满意，仍漏水" }).OkAsync();
        Assert.Equal("open", reopened.GetProperty("complaint").GetProperty("status").GetString());
        Assert.Equal(1, reopened.GetProperty("complaint").GetProperty("reopenCount").GetInt32());
        await service.PostJsonAsync($"/api/v1/complaints/{id}/close", new { resolution = "更换整段水管" }).OkAsync();
        await service.PostJsonAsync($"/api/v1/complaints/{id}/visit", new { satisfied = true }).OkAsync();

        var after = await Month();
        int N(JsonElement e, string f) => e.GetProperty(f).GetInt32();
        Assert.Equal(N(before, "received") + 1, N(after, "received"));
        Assert.Equal(N(before, "effective") + 1, N(after, "effective"));
        Assert.Equal(N(before, "closed") + 1, N(after, "closed"));
        Assert.Equal(N(before, "replied") + 1, N(after, "replied"));
        Assert.Equal(N(before, "repliedOnTime") + 1, N(after, "repliedOnTime"));
        Assert.Equal(N(before, "reopened") + 1, N(after, "reopened"));
        Assert.Equal(N(before, "visited") + 1, N(after, "visited"));
        Assert.Equal(N(before, "satisfied") + 1, N(after, "satisfied"));
        var households = N(after, "households");
        Assert.Equal(
            await _app.DbAsync(db =>
                db.Units()
                    .CountAsync(u =>
                        u.ProjectId == project
                        && db.UnitOccupants()
                            .Any(o => o.UnitId == u.Id && o.Relation == Wuye.Modules.MasterData.Contracts.OccupantRelation.Owner)
                    )
            ),
            households
        );
        Assert.Equal(Math.Round((double)N(after, "effective") / households, 4), after.GetProperty("effectiveRate").GetDouble());
    }

    [Fact]
    public async Task The_daily_review_is_produced_at_the_projects_time_and_running_twice_does_not_duplicate_it()
    {
        var (_, _, project) = await OwnerAsync();
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();
        var job = _app.Services.GetRequiredService<DailyReviewJob>();
        Task<int> Reviews(DateOnly d) =>
            _app.DbAsync(db => db.Set<DailyReview>().CountAsync(r => r.ProjectId == project && r.ReviewDate == d));

        // Wednesday 08:29: not yet. 08:30: every project gets its review, once.
        _clock.SetUtcNow(China(2026, 11, 25, 8, 29).ToUniversalTime());
        _app.ForgetTokens();
        await job.RunOnceAsync();
        Assert.Equal(0, await Reviews(new DateOnly(2026, 11, 25)));
        _clock.SetUtcNow(China(2026, 11, 25, 8, 30).ToUniversalTime());
        await Task.WhenAll(job.RunOnceAsync(), job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(1, await Reviews(new DateOnly(2026, 11, 25)));
        Assert.Equal(
            await _app.DbAsync(db => db.Projects().CountAsync()),
            await _app.DbAsync(db => db.Set<DailyReview>().CountAsync(r => r.ReviewDate == new DateOnly(2026, 11, 25)))
        );

        var pm = await _app.As("pm");
        var list = await pm.GetJsonAsync($"/api/v1/daily-reviews?projectId={project}");
        var reviewId = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        var review = await pm.GetJsonAsync($"/api/v1/daily-reviews/{reviewId}");
        var line = review.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("complaintId").GetGuid() == id);
        Assert.Equal("客服 赵敏", line.GetProperty("ownerStaffName").GetString());
        Assert.Equal(2, line.GetProperty("ageDays").GetInt32());
        Assert.False(line.GetProperty("overdue").GetBoolean());

        // Thursday, past the promise with no root cause: the review says so; the root cause then clears it.
        _clock.SetUtcNow(China(2026, 11, 26, 8, 35).ToUniversalTime());
        _app.ForgetTokens();
        pm = await _app.As("pm");
        Assert.True(await job.RunOnceAsync() > 0);
        var thursday = (await pm.GetJsonAsync($"/api/v1/daily-reviews?projectId={project}&from=2026-11-26")).GetProperty("items")[0];
        Assert.True(thursday.GetProperty("missingRootCauseCount").GetInt32() >= 1);
        line = (await pm.GetJsonAsync($"/api/v1/daily-reviews/{thursday.GetProperty("id").GetGuid()}"))
            .GetProperty("lines")
            .EnumerateArray()
            .Single(l => l.GetProperty("complaintId").GetGuid() == id);
        Assert.True(line.GetProperty("overdue").GetBoolean());
        Assert.True(line.GetProperty("missingRootCause").GetBoolean());
        await pm.PostJsonAsync($"/api/v1/complaints/{id}/follow-up", new { rootCause = "维修班组人手不足", nextStep = "外包单位明天上门" })
            .OkAsync();
        var retaken = await pm.PostJsonAsync("/api/v1/daily-reviews", new { projectId = project }).OkAsync();
        Assert.Equal(thursday.GetProperty("id").GetGuid(), retaken.GetProperty("review").GetProperty("id").GetGuid());
        line = retaken.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("complaintId").GetGuid() == id);
        Assert.False(line.GetProperty("missingRootCause").GetBoolean());
        Assert.Equal("外包单位明天上门", line.GetProperty("nextStep").GetString());

        var weekly = await pm.GetJsonAsync($"/api/v1/daily-reviews/weekly?projectId={project}");
        Assert.Contains(weekly.EnumerateArray(), w =>
            w.GetProperty("complaintId").GetGuid() == id && w.GetProperty("rootCause").GetString() == "维修班组人手不足"
        );

        var xlsx = await pm.GetAsync($"/api/v1/daily-reviews/{thursday.GetProperty("id").GetGuid()}/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("owner")).GetAsync($"/api/v1/daily-reviews/{reviewId}")).StatusCode);
    }

    [Fact]
    public async Task A_project_with_a_later_review_time_waits_for_it()
    {
        var (_, _, project) = await OwnerAsync();
        await (await _app.As("pm"))
            .PutAsJsonAsync(
                $"/api/v1/complaint-settings/{project}",
                new
                {
                    replyDays = 2,
                    reviewTime = "10:00",
                    projectManagerAfterHours = 0,
                    companyAfterHours = 24,
                }
            )
            .OkAsync();
        var job = _app.Services.GetRequiredService<DailyReviewJob>();
        _clock.SetUtcNow(China(2026, 11, 24, 9, 0).ToUniversalTime());
        _app.ForgetTokens();
        await job.RunOnceAsync();
        Assert.Equal(
            0,
            await _app.DbAsync(db =>
                db.Set<DailyReview>().CountAsync(r => r.ProjectId == project && r.ReviewDate == new DateOnly(2026, 11, 24))
            )
        );
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<DailyReview>().AnyAsync(r => r.ProjectId != project && r.ReviewDate == new DateOnly(2026, 11, 24))
            )
        );
        _clock.SetUtcNow(China(2026, 11, 24, 10, 0).ToUniversalTime());
        await job.RunOnceAsync();
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<DailyReview>().CountAsync(r => r.ProjectId == project && r.ReviewDate == new DateOnly(2026, 11, 24))
            )
        );
    }

    [Fact]
    public async Task An_owner_complains_from_the_portal_and_sees_only_their_own_complaints()
    {
        var owner = await _app.As("owner");
        var (unit, person, _) = await OwnerAsync();
        var res = await owner.PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                category = "cleaning",
                description = "楼道垃圾没人清理",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var c = await res.JsonAsync();
        Assert.Equal("portal", c.GetProperty("channel").GetString());
        Assert.Equal(person, c.GetProperty("personId").GetGuid());
        Assert.Equal(await UserIdAsync(_app, "service"), c.GetProperty("ownerStaffId").GetGuid());
        var mine = await owner.GetJsonAsync("/api/v1/complaints?pageSize=200");
        Assert.All(mine.GetProperty("items").EnumerateArray(), x => Assert.Equal(unit, x.GetProperty("unitId").GetGuid()));
        var all = await (await _app.As("service")).GetJsonAsync("/api/v1/complaints?pageSize=200");
        Assert.True(all.GetProperty("total").GetInt32() > mine.GetProperty("total").GetInt32());
        var other = all.GetProperty("items")
            .EnumerateArray()
            .First(x => x.GetProperty("unitId").GetGuid() != unit)
            .GetProperty("id")
            .GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/complaints/{other}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await owner.PostJsonAsync($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}/close", new { resolution = "自己关" })
            ).StatusCode
        );
    }

    [Fact]
    public async Task Reply_scripts_are_versioned_and_suggested_for_the_complaints_category()
    {
        var (_, _, project) = await OwnerAsync();
        var service = await _app.As("service");
        var created = await service
            .PostJsonAsync(
                "/api/v1/reply-scripts",
                new
                {
                    projectId = project,
                    category = "greening",
                    question = "树木遮挡采光能修剪吗？",
                    answer = "可以，园林班组一周内修剪。",
                }
            )
            .OkAsync();
        var id = created.GetProperty("id").GetGuid();
        var edited = await service
            .PutAsJsonAsync(
                $"/api/v1/reply-scripts/{id}",
                new
                {
                    category = "greening",
                    question = "树木遮挡采光能修剪吗？",
                    answer = "可以，园林班组三天内修剪，修剪前告知您。",
                    changeNote = "缩短时限",
                }
            )
            .OkAsync();
        Assert.Equal(2, edited.GetProperty("versionNo").GetInt32());
        var versions = await service.GetJsonAsync($"/api/v1/reply-scripts/{id}/versions");
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("versionNo").GetInt32()));
        var found = await service.GetJsonAsync("/api/v1/reply-scripts?q=" + Uri.EscapeDataString("采光"));
        var hit = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Contains("三天内", hit.GetProperty("answer").GetString());

        var complaint = (await ReceiveAsync(category: "greening")).GetProperty("id").GetGuid();
        var detail = await service.GetJsonAsync($"/api/v1/complaints/{complaint}");
        Assert.Contains(detail.GetProperty("suggestedScripts").EnumerateArray(), s =>
            s.GetProperty("answer").GetString()!.Contains("三天内")
        );
        Assert.All(detail.GetProperty("suggestedScripts").EnumerateArray(), s =>
            Assert.Equal("greening", s.GetProperty("category").GetString())
        );
    }

    [Fact]
    public async Task Reclassifying_a_complaint_as_a_group_complaint_reports_it_to_the_project_manager_at_once()
    {
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();
        var service = await _app.As("service");
        var res = await service.PostJsonAsync($"/api/v1/complaints/{id}/classify", new { category = "repairs", effective = false });
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ineffectiveReason", out _));
        res = await service.PostJsonAsync(
            $"/api/v1/complaints/{id}/classify",
            new
            {
                category = "repairs",
                effective = true,
                major = "group",
                departments = new[] { "nowhere" },
            }
        );
        Assert.True((await Problem(res, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("departments", out _));
        var ok = await service
            .PostJsonAsync(
                $"/api/v1/complaints/{id}/classify",
                new
                {
                    category = "repairs",
                    effective = true,
                    major = "group",
                    departments = new[] { "engineering", "management" },
                }
            )
            .OkAsync();
        Assert.Equal("group", ok.GetProperty("complaint").GetProperty("major").GetString());
        Assert.Equal(1, ok.GetProperty("complaint").GetProperty("escalationLevel").GetInt32());
        var pmId = await UserIdAsync(_app, "pm");
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == pmId && m.DedupeKey == $"complaint:{id:N}:L1:{pmId:N}:InApp")
            )
        );
    }

    [Fact]
    public async Task Engineering_handles_a_complaint_through_a_linked_service_request()
    {
        var id = (await ReceiveAsync()).GetProperty("id").GetGuid();
        var service = await _app.As("service");
        var created = await service.PostJsonAsync(
            $"/api/v1/complaints/{id}/service-requests",
            new { category = "plumbing", description = "卫生间漏水（投诉转派）" }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requestId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var detail = await service.GetJsonAsync($"/api/v1/complaints/{id}");
        Assert.Equal(requestId, detail.GetProperty("serviceRequests")[0].GetProperty("id").GetGuid());
        Assert.Equal(await UserIdAsync(_app, "service"), detail.GetProperty("complaint").GetProperty("ownerStaffId").GetGuid());
        var res = await service.PostJsonAsync($"/api/v1/complaints/{id}/links", new { serviceRequestId = requestId });
        Assert.Equal("complaint.already_linked", (await Problem(res, HttpStatusCode.Conflict)).GetProperty("code").GetString());
    }
}

/// <summary>Early warnings on the real clock: the demo data's noise problem this month, and a household complaining twice.</summary>
public sealed class ComplaintWarningTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartAsync(cluster);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_household_complaining_twice_in_thirty_days_and_a_rising_category_are_warned()
    {
        var manager = await _app.As("manager");
        var unit = await _app.DbAsync(db =>
            db.Units()
                .Where(u =>
                    u.Number == "1101"
                    && !db.Set<Complaint>().Any(c => c.UnitId == u.Id)
                    && db.Projects().Any(p => p.Id == u.ProjectId && p.Name == "锦绣花园")
                )
                .Select(u => u.Id)
                .FirstAsync()
        );
        var ids = new List<Guid>();
        foreach (var text in new[] { "电梯异响", "电梯又异响" })
        {
            var res = await manager.PostJsonAsync(
                "/api/v1/complaints",
                new
                {
                    unitId = unit,
                    complainantName = "陈女士",
                    category = "facilities",
                    description = text,
                }
            );
            ids.Add((await res.JsonAsync()).GetProperty("id").GetGuid());
        }
        var warnings = (await manager.GetJsonAsync("/api/v1/complaint-metrics/warnings")).EnumerateArray().ToList();
        var repeat = Assert.Single(warnings, w =>
            w.GetProperty("kind").GetString() == "householdRepeat"
            && w.GetProperty("complaintIds").EnumerateArray().Any(x => x.GetGuid() == ids[0])
        );
        Assert.Equal(2, repeat.GetProperty("count").GetInt32());
        var rise = Assert.Single(warnings, w =>
            w.GetProperty("kind").GetString() == "categoryRise"
            && w.GetProperty("subject").GetString() == "噪音"
            && w.GetProperty("projectName").GetString() == "锦绣花园"
        );
        Assert.True(rise.GetProperty("count").GetInt32() >= 3);
        Assert.True(rise.GetProperty("count").GetDouble() > rise.GetProperty("baseline").GetDouble() + 2);
        Assert.DoesNotContain((await (await _app.As("manager2")).GetJsonAsync("/api/v1/complaint-metrics/warnings")).EnumerateArray(), w =>
            w.GetProperty("projectName").GetString() == "锦绣花园"
        );
    }
}
