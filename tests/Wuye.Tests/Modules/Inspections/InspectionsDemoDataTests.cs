using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>
/// What a new user of the demo company sees after ./wuye run: every inspection page has a history, and
/// its figures are the ones the app computes from those records.
/// </summary>
public sealed class InspectionsDemoDataTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);
    private HttpClient _inspector = null!;

    public async ValueTask InitializeAsync() => _inspector = await _app.As("inspector");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime);

    private Task<Guid> ProjectAsync(string name) =>
        _app.DbAsync(db => db.Projects().Where(p => p.Name == name).Select(p => p.Id).FirstAsync());

    private async Task<string> PageAsync(string url)
    {
        var res = await _inspector.GetAsync(url);
        var html = await res.Content.ReadAsStringAsync();
        Assert.True(res.IsSuccessStatusCode, $"{url}: {(int)res.StatusCode}");
        Assert.DoesNotContain("/account/sign-in", res.RequestMessage!.RequestUri!.AbsolutePath);
        return System.Net.WebUtility.HtmlDecode(html);
    }

    [Fact]
    public async Task The_demo_teams_have_three_months_of_weekly_checks_and_the_red_flag_follows_from_the_points_deducted()
    {
        var project = await ProjectAsync("阳光水岸");
        var checks = (await _inspector.GetJsonAsync($"/api/v1/team-mutual-checks?projectId={project}&pageSize=200"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        Assert.True(checks.Count >= 36, $"only {checks.Count} checks");
        Assert.Contains(checks, c => c.GetProperty("problems").ValueKind == JsonValueKind.String && c.GetProperty("verified").GetBoolean());
        Assert.Contains(checks, c => c.GetProperty("deductedPoints").GetDecimal() == 0);
        Assert.All(checks, c => Assert.NotEqual(c.GetProperty("checkingTeamId").GetGuid(), c.GetProperty("checkedTeamId").GetGuid()));

        var last = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        var ranking = (await _inspector.GetJsonAsync($"/api/v1/team-mutual-checks/ranking?projectId={project}&month={last:yyyy-MM}"))
            .EnumerateArray()
            .ToList();
        Assert.Equal(4, ranking.Count);
        foreach (var row in ranking)
        {
            // Each team's score is 100 less what the checks it received that month deducted.
            var team = row.GetProperty("teamId").GetGuid();
            var deducted = checks
                .Where(c =>
                    c.GetProperty("checkedTeamId").GetGuid() == team
                    && DateOnly.Parse(c.GetProperty("checkedOn").GetString()!) is var on
                    && on >= last
                    && on < last.AddMonths(1)
                )
                .Sum(c => c.GetProperty("deductedPoints").GetDecimal());
            Assert.Equal(100 - deducted, row.GetProperty("score").GetDecimal());
        }
        var flag = Assert.Single(ranking, r => r.GetProperty("redFlag").GetBoolean());
        Assert.Equal(ranking.Max(r => r.GetProperty("score").GetDecimal()), flag.GetProperty("score").GetDecimal());

        var quarter = (last.Month - 1) / 3 + 1;
        var points = (
            await _inspector.GetJsonAsync(
                $"/api/v1/team-mutual-checks/leader-points?projectId={project}&year={last.Year}&quarter={quarter}"
            )
        )
            .GetProperty("leaderPoints")
            .EnumerateArray()
            .ToList();
        Assert.Contains(points, p => p.GetProperty("points").GetDecimal() > 0 && p.GetProperty("leader").GetString() is { Length: > 0 });
        Assert.Contains(points, p => p.GetProperty("points").GetDecimal() < 0);

        var html = await PageAsync($"/inspections/teams?projectId={project}&month={last:yyyy-MM}");
        Assert.Contains("data-testid=\"red-flag\"", html);
        Assert.Contains(flag.GetProperty("team").GetString()!, html);
    }

    [Fact]
    public async Task The_demo_pre_handover_site_is_checked_twice_a_day_reports_weekly_with_one_late_and_is_surveyed_monthly_and_quarterly()
    {
        var site = await ProjectAsync("九溪府（前期驻点）");
        var days = (
            await _inspector.GetJsonAsync(
                $"/api/v1/site-supervision/daily?projectId={site}&from={Today.AddDays(-28):yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"
            )
        )
            .EnumerateArray()
            .ToList();
        Assert.Equal(28, days.Count);
        Assert.All(days, d => Assert.True(d.GetProperty("checks").GetInt32() >= 1));
        Assert.True(days.Count(d => d.GetProperty("meetsTwiceDaily").GetBoolean()) >= 20);

        var reports = (await _inspector.GetJsonAsync($"/api/v1/site-supervision/weekly-reports?projectId={site}&pageSize=50"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        Assert.True(reports.Count >= 12, $"only {reports.Count} weekly reports");
        var late = Assert.Single(reports, r => r.GetProperty("late").GetBoolean());
        Assert.True(late.GetProperty("submittedAt").GetDateTimeOffset() > late.GetProperty("dueAt").GetDateTimeOffset());
        Assert.All(reports.Where(r => !r.GetProperty("late").GetBoolean()), r =>
            Assert.True(r.GetProperty("submittedAt").GetDateTimeOffset() <= r.GetProperty("dueAt").GetDateTimeOffset())
        );

        var schedule = (await _inspector.GetJsonAsync($"/api/v1/site-surveys/schedule?projectId={site}")).EnumerateArray().ToList();
        string Status(string respondent, string period) =>
            schedule
                .Single(r => r.GetProperty("respondent").GetString() == respondent && r.GetProperty("period").GetString() == period)
                .GetProperty("status")
                .GetString()!;
        var month = new DateOnly(Today.Year, Today.Month, 1);
        Assert.Equal("due", Status("sales_office", $"{month:yyyy-MM}"));
        foreach (var back in new[] { 1, 2, 3 })
            Assert.Equal("submitted", Status("sales_office", $"{month.AddMonths(-back):yyyy-MM}"));
        Assert.Equal("due", Status("developer", $"{Today.Year}-Q{(Today.Month - 1) / 3 + 1}"));
        Assert.Contains(schedule, r =>
            r.GetProperty("respondent").GetString() == "developer" && r.GetProperty("status").GetString() == "submitted"
        );
        Assert.DoesNotContain(schedule, r => r.GetProperty("status").GetString() == "overdue");
        // The trend is the difference of two stored averages, each the mean of its answers.
        var surveys = (await _inspector.GetJsonAsync($"/api/v1/site-surveys?projectId={site}")).EnumerateArray().ToList();
        Assert.All(surveys, s =>
            Assert.Equal(
                Math.Round(s.GetProperty("answers").EnumerateArray().Average(a => (decimal)a.GetProperty("score").GetInt32()), 2),
                s.GetProperty("averageScore").GetDecimal()
            )
        );

        Assert.Contains("九溪府", await PageAsync("/inspections/supervision"));
    }

    [Fact]
    public async Task The_demo_mystery_audit_is_compared_with_the_sites_own_records_and_the_wave_campaign_ran_round_the_clock()
    {
        var audits = (await _inspector.GetJsonAsync("/api/v1/mystery-audits")).GetProperty("items").EnumerateArray().ToList();
        var audit = Assert.Single(audits);
        Assert.True(audit.GetProperty("reported").GetBoolean());
        var comparison = await _inspector.GetJsonAsync($"/api/v1/mystery-audits/{audit.GetProperty("id").GetGuid()}/comparison");
        Assert.True(comparison.GetProperty("discrepancies").GetInt32() >= 1);
        Assert.True(comparison.GetProperty("failed").GetInt32() >= 2);
        Assert.Contains(comparison.GetProperty("rows").EnumerateArray(), r => r.GetProperty("auditPassed").GetBoolean());
        Assert.Contains("客服前台与门岗暗访", await PageAsync("/inspections/mystery-audits"));
        var pm = await _app.As("pm");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await pm.GetAsync("/api/v1/mystery-audits")).StatusCode);

        var wave = Assert.Single((await _inspector.GetJsonAsync("/api/v1/wave-inspections")).GetProperty("items").EnumerateArray());
        Assert.Equal(3, wave.GetProperty("teams").GetInt32());
        Assert.Equal(4, wave.GetProperty("done").GetInt32());
        Assert.Equal(1, wave.GetProperty("missed").GetInt32());
        Assert.Equal(14, wave.GetProperty("hoursCovered").GetInt32());
        // A done slot is an inspection its member made at that project inside the slot.
        foreach (var slot in wave.GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "done"))
        {
            var inspection = await _inspector.GetJsonAsync($"/api/v1/inspections/{slot.GetProperty("inspectionId").GetGuid()}");
            Assert.Equal(slot.GetProperty("projectId").GetGuid(), inspection.GetProperty("projectId").GetGuid());
            var at = inspection.GetProperty("checkedAt").GetDateTimeOffset();
            Assert.InRange(at, slot.GetProperty("startsAt").GetDateTimeOffset(), slot.GetProperty("endsAt").GetDateTimeOffset());
        }
        Assert.Contains("夜间安全海浪式检查", await PageAsync("/inspections/waves"));
    }
}
