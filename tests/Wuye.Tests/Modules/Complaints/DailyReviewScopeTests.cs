using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.Complaints;

/// <summary>
/// A daily review is taken for the whole project, but each reader sees only the lines of the
/// complaints they may see (a steward: their zone); the totals shown must agree with those lines.
/// </summary>
public sealed class DailyReviewScopeTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartWithClockAsync(cluster, _clock);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static (int Open, int Overdue, int Missing) Totals(JsonElement review) =>
        (
            review.GetProperty("openCount").GetInt32(),
            review.GetProperty("overdueCount").GetInt32(),
            review.GetProperty("missingRootCauseCount").GetInt32()
        );

    private static (int Open, int Overdue, int Missing) Counted(JsonElement lines) =>
        (
            lines.GetArrayLength(),
            lines.EnumerateArray().Count(l => l.GetProperty("overdue").GetBoolean()),
            lines.EnumerateArray().Count(l => l.GetProperty("missingRootCause").GetBoolean())
        );

    [Fact]
    public async Task A_stewards_review_totals_count_only_the_lines_of_their_zone_while_the_project_manager_sees_the_whole_project()
    {
        var stewardId = await UserIdAsync(_app, "steward");
        var (project, zone) = await _app.DbAsync(async db =>
        {
            var grant = await db
                .RoleAssignments.Where(r => r.UserId == stewardId && r.ZoneId != null)
                .Select(r => new { r.ProjectId, r.ZoneId })
                .FirstAsync();
            return (grant.ProjectId!.Value, grant.ZoneId!.Value);
        });
        var (inside, outside) = await _app.DbAsync(async db =>
            (
                await db.Units().Where(u => u.ProjectId == project && u.ZoneId == zone).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(),
                await db.Units().Where(u => u.ProjectId == project && u.ZoneId != zone).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync()
            )
        );

        var service = await _app.As("service");
        var ids = new List<Guid>();
        foreach (var unit in new[] { inside, outside })
        {
            var res = await service.PostJsonAsync(
                "/api/v1/complaints",
                new
                {
                    unitId = unit,
                    complainantName = "吴先生",
                    category = "noise",
                    description = "夜间施工噪音",
                    replyDueAt = China(2026, 11, 23, 10, 0),
                }
            );
            Assert.Equal(HttpStatusCode.Created, res.StatusCode);
            ids.Add((await res.JsonAsync()).GetProperty("id").GetGuid());
        }
        // Both past their promise, neither with a root cause.
        _clock.SetUtcNow(China(2026, 11, 23, 11, 0).ToUniversalTime());
        _app.ForgetTokens();
        var pm = await _app.As("pm");
        var taken = await pm.PostJsonAsync("/api/v1/daily-reviews", new { projectId = project }).OkAsync();
        var reviewId = taken.GetProperty("review").GetProperty("id").GetGuid();
        var pmLines = taken.GetProperty("lines");
        Assert.Contains(pmLines.EnumerateArray(), l => l.GetProperty("complaintId").GetGuid() == ids[1]);
        Assert.Equal(Counted(pmLines), Totals(taken.GetProperty("review")));

        var steward = await _app.As("steward");
        var mine = await steward.GetJsonAsync($"/api/v1/daily-reviews/{reviewId}");
        var lines = mine.GetProperty("lines");
        Assert.Contains(lines.EnumerateArray(), l => l.GetProperty("complaintId").GetGuid() == ids[0]);
        Assert.DoesNotContain(lines.EnumerateArray(), l => l.GetProperty("complaintId").GetGuid() == ids[1]);
        var stewardTotals = Totals(mine.GetProperty("review"));
        Assert.Equal(Counted(lines), stewardTotals);
        Assert.True(stewardTotals.Open < Totals(taken.GetProperty("review")).Open);
        Assert.True(stewardTotals.Missing >= 1);

        // The list of reviews says the same to each of them.
        var listed = (await steward.GetJsonAsync($"/api/v1/daily-reviews?projectId={project}"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == reviewId);
        Assert.Equal(stewardTotals, Totals(listed));
        var pmListed = (await pm.GetJsonAsync($"/api/v1/daily-reviews?projectId={project}"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("id").GetGuid() == reviewId);
        Assert.Equal(Totals(taken.GetProperty("review")), Totals(pmListed));
    }
}
