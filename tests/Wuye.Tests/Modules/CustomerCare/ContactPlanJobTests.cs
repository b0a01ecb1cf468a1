using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// The contact plan job with a moved clock, four months ahead (a month no other class plans): on the 1st every zone steward gets
/// a plan of the lived-in homes (60, or 15 × the Mondays in an office project), notified, and each project's analysis meeting is
/// scheduled for the 28th; a second run makes nothing. The meeting cannot be recorded on the 27th; on the 28th the job reminds
/// the manager once and the manager's home counts it; recorded once, with the month's figures; its issues (a household's or a
/// public place's) open service requests through WorkOrders, once each; bad input is answered field by field.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class ContactPlanJobTests(SharedApp shared)
{
    private static readonly DateOnly Month = new DateOnly(DateTime.UtcNow.AddHours(8).Year, DateTime.UtcNow.AddHours(8).Month, 1).AddMonths(
        4
    );

    private static async Task<int> MeetingsDueOnHomeAsync(HttpClient pm)
    {
        var html = WebUtility.HtmlDecode(await pm.GetStringAsync("/home/project"));
        var m = Regex.Match(html, @"<span>走访分析会待召开</span>.*?data-testid=""task-count""[^>]*>(\d+)<", RegexOptions.Singleline);
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    private static int Mondays(DateOnly month) =>
        Enumerable.Range(0, DateTime.DaysInMonth(month.Year, month.Month)).Count(d => month.AddDays(d).DayOfWeek == DayOfWeek.Monday);

    [Fact]
    public async Task The_job_plans_each_steward_on_the_1st_once_and_the_28th_meeting_turns_its_issues_into_requests()
    {
        var clock = At(China(Month.Year, Month.Month, 1, 1));
        var app = shared.Use(clock);
        var job = app.Services.GetRequiredService<ContactPlanJob>();
        var pm = await app.As("pm");
        var dueBefore = await MeetingsDueOnHomeAsync(pm);
        // The demo's office project has no zone steward: one is given to its first zone, so the office target is made too.
        await app.DbAsync(async db =>
        {
            var zone = await db.Set<Zone>()
                .Where(z => z.ArchivedAt == null && db.ProjectRefs().Any(p => p.Id == z.ProjectId && p.Kind == ProjectKind.Office))
                .OrderBy(z => z.Name)
                .FirstAsync();
            zone.StewardUserId = await app.CreateUserAsync(
                "plan-job-office-steward",
                zone.CompanyId,
                new RoleAssignment
                {
                    Role = Roles.Steward,
                    CompanyId = zone.CompanyId,
                    ProjectId = zone.ProjectId,
                    ZoneId = zone.Id,
                }
            );
            return await db.SaveChangesAsync();
        });

        Assert.True(await job.RunOnceAsync() > 0);
        var plans = await app.DbAsync(db =>
            db.Set<ContactPlan>()
                .Where(p => p.Month == Month)
                .Join(db.ProjectRefs(), p => p.ProjectId, x => x.Id, (p, x) => new { Plan = p, x.Kind })
                .ToListAsync()
        );
        Assert.NotEmpty(plans);
        Assert.Contains(plans, p => p.Kind == ProjectKind.Office);
        foreach (var p in plans)
            Assert.Equal(p.Kind == ProjectKind.Office ? 15 * Mondays(Month) : 60, p.Plan.Target);
        var demoSteward = await app.DbAsync(db => db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync());
        var mine = plans.Single(p => p.Plan.StewardUserId == demoSteward).Plan;
        var items = await app.DbAsync(db =>
            db.Set<ContactPlanItem>().Where(i => i.PlanId == mine.Id).OrderBy(i => i.Position).ToListAsync()
        );
        Assert.InRange(items.Count, 1, 60);
        var last = items.Select(i => i.LastContactAt ?? DateTimeOffset.MinValue).ToList();
        Assert.Equal(last.Order().ToList(), last);
        Assert.True(
            await app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .IgnoreQueryFilters()
                    .AnyAsync(m => m.RecipientUserId == demoSteward && m.DedupeKey!.StartsWith($"contact-plan:{mine.Id:N}"))
            )
        );
        var meetings = await app.DbAsync(db => db.Set<ContactMeeting>().Where(m => m.Month == Month).ToListAsync());
        Assert.Equal(plans.Select(p => p.Plan.ProjectId).Distinct().Order(), meetings.Select(m => m.ProjectId).Order());
        Assert.All(meetings, m => Assert.Equal(new DateOnly(Month.Year, Month.Month, 28), m.DueOn));

        // Never twice: the same day, and later in the month.
        Assert.Equal(0, await job.RunOnceAsync());
        clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(plans.Count, await app.DbAsync(db => db.Set<ContactPlan>().CountAsync(p => p.Month == Month)));

        // The 27th: not due yet.
        clock.SetUtcNow(China(Month.Year, Month.Month, 27, 10).ToUniversalTime());
        app.ForgetTokens();
        pm = await app.As("pm");
        var mineMonth = await pm.GetJsonAsync($"/api/v1/contact-meetings?month={Month:yyyy-MM-dd}");
        var ofPm = mineMonth.EnumerateArray().ToList();
        Assert.NotEmpty(ofPm);
        var meeting = ofPm.Single(m => m.GetProperty("projectId").GetGuid() == mine.ProjectId).GetProperty("id").GetGuid();
        Assert.False(ofPm[0].GetProperty("due").GetBoolean());
        var early = await pm.PostJsonAsync($"/api/v1/contact-meetings/{meeting}/hold", new { findings = "提前召开" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("contact_meeting.not_due", (await early.JsonAsync()).GetProperty("code").GetString());

        // The 28th: the manager is reminded once and the home counts the meetings due.
        clock.SetUtcNow(China(Month.Year, Month.Month, 28, 9).ToUniversalTime());
        app.ForgetTokens();
        pm = await app.As("pm");
        var pmUser = await app.DbAsync(db => db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync());
        Assert.Equal(meetings.Count, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.True(
            await app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .IgnoreQueryFilters()
                    .AnyAsync(m => m.RecipientUserId == pmUser && m.DedupeKey!.StartsWith($"contact-meeting:{meeting:N}"))
            )
        );
        Assert.Equal(dueBefore + ofPm.Count, await MeetingsDueOnHomeAsync(pm));

        // Recorded once, with the month's figures; a steward reads it but may not record it.
        var steward = await app.As("steward");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await steward.PostJsonAsync($"/api/v1/contact-meetings/{meeting}/hold", new { findings = "x" })).StatusCode
        );
        var empty = await pm.PostJsonAsync($"/api/v1/contact-meetings/{meeting}/hold", new { attendees = "客服部" });
        Assert.True((await empty.JsonAsync()).GetProperty("errors").TryGetProperty("findings", out _));
        var held = await pm.PostJsonAsync(
                $"/api/v1/contact-meetings/{meeting}/hold",
                new { findings = "本月走访集中反映地库照明与水龙头问题", attendees = "项目经理、客服主管、各片区管家" }
            )
            .OkAsync();
        var m = held.GetProperty("meeting");
        Assert.NotEqual(JsonValueKind.Null, m.GetProperty("heldAt").ValueKind);
        Assert.Equal(
            held.GetProperty("plans").EnumerateArray().Sum(p => p.GetProperty("target").GetInt32()),
            m.GetProperty("target").GetInt32()
        );
        Assert.Equal(dueBefore + ofPm.Count - 1, await MeetingsDueOnHomeAsync(pm));
        var twice = await pm.PostJsonAsync($"/api/v1/contact-meetings/{meeting}/hold", new { findings = "再记一次" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Issues: field by field; a household of the project and a public place, each opened once as a service request.
        var none = await pm.PostJsonAsync($"/api/v1/contact-meetings/{meeting}/issues", new { category = "Plumbing" });
        var errors = (await none.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("location", out _) && errors.TryGetProperty("description", out _));
        var foreignUnit = await app.DbAsync(db => db.UnitRefs().Where(u => u.ProjectId != mine.ProjectId).Select(u => u.Id).FirstAsync());
        var foreign = await pm.PostJsonAsync(
            $"/api/v1/contact-meetings/{meeting}/issues",
            new
            {
                unitId = foreignUnit,
                category = "Plumbing",
                description = "x",
            }
        );
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        await pm.PostJsonAsync(
                $"/api/v1/contact-meetings/{meeting}/issues",
                new
                {
                    unitId = items[0].UnitId,
                    category = "Plumbing",
                    description = "分析会：厨房水龙头长期滴水",
                }
            )
            .OkAsync();
        var withBoth = await pm.PostJsonAsync(
                $"/api/v1/contact-meetings/{meeting}/issues",
                new
                {
                    location = "地下车库 B 区",
                    category = "Electrical",
                    description = "分析会：车库照明不足",
                }
            )
            .OkAsync();
        var issues = withBoth.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("serviceRequestId").ValueKind));
        var requestIds = new List<Guid>();
        foreach (var issue in issues.Select(i => i.GetProperty("id").GetGuid()))
        {
            var opened = await pm.PostAsync($"/api/v1/contact-meetings/{meeting}/issues/{issue}/service-request", null).OkAsync();
            requestIds.Add(
                opened
                    .GetProperty("issues")
                    .EnumerateArray()
                    .Single(i => i.GetProperty("id").GetGuid() == issue)
                    .GetProperty("serviceRequestId")
                    .GetGuid()
            );
            var again = await pm.PostAsync($"/api/v1/contact-meetings/{meeting}/issues/{issue}/service-request", null);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var described = await scope.ServiceProvider.GetRequiredService<IServiceRequests>().DescribeAsync(requestIds, default);
        Assert.Equal(2, described.Count);
        Assert.Contains(described, r => r.Description.Contains("厨房水龙头长期滴水"));
        Assert.Contains(described, r => r.Description.Contains("车库照明不足"));
        Assert.All(described, r => Assert.Equal(mine.ProjectId, r.ProjectId));

        // The page shows the record and the request numbers; an owner may not open it.
        var page = WebUtility.HtmlDecode(await pm.GetStringAsync($"/care/contact-meetings?id={meeting}"));
        Assert.Contains("本月走访集中反映地库照明与水龙头问题", page);
        Assert.All(described, r => Assert.Contains(r.Number, page));
        var owner = await app.As("owner");
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/care/contact-meetings")).StatusCode);
    }
}
