using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// Meters through the API: a manager registers a meter for the technician; four months of ordinary readings; a reading five times
/// the usual use is flagged, becomes the technician's task (told, listed as open), and is resolved with a note.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class MeterReadingTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_reading_five_times_the_usual_use_is_flagged_and_becomes_the_responsible_technicians_task()
    {
        var (project, tech) = await _app.DbAsync(async db =>
        {
            var t = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var p = await db.RoleAssignments.Where(r => r.UserId == t && r.ProjectId != null).Select(r => r.ProjectId!.Value).FirstAsync();
            return (p, t);
        });
        var pm = await _app.As("pm");
        var code = $"T-{Guid.NewGuid():N}"[..12];
        var bad = await pm.PostJsonAsync(
            "/api/v1/meters",
            new
            {
                projectId = project,
                code,
                multiplier = -1,
            }
        );
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("name", out _) && errors.TryGetProperty("kind", out _) && errors.TryGetProperty("multiplier", out _)
        );
        var meter = await pm.PostJsonAsync(
                "/api/v1/meters",
                new
                {
                    projectId = project,
                    code,
                    name = "地下车库照明",
                    kind = "electricity",
                    multiplier = 10m,
                    responsibleUserId = tech,
                }
            )
            .OkAsync();
        var meterId = meter.GetProperty("id").GetGuid();
        var dup = await pm.PostJsonAsync(
            "/api/v1/meters",
            new
            {
                projectId = project,
                code,
                name = "x",
                kind = "water",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);

        var tech1 = await _app.As("tech");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        // Uses of 100, 110 and 90 (× 10) over the three months before this one.
        decimal[] values = [1000m, 1100m, 1210m, 1300m];
        for (var i = 0; i < values.Length; i++)
        {
            var r = await tech1
                .PostJsonAsync(
                    "/api/v1/meter-readings",
                    new
                    {
                        meterId,
                        value = values[i],
                        readOn = today.AddMonths(i - 4).ToString("yyyy-MM-dd"),
                    }
                )
                .OkAsync();
            Assert.Empty(r.GetProperty("anomalies").EnumerateArray());
        }
        var spike = await tech1.PostJsonAsync("/api/v1/meter-readings", new { meterId, value = 1800m }).OkAsync();
        Assert.Equal(5000m, spike.GetProperty("consumption").GetDecimal());
        Assert.Equal(["AboveMedian"], spike.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(tech, spike.GetProperty("assigneeUserId").GetGuid());
        var id = spike.GetProperty("id").GetGuid();

        // The technician's task: told, and listed among the open abnormal readings.
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .CountAsync(m =>
                    m.Channel == NotificationChannel.InApp && m.RecipientUserId == tech && m.Link == $"/facilities/meters?reading={id}"
                )
        );
        Assert.Equal(1, told);
        var open = await tech1.GetJsonAsync($"/api/v1/meter-readings?meterId={meterId}&open=true");
        Assert.Equal([id], open.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // A second reading this month is a duplicate; resolving closes the task, once.
        var again = await tech1.PostJsonAsync("/api/v1/meter-readings", new { meterId, value = 1810m }).OkAsync();
        Assert.Contains("Duplicate", again.GetProperty("anomalies").EnumerateArray().Select(a => a.GetString()));
        var resolved = await tech1
            .PostJsonAsync($"/api/v1/meter-readings/{id}/resolution", new { note = "车库照明定时器故障，已修复" })
            .OkAsync();
        Assert.NotNull(resolved.GetProperty("resolvedNote").GetString());
        var twice = await tech1.PostJsonAsync($"/api/v1/meter-readings/{id}/resolution", new { note = "再次" });
        Assert.Equal("meter_reading.resolved", (await twice.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(project, (await pm.GetJsonAsync($"/api/v1/meters/{meterId}")).GetProperty("projectId").GetGuid());
    }
}
