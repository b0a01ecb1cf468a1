using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The best vendor employee of the month through the API (000#17): nominees suggested from the month's records of their crew's
/// zones, best first; the manager names one of the project's vendor crews (bad input field by field), once per project and month.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class VendorStarTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public VendorStarTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    private static void Fields(JsonElement problem, params string[] fields)
    {
        var errors = problem.GetProperty("errors");
        foreach (var f in fields)
            Assert.True(errors.TryGetProperty(f, out _), $"no error on {f}: {problem}");
    }

    [Fact]
    public async Task Nominees_come_from_the_months_records_and_one_is_named_per_project_and_month()
    {
        var today = ChinaTime.Today(_clock);
        var first = new DateOnly(today.Year, today.Month, 1);
        var (project, ownStaff) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).FirstAsync();
            var own = await (
                from s in db.StaffRefs()
                join t in db.TeamRefs() on s.TeamId equals t.Id
                where t.ProjectId == zone.ProjectId && t.VendorId == null
                orderby s.Id
                select s.Id
            ).FirstAsync();
            return (zone.ProjectId, own);
        });
        var pm = await _app.As("pm");
        var nominees = (await pm.GetJsonAsync($"/api/v1/vendor-star-employees/nominees?projectId={project}&month={today:yyyy-MM}"))
            .EnumerateArray()
            .ToList();
        Assert.NotEmpty(nominees);
        var scores = nominees.Select(n => n.GetProperty("score").GetDecimal()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.DoesNotContain(nominees, n => n.GetProperty("staffId").GetGuid() == ownStaff);
        // The top nominee's crew figures are its zones' tasks of the month.
        var top = nominees[0];
        var (due, onTime) = await _app.DbAsync(async db =>
        {
            var staff = top.GetProperty("staffId").GetGuid();
            var team = await db.StaffRefs().Where(s => s.Id == staff).Select(s => s.TeamId).FirstAsync();
            var zones = db.Set<EnvironmentZone>().Where(z => z.TeamId == team).Select(z => z.Id);
            var tasks = await db.Set<EnvironmentTask>()
                .Where(t => zones.Contains(t.EnvironmentZoneId) && t.DueOn >= first && t.DueOn < first.AddMonths(1))
                .Select(t => new { t.DueOn, t.DoneAt })
                .ToListAsync();
            return (tasks.Count, tasks.Count(t => t.DoneAt < ChinaTime.StartOf(t.DueOn.AddDays(1))));
        });
        Assert.Equal(due, top.GetProperty("teamTasksDue").GetInt32());
        Assert.Equal(onTime, top.GetProperty("teamTasksOnTime").GetInt32());
        Assert.True(due > 0, "the demo's crews have tasks this month");

        var bad = await pm.PostJsonAsync("/api/v1/vendor-star-employees", new { projectId = project, month = "2026-13" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Fields(await bad.JsonAsync(), "month", "staffId", "reason");
        var notVendor = await pm.PostJsonAsync(
            "/api/v1/vendor-star-employees",
            new
            {
                projectId = project,
                month = $"{today:yyyy-MM}",
                staffId = ownStaff,
                reason = "认真",
            }
        );
        Fields(await notVendor.JsonAsync(), "staffId");
        var future = await pm.PostJsonAsync(
            "/api/v1/vendor-star-employees",
            new
            {
                projectId = project,
                month = $"{today.AddMonths(1):yyyy-MM}",
                staffId = top.GetProperty("staffId").GetGuid(),
                reason = "认真",
            }
        );
        Fields(await future.JsonAsync(), "month");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("tech")).PostJsonAsync("/api/v1/vendor-star-employees", new { projectId = project })).StatusCode
        );

        var named = await pm.PostJsonAsync(
                "/api/v1/vendor-star-employees",
                new
                {
                    projectId = project,
                    month = $"{today:yyyy-MM}",
                    staffId = nominees[^1].GetProperty("staffId").GetGuid(),
                    reason = " 雨天加班清理车库积水 ",
                }
            )
            .OkAsync();
        Assert.Equal(nominees[^1].GetProperty("name").GetString(), named.GetProperty("staffName").GetString());
        Assert.Equal("雨天加班清理车库积水", named.GetProperty("reason").GetString());
        var second = await pm.PostJsonAsync(
            "/api/v1/vendor-star-employees",
            new
            {
                projectId = project,
                month = $"{today:yyyy-MM}",
                staffId = top.GetProperty("staffId").GetGuid(),
                reason = "认真",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Fields(await second.JsonAsync(), "month");
        var listed = await (await _app.As("manager")).GetJsonAsync(
            $"/api/v1/vendor-star-employees?month={today:yyyy-MM}&vendorId={named.GetProperty("vendorId").GetGuid()}"
        );
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("id").GetGuid() == named.GetProperty("id").GetGuid());
    }
}
