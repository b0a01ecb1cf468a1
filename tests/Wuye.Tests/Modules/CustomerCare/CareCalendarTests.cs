using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// The care calendar on one app with a real SMTP server and a moved clock: the daily job sends the demo owner's birthday greeting,
/// held through the quiet hours and mailed at 08:00, never twice; the steward (375 px, zh-CN then en) sees it, notes a wedding and
/// records the visit that closes it. A person who opted out gets nothing and the task says why; a wrong life event is refused
/// field by field.
/// </summary>
public sealed class CareCalendarTests : IAsyncLifetime
{
    // Two days ahead in China (and the two days after): always in the future, so the browser keeps the sign-in cookie the app
    // sets on this clock (a fixed date once passed would expire it the moment it is set).
    private static readonly DateOnly D = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(2);

    private static DateTimeOffset On(DateOnly d, int hour) => China(d.Year, d.Month, d.Day, hour);

    private readonly SwitchableClock _clock = new();
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(ChannelTests.FreePort());
    private readonly BrowserApp _b;

    public CareCalendarTests(TestCluster cluster) =>
        _b = new BrowserApp(
            cluster,
            _clock,
            new()
            {
                ["Wuye:Notifications:Smtp:Host"] = "127.0.0.1",
                ["Wuye:Notifications:Smtp:Port"] = _smtp.Configuration.Port.ToString(),
                ["Wuye:Notifications:Smtp:Security"] = "None",
            }
        );

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        _smtp.Dispose();
    }

    private WuyeApp App => _b.App;

    private FakeTimeProvider Use(DateTimeOffset at)
    {
        var fake = At(at);
        _clock.Target = fake;
        App.ForgetTokens();
        return fake;
    }

    /// <summary>Gives the demo account's person a birthday and an e-mail address; returns (person, unit, user).</summary>
    private Task<(Guid Person, Guid Unit, Guid User)> BirthdayAsync(string userName, DateOnly birthday, string email) =>
        App.DbAsync(async db =>
        {
            var user = await db.Users.FirstAsync(u => u.UserName == userName);
            user.Email = email;
            var person = await db.Set<Person>().FirstAsync(p => p.UserId == user.Id);
            person.Birthday = birthday;
            await db.SaveChangesAsync();
            var unit = await db.OccupantRefs().Where(o => o.PersonId == person.Id).Select(o => o.UnitId).FirstAsync();
            return (person.Id, unit, user.Id);
        });

    private async Task DispatchAllAsync()
    {
        var job = App.Services.GetRequiredService<OutboxDispatchJob>();
        for (var i = 0; i < 30 && await job.RunOnceAsync() > 0; i++) { }
    }

    private Task<CareTask> TaskAsync(string key) => App.DbAsync(db => db.Set<CareTask>().AsNoTracking().SingleAsync(t => t.Key == key));

    [Fact]
    public async Task A_birthday_greeting_waits_out_the_quiet_hours_is_mailed_once_and_the_steward_records_a_visit()
    {
        var clock = Use(On(D, 6));
        var (person, unit, _) = await BirthdayAsync("owner", new DateOnly(1980, D.Month, D.Day), "owner.care@wuye.test");
        var job = App.Services.GetRequiredService<CareCalendarJob>();
        Assert.True(await job.RunOnceAsync() >= 1);
        var key = $"birthday:{person:N}:{D.Year}";
        Assert.Equal(CareTaskStatus.Sent, (await TaskAsync(key)).Status);
        await DispatchAllAsync();
        Assert.DoesNotContain(_smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == "owner.care@wuye.test"));
        var held = await App.DbAsync(db =>
            db.Set<OutboxMessage>()
                .AsNoTracking()
                .SingleAsync(m => m.DedupeKey!.StartsWith($"care:{key}") && m.Channel == NotificationChannel.Email)
        );
        Assert.Equal(On(D, 8), held.HeldUntil!.Value);
        Assert.Equal(0, await job.RunOnceAsync());

        clock.SetUtcNow(On(D, 8).ToUniversalTime());
        Assert.Equal(0, await job.RunOnceAsync());
        await DispatchAllAsync();
        var mail = Assert.Single(_smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == "owner.care@wuye.test"));
        Assert.Equal("【问候】祝您生日快乐", mail.Subject);

        clock.SetUtcNow(On(D, 9).ToUniversalTime());
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "steward");
        await page.GotoAsync("/home/steward");
        await page.ClickAsync("[data-testid=task]:has-text('客户关怀任务')");
        await page.WaitForURLAsync("**/care/tasks");
        await page.AssertFitsPhoneAsync();
        Assert.Contains(
            "祝福",
            await page.Locator("[data-testid=recent-task][data-kind=Birthday][data-status=Sent]").First.InnerTextAsync()
        );

        await page.GotoAsync($"/care/households/{unit}");
        await page.AssertFitsPhoneAsync();
        var form = page.Locator("[data-testid=event-form]");
        await form.Locator("select[name=EventKind]").SelectOptionAsync("Wedding");
        await form.Locator("input[name=EventDate]").FillAsync($"{D.AddDays(-1):yyyy-MM-dd}");
        await form.Locator("input[name=EventNote]").FillAsync("儿子昨日完婚");
        await form.Locator("[data-testid=note-event]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        var task = page.Locator("[data-testid=household-task][data-kind=Wedding][data-status=Open]");
        Assert.Contains("儿子昨日完婚", await task.InnerTextAsync());
        await task.Locator("summary").ClickAsync();
        await task.Locator("textarea[name=Asked]").FillAsync("送上鲜花贺卡，询问婚宴期间停车需求");
        await task.Locator("input[name=FollowUp]").FillAsync("婚宴当天预留访客车位 3 个");
        await task.Locator("[data-testid=record-visit]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=household-task][data-kind=Wedding][data-status=Open]").CountAsync());
        var visit = page.Locator("[data-testid=visit]").First;
        Assert.Contains("预留访客车位", await visit.InnerTextAsync());
        Assert.Contains("孙丽", await visit.InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        await page.ClickAsync("[data-testid=culture-switch]");
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.GotoAsync($"/care/households/{unit}");
        Assert.Contains("Segments", await page.Locator("body").InnerTextAsync());
        await page.AssertFitsPhoneAsync();
        await _b.CloseContextsAsync();
    }

    [Fact]
    public async Task A_person_who_opted_out_gets_no_greeting_the_task_says_why_and_a_wrong_event_is_refused()
    {
        var clock = Use(On(D.AddDays(1), 9));
        var (person, unit, user) = await BirthdayAsync(
            "committee",
            new DateOnly(1976, D.AddDays(1).Month, D.AddDays(1).Day),
            "committee.care@wuye.test"
        );
        await App.DbAsync(async db =>
        {
            db.Set<MessagePreference>()
                .Add(
                    new MessagePreference
                    {
                        UserId = user,
                        OptedOut = true,
                        UpdatedAt = DateTimeOffset.UtcNow,
                    }
                );
            return await db.SaveChangesAsync();
        });
        var job = App.Services.GetRequiredService<CareCalendarJob>();
        await job.RunOnceAsync();
        var key = $"birthday:{person:N}:{D.AddDays(1).Year}";
        var skipped = await TaskAsync(key);
        Assert.Equal(CareTaskStatus.Skipped, skipped.Status);
        Assert.StartsWith("opted-out", skipped.Outcome);
        Assert.False(await App.DbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.DedupeKey!.StartsWith($"care:{key}"))));
        clock.SetUtcNow(On(D.AddDays(2), 9).ToUniversalTime());
        await job.RunOnceAsync();
        Assert.Equal(1, await App.DbAsync(db => db.Set<CareTask>().CountAsync(t => t.PersonId == person && t.Kind == CareKind.Birthday)));

        var steward = await App.As("steward");
        var bad = await steward.PostJsonAsync("/api/v1/care-tasks", new { unitId = unit, kind = "Birthday" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("eventDate", out _));
        var ev = new
        {
            unitId = unit,
            kind = "Birth",
            eventDate = $"{D.AddDays(1):yyyy-MM-dd}",
            note = "喜得千金",
        };
        var created = await steward.PostJsonAsync("/api/v1/care-tasks", ev).OkAsync();
        Assert.Equal("open", created.GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(HttpStatusCode.Conflict, (await steward.PostJsonAsync("/api/v1/care-tasks", ev)).StatusCode);
        var noAsk = await steward.PostJsonAsync(
            "/api/v1/care-visits",
            new { unitId = unit, careTaskId = created.GetProperty("id").GetGuid() }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noAsk.StatusCode);
        Assert.Equal(
            "open",
            (await steward.GetJsonAsync($"/api/v1/care-tasks/{created.GetProperty("id").GetGuid()}")).GetProperty("status").GetString(),
            ignoreCase: true
        );

        await App.DbAsync(async db =>
        {
            await db.Set<MessagePreference>().Where(p => p.UserId == user).ExecuteDeleteAsync();
            return 0;
        });
    }
}
