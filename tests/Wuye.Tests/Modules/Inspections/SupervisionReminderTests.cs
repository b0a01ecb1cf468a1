using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Inspections.Jobs;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>
/// The tests share one app and each supervises a site of its own: the reminder job looks at every site, so a test looks
/// only at its own site's reminders and messages.
/// </summary>
[Collection(nameof(InspectionsApiCollection))]
public sealed class SupervisionReminderTests
{
    // A test's clock only moves forward: it starts on 12 October 2026 (10:00 China), the earliest moment a test needs (the
    // survey test's site is supervised from then); the others move to Thursday 19 November 2026, 10:00 first.
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.China(2026, 10, 12, 10).ToUniversalTime());
    private readonly WuyeApp _app;

    public SupervisionReminderTests(SharedApp shared) => _app = shared.Use(_clock);

    /// <summary>Moves the clock forward to a China time of 2026; tokens signed before may have expired, so they are dropped.</summary>
    private void At(int month, int day, int hour, int minute = 0)
    {
        _clock.SetUtcNow(Clocks.China(2026, month, day, hour, minute).ToUniversalTime());
        _app.ForgetTokens();
    }

    private Task<int> RunJobAsync() => _app.Services.GetRequiredService<WeeklyReportReminderJob>().RunOnceAsync();

    private Task<Guid> NewSiteAsync(string name) => WorkOrderTestKit.NewProjectAsync(_app, name);

    private Task<List<string>> InAppTitlesAsync(string site) =>
        _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title.StartsWith(site))
                .Select(m => m.Title)
                .ToListAsync()
        );

    [Fact]
    public async Task The_supervisor_is_reminded_once_before_friday_17_00_and_the_missing_report_is_flagged_late_once_after()
    {
        At(11, 19, 10);
        var site = await NewSiteAsync("云栖府（前期驻点）");
        var inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "仪容仪表",
                    observation = "着装规范",
                }
            )
            .OkAsync();

        // Thursday and Friday morning before 09:00: too early to remind.
        await RunJobAsync();
        At(11, 20, 8, 59);
        await RunJobAsync();
        Assert.Empty(await InAppTitlesAsync("云栖府"));

        // Friday 09:30, 7.5 hours before the deadline: reminded, and running again reminds nobody twice.
        At(11, 20, 9, 30);
        inspector = await _app.As("inspector");
        Assert.True(await RunJobAsync() >= 1);
        Assert.Equal(0, await RunJobAsync());
        Assert.Equal(["云栖府（前期驻点） 驻点周报待提交"], await InAppTitlesAsync("云栖府"));
        var reminder = (await inspector.GetJsonAsync("/api/v1/site-supervision/reminders"))
            .EnumerateArray()
            .Single(r => r.GetProperty("projectId").GetGuid() == site);
        Assert.Equal("due", reminder.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, reminder.GetProperty("remindedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, reminder.GetProperty("flaggedLateAt").ValueKind);

        // Friday 17:00 passes with no report: flagged late to the supervisor and the company's manager, once.
        At(11, 20, 17, 1);
        inspector = await _app.As("inspector");
        Assert.True(await RunJobAsync() >= 1);
        Assert.Equal(0, await RunJobAsync());
        var late = (await InAppTitlesAsync("云栖府")).Where(t => t.EndsWith("已逾期")).ToList();
        Assert.Equal(2, late.Count);
        reminder = (await inspector.GetJsonAsync("/api/v1/site-supervision/reminders"))
            .EnumerateArray()
            .Single(r => r.GetProperty("projectId").GetGuid() == site);
        Assert.Equal("overdue", reminder.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, reminder.GetProperty("flaggedLateAt").ValueKind);

        // The next Monday the job still looks at last week, and does nothing more for it.
        At(11, 23, 9);
        await RunJobAsync();
        Assert.Equal(3, (await InAppTitlesAsync("云栖府")).Count);
    }

    [Fact]
    public async Task A_report_that_is_in_before_friday_stops_the_reminder()
    {
        At(11, 19, 10);
        var site = await NewSiteAsync("观澜苑（前期驻点）");
        var inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "清洁卫生",
                    observation = "售楼处地面洁净",
                }
            )
            .OkAsync();
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/weekly-reports",
                new
                {
                    projectId = site,
                    signedHouseholds = 12,
                    unsignedHouseholds = 3,
                    problems = "无",
                }
            )
            .OkAsync();
        At(11, 20, 16);
        await RunJobAsync();
        At(11, 20, 18);
        await RunJobAsync();
        Assert.Empty(await InAppTitlesAsync("观澜苑"));
    }

    [Fact]
    public async Task A_report_missed_on_friday_is_still_listed_the_next_week_and_can_be_handed_in_late_for_its_week()
    {
        At(11, 19, 10);
        var site = await NewSiteAsync("临江府（前期驻点）");
        var inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "劳动纪律",
                    observation = "准时到岗",
                }
            )
            .OkAsync();

        // Monday: last week's report never came in. It stays on the list, overdue, beside this week's.
        At(11, 23, 9);
        inspector = await _app.As("inspector");
        async Task<List<string>> WeeksAsync() =>
            [
                .. (await inspector.GetJsonAsync("/api/v1/site-supervision/reminders"))
                    .EnumerateArray()
                    .Where(r => r.GetProperty("projectId").GetGuid() == site)
                    .Select(r => $"{r.GetProperty("weekStart").GetString()} {r.GetProperty("status").GetString()}"),
            ];
        Assert.Equal(["2026-11-16 overdue", "2026-11-23 due"], await WeeksAsync());

        object Report(string? week) =>
            new
            {
                projectId = site,
                signedHouseholds = 10,
                unsignedHouseholds = 5,
                problems = "无",
                weekStart = week,
            };
        var late = await inspector.PostJsonAsync("/api/v1/site-supervision/weekly-reports", Report("2026-11-18")).OkAsync();
        Assert.Equal("2026-11-16", late.GetProperty("weekStart").GetString());
        Assert.True(late.GetProperty("late").GetBoolean());
        Assert.Equal(["2026-11-23 due"], await WeeksAsync());

        var again = await inspector.PostJsonAsync("/api/v1/site-supervision/weekly-reports", Report("2026-11-16"));
        Assert.Equal("site_supervision.report_exists", (await again.JsonAsync()).GetProperty("code").GetString());
        var future = await inspector.PostJsonAsync("/api/v1/site-supervision/weekly-reports", Report("2026-11-30"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.JsonAsync()).GetProperty("errors").TryGetProperty("weekStart", out _));
        var tooOld = await inspector.PostJsonAsync("/api/v1/site-supervision/weekly-reports", Report("2026-10-12"));
        Assert.True((await tooOld.JsonAsync()).GetProperty("errors").TryGetProperty("weekStart", out _));
        var thisWeek = await inspector.PostJsonAsync("/api/v1/site-supervision/weekly-reports", Report(null)).OkAsync();
        Assert.Equal("2026-11-23", thisWeek.GetProperty("weekStart").GetString());
        Assert.False(thisWeek.GetProperty("late").GetBoolean());
        Assert.Empty(await WeeksAsync());
    }

    [Fact]
    public async Task Monthly_and_quarterly_surveys_are_due_per_supervised_site_with_their_trend_and_overdue_ones_flagged()
    {
        var site = await NewSiteAsync("翠湖湾（前期驻点）");
        // Supervised since October.
        At(10, 12, 10);
        var inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "劳动纪律",
                    observation = "准时到岗",
                }
            )
            .OkAsync();
        At(11, 19, 10);
        inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "礼仪规范",
                    observation = "问候规范",
                }
            )
            .OkAsync();

        async Task<List<JsonElement>> ScheduleAsync() =>
            [.. (await inspector.GetJsonAsync($"/api/v1/site-surveys/schedule?projectId={site}")).EnumerateArray()];
        var schedule = await ScheduleAsync();
        string Status(string respondent, string period) =>
            schedule
                .Single(r => r.GetProperty("respondent").GetString() == respondent && r.GetProperty("period").GetString() == period)
                .GetProperty("status")
                .GetString()!;
        Assert.Equal("overdue", Status("sales_office", "2026-10"));
        Assert.Equal("due", Status("sales_office", "2026-11"));
        Assert.Equal("due", Status("developer", "2026-Q4"));
        Assert.Equal(3, schedule.Count);

        object Survey(string respondent, string period, int score, int topics = 7) =>
            new
            {
                projectId = site,
                respondent,
                period,
                respondentName = respondent == "developer" ? "开发商项目总 王总" : "销售部现场主管 李经理",
                answers = Enumerable
                    .Range(1, topics)
                    .Select(p => new
                    {
                        position = p,
                        score,
                        comment = p == 1 ? "接待热情" : null,
                    })
                    .ToArray(),
            };
        var missing = await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-10", 4, topics: 6));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("answers", out _));
        var tooHigh = await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-10", 6));
        Assert.True((await tooHigh.JsonAsync()).GetProperty("errors").TryGetProperty("answers[0].score", out _));
        var future = await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-12", 4));
        Assert.True((await future.JsonAsync()).GetProperty("errors").TryGetProperty("period", out _));

        var october = await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-10", 3)).OkAsync();
        Assert.True(october.GetProperty("late").GetBoolean());
        await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-11", 4)).OkAsync();
        var again = await inspector.PostJsonAsync("/api/v1/site-surveys", Survey("sales_office", "2026-11", 5));
        Assert.Equal("site_survey.exists", (await again.JsonAsync()).GetProperty("code").GetString());

        schedule = await ScheduleAsync();
        Assert.Equal("late", Status("sales_office", "2026-10"));
        Assert.Equal("submitted", Status("sales_office", "2026-11"));
        var november = schedule.Single(r => r.GetProperty("period").GetString() == "2026-11");
        Assert.Equal(4m, november.GetProperty("averageScore").GetDecimal());
        Assert.Equal(1m, november.GetProperty("change").GetDecimal());

        // The developer's quarter becomes overdue when the quarter ends without a survey.
        At(12, 31, 23, 59);
        inspector = await _app.As("inspector");
        schedule = await ScheduleAsync();
        Assert.Equal("due", Status("developer", "2026-Q4"));
        At(12, 31, 23, 59);
        inspector = await _app.As("inspector");
        _clock.Advance(TimeSpan.FromMinutes(2));
        schedule = await ScheduleAsync();
        Assert.Equal("overdue", Status("developer", "2026-Q4"));
    }
}
