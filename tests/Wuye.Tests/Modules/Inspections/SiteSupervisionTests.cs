using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsApiCollection))]
public sealed class SiteSupervisionTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Thursday 19 November 2026, 10:00 in China.
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.China(2026, 11, 19, 10).ToUniversalTime());
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Moves the clock forward to a day of November 2026 (China time); tokens signed before may have expired, so they are
    /// dropped.</summary>
    private void At(int day, int hour)
    {
        _clock.SetUtcNow(Clocks.China(2026, 11, day, hour).ToUniversalTime());
        _app.ForgetTokens();
    }

    [Fact]
    public async Task A_site_is_checked_twice_a_day_and_its_weekly_report_is_reminded_until_friday_17_00_and_late_after()
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var site = (
            await manager
                .PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name = "江南府（前期驻点）",
                        kind = "residential",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

        var inspector = await _app.As("inspector");
        object Check(string topics) =>
            new
            {
                projectId = site,
                topics,
                observation = "售楼处客服着装规范",
                correctedOnSite = false,
            };
        await inspector.PostJsonAsync("/api/v1/site-supervision/checks", Check("仪容仪表")).OkAsync();
        At(19, 15);
        inspector = await _app.As("inspector");
        await inspector.PostJsonAsync("/api/v1/site-supervision/checks", Check("劳动纪律")).OkAsync();
        At(20, 9);
        inspector = await _app.As("inspector");
        await inspector.PostJsonAsync("/api/v1/site-supervision/checks", Check("清洁卫生")).OkAsync();

        var days = (await inspector.GetJsonAsync($"/api/v1/site-supervision/daily?projectId={site}&from=2026-11-19&to=2026-11-20"))
            .EnumerateArray()
            .ToList();
        Assert.Equal([2, 1], days.Select(d => d.GetProperty("checks").GetInt32()));
        Assert.Equal([true, false], days.Select(d => d.GetProperty("meetsTwiceDaily").GetBoolean()));

        // Friday 09:00: the report is due in 8 hours.
        var reminder = (await inspector.GetJsonAsync("/api/v1/site-supervision/reminders"))
            .EnumerateArray()
            .Single(r => r.GetProperty("projectId").GetGuid() == site);
        Assert.Equal("due", reminder.GetProperty("status").GetString());
        Assert.Equal(8.0, reminder.GetProperty("hoursLeft").GetDouble());

        // Friday 18:00: overdue; submitted now it is marked late, and the reminder stops.
        At(20, 18);
        inspector = await _app.As("inspector");
        reminder = (await inspector.GetJsonAsync("/api/v1/site-supervision/reminders"))
            .EnumerateArray()
            .Single(r => r.GetProperty("projectId").GetGuid() == site);
        Assert.Equal("overdue", reminder.GetProperty("status").GetString());
        var report = await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/weekly-reports",
                new
                {
                    projectId = site,
                    signedHouseholds = 120,
                    unsignedHouseholds = 30,
                    problems = "部分业主对车位配比有疑问",
                    developerNews = "样板区开放",
                }
            )
            .OkAsync();
        Assert.True(report.GetProperty("late").GetBoolean());
        Assert.DoesNotContain((await inspector.GetJsonAsync("/api/v1/site-supervision/reminders")).EnumerateArray(), r =>
            r.GetProperty("projectId").GetGuid() == site
        );
        var twice = await inspector.PostJsonAsync(
            "/api/v1/site-supervision/weekly-reports",
            new
            {
                projectId = site,
                signedHouseholds = 1,
                unsignedHouseholds = 1,
                problems = "x",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}
