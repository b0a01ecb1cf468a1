using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Contact plans through the API on the demo data: the demo steward's plan of this month counts as contacted exactly the
/// households with a care visit in the month, and a visit recorded now moves it; a plan for next month takes the longest not
/// visited first and only once; an issue raised opens a service request; bad input is answered field by field.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class ContactPlanTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_stewards_plan_counts_visits_takes_the_longest_not_visited_first_and_turns_issues_into_requests()
    {
        var steward = await _app.As("steward");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var plans = await steward.GetJsonAsync($"/api/v1/contact-plans?month={today:yyyy-MM-dd}&mine=true");
        var plan = plans.EnumerateArray().Single();
        var id = plan.GetProperty("id").GetGuid();
        var project = plan.GetProperty("projectId").GetGuid();
        Assert.Equal(60, plan.GetProperty("target").GetInt32());
        var from = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        var expected = await _app.DbAsync(db =>
        {
            var units = db.Set<ContactPlanItem>().Where(i => i.PlanId == id).Select(i => i.UnitId);
            return db.Set<CareVisit>()
                .Where(v => units.Contains(v.UnitId) && v.VisitedAt >= from)
                .Select(v => v.UnitId)
                .Distinct()
                .CountAsync();
        });
        Assert.Equal(expected, plan.GetProperty("contacted").GetInt32());

        var detail = await steward.GetJsonAsync($"/api/v1/contact-plans/{id}");
        var open = detail
            .GetProperty("households")
            .EnumerateArray()
            .First(h => h.GetProperty("contactedAt").ValueKind == System.Text.Json.JsonValueKind.Null);
        var unit = open.GetProperty("unitId").GetGuid();
        await steward.PostJsonAsync("/api/v1/care-visits", new { unitId = unit, asked = "走访计划测试：询问供暖情况" }).OkAsync();
        var after = await steward.GetJsonAsync($"/api/v1/contact-plans/{id}");
        Assert.Equal(expected + 1, after.GetProperty("plan").GetProperty("contacted").GetInt32());
        Assert.NotEqual(
            System.Text.Json.JsonValueKind.Null,
            after
                .GetProperty("households")
                .EnumerateArray()
                .Single(h => h.GetProperty("unitId").GetGuid() == unit)
                .GetProperty("contactedAt")
                .ValueKind
        );

        // Bad input, field by field; the same month twice; a month gone by.
        var bad = await steward.PostJsonAsync("/api/v1/contact-plans", new { });
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("projectId", out _) && errors.TryGetProperty("month", out _));
        var twice = await steward.PostJsonAsync("/api/v1/contact-plans", new { projectId = project, month = today });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await twice.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
        var past = await steward.PostJsonAsync("/api/v1/contact-plans", new { projectId = project, month = today.AddMonths(-2) });
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));

        var next = await steward.PostJsonAsync("/api/v1/contact-plans", new { projectId = project, month = today.AddMonths(1) });
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var made = await next.JsonAsync();
        var households = made.GetProperty("households").EnumerateArray().ToList();
        Assert.InRange(households.Count, 1, 60);
        var last = households
            .Select(h =>
                h.GetProperty("lastContactAt").ValueKind == System.Text.Json.JsonValueKind.Null
                    ? DateTimeOffset.MinValue
                    : h.GetProperty("lastContactAt").GetDateTimeOffset()
            )
            .ToList();
        Assert.Equal(last.Order().ToList(), last);

        // An issue raised becomes a service request.
        var missing = await steward.PostJsonAsync($"/api/v1/contact-plans/{id}/issues", new { unitId = unit });
        var missingErrors = (await missing.JsonAsync()).GetProperty("errors");
        Assert.True(missingErrors.TryGetProperty("category", out _) && missingErrors.TryGetProperty("description", out _));
        var stranger = await steward.PostJsonAsync(
            $"/api/v1/contact-plans/{id}/issues",
            new
            {
                unitId = Guid.NewGuid(),
                category = "Plumbing",
                description = "x",
            }
        );
        Assert.True((await stranger.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        var raised = await steward
            .PostJsonAsync(
                $"/api/v1/contact-plans/{id}/issues",
                new
                {
                    unitId = unit,
                    category = "Plumbing",
                    description = "厨房水龙头滴水",
                }
            )
            .OkAsync();
        var issue = raised.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("description").GetString() == "厨房水龙头滴水");
        var request = issue.GetProperty("serviceRequestId").GetGuid();
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var described = await scope.ServiceProvider.GetRequiredService<IServiceRequests>().DescribeAsync([request], default);
        Assert.Contains("厨房水龙头滴水", described.Single().Description);
        Assert.Equal(issue.GetProperty("serviceRequestNumber").GetString(), described.Single().Number);
    }

    [Fact]
    public async Task An_owner_books_the_managers_reception_day_once_and_the_host_records_the_outcome_once()
    {
        var (unit, project, pmUser) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
            var home = await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => new { o.UnitId, o.ProjectId }).FirstAsync();
            var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            return (home.UnitId, home.ProjectId, pm);
        });
        var pm = await _app.As("pm");
        var owner = await _app.As("owner");
        var bad = await pm.PostJsonAsync("/api/v1/reception-days", new { projectId = project });
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("startsAt", out _) && errors.TryGetProperty("endsAt", out _) && errors.TryGetProperty("place", out _)
        );
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        var day = await pm.PostJsonAsync(
                "/api/v1/reception-days",
                new
                {
                    projectId = project,
                    startsAt = starts,
                    endsAt = starts.AddHours(3),
                    place = "经理室（接待日测试）",
                }
            )
            .OkAsync();
        var dayId = day.GetProperty("id").GetGuid();
        var upcoming = await owner.GetJsonAsync("/api/v1/reception-days?upcoming=true");
        Assert.Contains(upcoming.EnumerateArray(), d => d.GetProperty("id").GetGuid() == dayId);

        var noTopic = await owner.PostJsonAsync($"/api/v1/reception-days/{dayId}/appointments", new { unitId = unit });
        Assert.True((await noTopic.JsonAsync()).GetProperty("errors").TryGetProperty("topic", out _));
        var booked = await owner.PostJsonAsync(
            $"/api/v1/reception-days/{dayId}/appointments",
            new { unitId = unit, topic = "地下车库照明不足" }
        );
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var appointment = (await booked.JsonAsync()).GetProperty("id").GetGuid();
        var twice = await owner.PostJsonAsync($"/api/v1/reception-days/{dayId}/appointments", new { unitId = unit, topic = "再约一次" });
        Assert.True((await twice.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<Wuye.Platform.Notifications.OutboxMessage>()
                    .IgnoreQueryFilters()
                    .AnyAsync(m => m.RecipientUserId == pmUser && m.DedupeKey!.StartsWith($"reception:{appointment:N}"))
            )
        );

        var outcome = await pm.PostJsonAsync(
                $"/api/v1/reception-days/{dayId}/appointments/{appointment}/outcome",
                new { outcome = "已安排工程部本周内更换车库灯具" }
            )
            .OkAsync();
        Assert.Equal("已安排工程部本周内更换车库灯具", outcome.GetProperty("outcome").GetString());
        var again = await pm.PostJsonAsync($"/api/v1/reception-days/{dayId}/appointments/{appointment}/outcome", new { outcome = "再记" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var mine = await owner.GetJsonAsync($"/api/v1/reception-days/{dayId}/appointments");
        Assert.Equal("已安排工程部本周内更换车库灯具", mine.GetProperty("items")[0].GetProperty("outcome").GetString());
    }
}
