using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>
/// The safety log and its indicators on a small fixture (a year with nothing else recorded): the guard records two security incidents,
/// a major and an ordinary criminal case and three fire alarms; the rates equal the counts over the project's households, worked out
/// here by hand, and the targets met or missed follow. Bad records are refused field by field.
/// </summary>
[Collection(nameof(EmergenciesApiCollection))]
public sealed class SafetyTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task The_indicators_of_a_year_are_the_logged_events_over_the_households()
    {
        var project = await DrillJourneyTests.ProjectOfAsync(_app, "guard");
        var households = await _app.DbAsync(db => db.UnitRefs().CountAsync(u => u.ProjectId == project && u.ArchivedAt == null));
        Assert.True(households > 0);
        var guard = await _app.As("guard");
        var at = new DateTimeOffset(2021, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
        async Task RecordAsync(string kind, bool major = false, int day = 0) =>
            await guard
                .PostJsonAsync(
                    "/api/v1/safety-events",
                    new
                    {
                        projectId = project,
                        kind,
                        major,
                        occurredAt = at.AddDays(day),
                        location = "南门",
                        description = "测试记录",
                    }
                )
                .OkAsync();
        await RecordAsync("securityIncident");
        await RecordAsync("securityIncident", day: 40);
        await RecordAsync("criminalCase", major: true);
        await RecordAsync("criminalCase");
        await RecordAsync("fireAlarm");
        await RecordAsync("fireAlarm", day: 10);
        await RecordAsync("fireAlarm", day: 20);
        // The last minute of 2021 in China is 2021; the first of 2022 is not.
        await guard
            .PostJsonAsync(
                "/api/v1/safety-events",
                new
                {
                    projectId = project,
                    kind = "fire",
                    occurredAt = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)),
                    description = "次年",
                }
            )
            .OkAsync();

        var all = await guard.GetJsonAsync($"/api/v1/safety-indicators?year=2021&projectId={project}");
        var mine = all.EnumerateArray().Single();
        Assert.Equal(households, mine.GetProperty("households").GetInt32());
        var by = mine.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!);
        decimal Rate(int n) => Math.Round(n * 100m / households, 4);
        Assert.Equal(2, by["001"].GetProperty("count").GetInt32());
        Assert.Equal(Rate(2), by["001"].GetProperty("ratePercent").GetDecimal());
        Assert.Equal(Rate(2) < 0.5m, by["001"].GetProperty("met").GetBoolean());
        Assert.Equal(1, by["002-13"].GetProperty("count").GetInt32());
        Assert.False(by["002-13"].GetProperty("met").GetBoolean());
        Assert.Equal(2, by["002-14"].GetProperty("count").GetInt32());
        Assert.False(by["002-14"].GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, by["002-14"].GetProperty("ratePercent").ValueKind);
        Assert.Equal(Rate(3), by["002-16"].GetProperty("ratePercent").GetDecimal());
        Assert.Equal(Rate(3) <= 1m, by["002-16"].GetProperty("met").GetBoolean());
        Assert.Equal(0, by["002-17"].GetProperty("count").GetInt32());
        Assert.True(by["002-17"].GetProperty("met").GetBoolean());
        Assert.Equal(2, by["criminal"].GetProperty("count").GetInt32());
        var next = (await guard.GetJsonAsync($"/api/v1/safety-indicators?year=2022&projectId={project}")).EnumerateArray().Single();
        Assert.Equal(
            1,
            next.GetProperty("indicators")
                .EnumerateArray()
                .Single(i => i.GetProperty("code").GetString() == "002-17")
                .GetProperty("count")
                .GetInt32()
        );

        // Refused field by field; nothing written.
        var bad = await guard.PostJsonAsync(
            "/api/v1/safety-events",
            new
            {
                projectId = project,
                kind = "fireAlarm",
                major = true,
                occurredAt = DateTimeOffset.UtcNow.AddDays(2),
                description = "坏记录",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("major", out _));
        Assert.True(errors.TryGetProperty("occurredAt", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await guard.GetAsync("/api/v1/safety-indicators?year=1999")).StatusCode);
        Assert.False(
            await _app.DbAsync(db => db.Set<Wuye.Modules.Emergencies.Domain.SafetyEvent>().AnyAsync(e => e.Description == "坏记录"))
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("tech")).PostJsonAsync("/api/v1/safety-events", new { projectId = project })).StatusCode
        );
    }
}
