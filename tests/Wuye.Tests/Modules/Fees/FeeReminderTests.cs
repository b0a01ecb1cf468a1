using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Jobs;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// 催缴 with a moved clock on real PostgreSQL: December's bills (due 15 December) chased on the default days past due — a
/// notice in the app and by e-mail at 15, an SMS at 30, the zone steward's visit at 60 — each once, a paid bill no further;
/// the steward's to-do, the visit's outcome recorded field by field. The units of <see cref="FeeTestKit"/> are put in a zone
/// of the demo steward (孙丽) and unit 1 is the demo owner's (钱先生).
/// </summary>
public sealed class FeeReminderTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 12, 20, 9).ToUniversalTime());
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartWithClockAsync(cluster, _clock);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> MoveAndRunAsync(DateTimeOffset to)
    {
        _clock.SetUtcNow(to.ToUniversalTime());
        _app.ForgetTokens();
        return await _app.Services.GetRequiredService<ArrearsReminderJob>().RunOnceAsync();
    }

    private Task<List<(Guid Unit, ReminderStep Step)>> StepsAsync(Guid project) =>
        _app.DbAsync(async db =>
            (
                await db.Set<ArrearsReminder>()
                    .Where(r => r.ProjectId == project)
                    .OrderBy(r => r.Step)
                    .ThenBy(r => r.UnitId)
                    .Select(r => new { r.UnitId, r.Step })
                    .ToListAsync()
            )
                .Select(r => (r.UnitId, r.Step))
                .ToList()
        );

    [Fact]
    public async Task Overdue_bills_get_a_notice_then_an_SMS_then_the_stewards_visit_once_each_and_the_visit_is_recorded()
    {
        var site = await FeeTestKit.SiteAsync(_app, "催缴测试苑");
        var (steward, owner) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).SingleAsync();
            var ownerUser = await db.Users.SingleAsync(u => u.UserName == "owner");
            // A mobile number on the owner's account, so the SMS step has somewhere to go.
            ownerUser.PhoneNumber = "13800138000";
            var owner = ownerUser.Id;
            var zone = new Zone
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                Name = "催缴片区",
                StewardUserId = steward,
            };
            db.Add(zone);
            db.RoleAssignments.Add(
                new RoleAssignment
                {
                    UserId = steward,
                    Role = Roles.Steward,
                    CompanyId = site.Company,
                    ProjectId = site.Project,
                    ZoneId = zone.Id,
                }
            );
            var person = new Person
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                Name = "钱先生",
                UserId = owner,
            };
            db.Add(person);
            db.Add(
                new UnitOccupant
                {
                    CompanyId = site.Company,
                    ProjectId = site.Project,
                    ZoneId = zone.Id,
                    UnitId = site.Units[0],
                    PersonId = person.Id,
                    Relation = Wuye.Modules.MasterData.Contracts.OccupantRelation.Owner,
                }
            );
            await db.SaveChangesAsync();
            await db.Set<Building>().Where(b => b.ProjectId == site.Project).ExecuteUpdateAsync(s => s.SetProperty(b => b.ZoneId, zone.Id));
            await db.Set<Unit>().Where(u => u.ProjectId == site.Project).ExecuteUpdateAsync(s => s.SetProperty(u => u.ZoneId, zone.Id));
            return (steward, owner);
        });
        var pm = await _app.As("manager");
        await FeeTestKit.FeeItemsAsync(pm, site.Project);
        await pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2026-12" }).OkAsync();
        var job = _app.Services.GetRequiredService<ArrearsReminderJob>();

        // 20 December: 5 days past due, nothing yet.
        await job.RunOnceAsync();
        Assert.Empty(await StepsAsync(site.Project));

        // 30 December, 15 days past due: the notice for all three, once; the owner's in the app and by e-mail, not by SMS.
        Assert.True(await MoveAndRunAsync(China(2026, 12, 30, 10)) >= 3);
        await job.RunOnceAsync();
        var notices = await StepsAsync(site.Project);
        Assert.All(notices, s => Assert.Equal(ReminderStep.Notice, s.Step));
        Assert.Equal(site.Units.Order(), notices.Select(s => s.Unit).Order());
        async Task<List<NotificationChannel>> OwnerChannelsAsync() =>
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .Where(m => m.RecipientUserId == owner && m.Kind == "arrears")
                    .OrderBy(m => m.CreatedAt)
                    .ThenBy(m => m.Channel)
                    .Select(m => m.Channel)
                    .ToListAsync()
            );
        var channels = await OwnerChannelsAsync();
        Assert.Contains(NotificationChannel.InApp, channels);
        Assert.DoesNotContain(NotificationChannel.Sms, channels);
        // (The demo owner's own home of the demo project is overdue too by then: its notice is another message.)
        var bodies = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.RecipientUserId == owner && m.Kind == "arrears")
                .OrderBy(m => m.Id)
                .Select(m => m.Body)
                .ToListAsync()
        );
        Assert.Contains(bodies, b => b.Contains("220.02") && b.Contains("已逾期 15 天"));

        // Unit 2 pays in full: it is chased no further.
        await (await _app.As("manager"))
            .PostJsonAsync(
                "/api/v1/payments",
                new
                {
                    unitId = site.Units[1],
                    amount = 893.18m,
                    method = "transfer",
                }
            )
            .OkAsync();

        // 14 January, 30 days: the SMS for units 1 and 3 only.
        await MoveAndRunAsync(China(2027, 1, 14, 10));
        var steps = await StepsAsync(site.Project);
        Assert.Equal(
            new[] { site.Units[0], site.Units[2] }.Order(),
            steps.Where(s => s.Step == ReminderStep.Sms).Select(s => s.Unit).Order()
        );
        Assert.Contains(NotificationChannel.Sms, await OwnerChannelsAsync());

        // 13 February, 60 days: the visit, on the steward's to-do and in their messages.
        await MoveAndRunAsync(China(2027, 2, 13, 10));
        steps = await StepsAsync(site.Project);
        Assert.Equal(2, steps.Count(s => s.Step == ReminderStep.Visit));
        Assert.Equal(0, await MoveAndRunAsync(China(2027, 2, 13, 11)));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m => m.RecipientUserId == steward && m.Link == "/fees/visits" && m.Channel == NotificationChannel.InApp)
            )
        );
        var sw = await _app.As("steward");
        var open = await sw.GetJsonAsync($"/api/v1/arrears/reminders?projectId={site.Project}&open=true");
        Assert.Equal(2, open.GetProperty("total").GetInt32());
        var visit = open.GetProperty("items").EnumerateArray().First(r => r.GetProperty("unitId").GetGuid() == site.Units[0]);
        var id = visit.GetProperty("id").GetGuid();

        // Bad input field by field: no outcome; refused without a reason; promised without a date.
        var bad = await sw.PostJsonAsync($"/api/v1/arrears/reminders/{id}/visit", new { note = new string('x', 501) });
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(errors.TryGetProperty("outcome", out _) && errors.TryGetProperty("note", out _));
        Assert.True(
            (await (await sw.PostJsonAsync($"/api/v1/arrears/reminders/{id}/visit", new { outcome = "refused" })).JsonAsync())
                .GetProperty("errors")
                .TryGetProperty("note", out _)
        );
        Assert.True(
            (await (await sw.PostJsonAsync($"/api/v1/arrears/reminders/{id}/visit", new { outcome = "promised" })).JsonAsync())
                .GetProperty("errors")
                .TryGetProperty("promisedDate", out _)
        );

        var done = await sw.PostJsonAsync($"/api/v1/arrears/reminders/{id}/visit", new { outcome = "refused", note = "电梯报修三次未修好" })
            .OkAsync();
        Assert.Equal(("refused", "孙丽"), (done.GetProperty("outcome").GetString(), done.GetProperty("visitedByName").GetString()![^2..]));
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await sw.PostJsonAsync($"/api/v1/arrears/reminders/{id}/visit", new { outcome = "notHome" })).StatusCode
        );
        Assert.Equal(
            1,
            (await sw.GetJsonAsync($"/api/v1/arrears/reminders?projectId={site.Project}&open=true")).GetProperty("total").GetInt32()
        );
        // Audited: the outcome is in the record's change history.
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<Wuye.Platform.Audit.ChangeLog>()
                    .AnyAsync(a => a.EntityId == id && a.Action == Wuye.Platform.Audit.ChangeAction.Updated)
            )
        );

        // The same step twice on one China day (review 10, 1.1): January's bills get their notice at noon, then November is
        // billed late and is overdue at once, so the next run gives the same units a notice again. The household is told
        // once that day (the outbox key is taken); the run does not fail on it, and November's bills get their rows.
        _clock.SetUtcNow(China(2027, 2, 13, 12).ToUniversalTime());
        _app.ForgetTokens();
        await (await _app.As("manager"))
            .PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" })
            .OkAsync();
        Assert.True(await job.RunOnceAsync() >= 3);
        await (await _app.As("manager"))
            .PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2026-11" })
            .OkAsync();
        Assert.True(await MoveAndRunAsync(China(2027, 2, 13, 13)) >= 3);
        var midnight = China(2027, 2, 13, 0).ToUniversalTime();
        Assert.Equal(
            6,
            await _app.DbAsync(db =>
                db.Set<ArrearsReminder>()
                    .CountAsync(r => r.ProjectId == site.Project && r.Step == ReminderStep.Notice && r.SentAt > midnight)
            )
        );
        Assert.Equal(
            1,
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .CountAsync(m => m.DedupeKey == $"arrears-Notice:{site.Units[0]:N}:20270213:{owner:N}:{NotificationChannel.InApp}")
            )
        );

        // A household with a backlog (review 10, 1.6): ten more months billed, each with a notice, an SMS and a visit recorded since,
        // so unit 3's open visit of December is not among its 30 newest reminders. The visits page still lists it.
        var pmAgain = await _app.As("manager");
        for (var month = 1; month <= 10; month++)
            await pmAgain.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = $"2026-{month:00}" }).OkAsync();
        await _app.DbAsync(async db =>
        {
            var at = China(2027, 2, 13, 14).ToUniversalTime();
            var old = await db.Set<Bill>().Where(b => b.UnitId == site.Units[2] && b.Period < 202611).OrderBy(b => b.Period).ToListAsync();
            Assert.Equal(10, old.Count);
            foreach (var b in old)
            foreach (var step in new[] { ReminderStep.Notice, ReminderStep.Sms, ReminderStep.Visit })
            {
                var r = new ArrearsReminder
                {
                    CompanyId = b.CompanyId,
                    ProjectId = b.ProjectId,
                    ZoneId = b.ZoneId,
                    UnitId = b.UnitId,
                    BillId = b.Id,
                    Step = step,
                    SentAt = at,
                    DaysPastDue = 100,
                    Owed = b.Amount,
                };
                if (step == ReminderStep.Visit)
                    r.RecordVisit(VisitOutcome.NotHome, null, null, steward, "孙丽", at);
                db.Add(r);
            }
            // Its open visit of December found long ago, so the household is among the first the page lists.
            var open = await db.Set<ArrearsReminder>()
                .Where(r => r.UnitId == site.Units[2] && r.Step == ReminderStep.Visit && r.Outcome == null)
                .ToListAsync();
            Assert.Single(open).SentAt = China(2020, 1, 6, 10).ToUniversalTime();
            return await db.SaveChangesAsync();
        });
        var visitsPage = await (await _app.As("manager")).GetAsync("/fees/visits");
        Assert.Equal(HttpStatusCode.OK, visitsPage.StatusCode);
        Assert.Contains($"data-unit=\"{site.Units[2]}\"", await visitsPage.Content.ReadAsStringAsync());
    }
}

/// <summary>The reminder schedule and its settings on their own, without an app.</summary>
public sealed class ReminderScheduleTests
{
    [Fact]
    public void The_schedule_takes_one_step_at_a_time_in_order_and_the_settings_must_be_in_order()
    {
        var o = new ReminderOptions();
        var day = new DateOnly(2027, 3, 1);
        Assert.Null(ReminderSchedule.Next(14, day, [], o));
        Assert.Equal(ReminderStep.Notice, ReminderSchedule.Next(200, day, [], o));
        // The SMS 30 days past due, and 15 days after the notice; a bill found 200 days overdue waits for those 15 days.
        Assert.Equal(ReminderStep.Sms, ReminderSchedule.Next(30, day, [(ReminderStep.Notice, day.AddDays(-15))], o));
        Assert.Null(ReminderSchedule.Next(29, day, [(ReminderStep.Notice, day.AddDays(-15))], o));
        Assert.Null(ReminderSchedule.Next(200, day, [(ReminderStep.Notice, day.AddDays(-1))], o));
        Assert.Equal(
            ReminderStep.Visit,
            ReminderSchedule.Next(60, day, [(ReminderStep.Notice, day.AddDays(-45)), (ReminderStep.Sms, day.AddDays(-30))], o)
        );
        Assert.Null(ReminderSchedule.Next(200, day, [(ReminderStep.Notice, day.AddDays(-45)), (ReminderStep.Sms, day.AddDays(-29))], o));
        Assert.Null(
            ReminderSchedule.Next(
                400,
                day,
                [(ReminderStep.Notice, day.AddDays(-90)), (ReminderStep.Sms, day.AddDays(-60)), (ReminderStep.Visit, day.AddDays(-1))],
                o
            )
        );
        var bad = new FeesOptions
        {
            Reminders = new ReminderOptions { NoticeDays = 30, SmsDays = 20 },
        };
        Assert.NotEmpty(bad.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(bad)));
        Assert.Empty(new FeesOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new FeesOptions())));
    }
}
