using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Security duties as records (001), with a moved clock: a CCTV duty checked daily — fewer than 30 days kept is a finding told to the
/// supervisor at once; two days without a check make it overdue, flagged on the manager's home page and told once by the job (run
/// twice); the fire drill's last time is read from Emergencies' completed fire drills and the fire-equipment check from Facilities'
/// fire-system maintenance, equal to a scan of those records. Bad input answered field by field.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class SecurityDutyTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(9), China));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<HashSet<string>> ErrorsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        return [.. (await res.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("code").GetString();
    }

    private const string Url = "/api/v1/security-duties";

    private Task<int> MessagesAsync(string title) =>
        _app.DbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title == title));

    [Fact]
    public async Task A_cctv_duty_checked_daily_flags_short_retention_and_once_overdue_is_told_once_and_shown_on_the_home_page()
    {
        var pm = await _app.As("pm");
        var monitor = await _app.As("monitor");
        var name = "测试录像机 " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(["kind", "name", "projectId"], (await ErrorsAsync(await pm.PostJsonAsync(Url, new { everyDays = 1 }))).Order());
        Assert.Contains(
            "everyDays",
            await ErrorsAsync(
                await pm.PostJsonAsync(
                    Url,
                    new
                    {
                        projectId = _project,
                        name,
                        kind = "cctvRetention",
                        everyDays = 0,
                    }
                )
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await monitor.PostJsonAsync(
                    Url,
                    new
                    {
                        projectId = _project,
                        name,
                        kind = "cctvRetention",
                    }
                )
            ).StatusCode
        );
        var duty = await pm.PostJsonAsync(
                Url,
                new
                {
                    projectId = _project,
                    name,
                    kind = "cctvRetention",
                }
            )
            .OkAsync();
        Assert.Equal(
            "security_duty.duplicate_name",
            await CodeAsync(
                await pm.PostJsonAsync(
                    Url,
                    new
                    {
                        projectId = _project,
                        name,
                        kind = "fireDrill",
                    }
                )
            )
        );
        var id = duty.GetProperty("id").GetGuid();
        Assert.Equal((1, false), (duty.GetProperty("everyDays").GetInt32(), duty.GetProperty("overdue").GetBoolean()));

        var checks = $"{Url}/{id}/checks";
        var today = DateOnly.FromDateTime(Day);
        Assert.Contains("oldestRecordingOn", await ErrorsAsync(await monitor.PostJsonAsync(checks, new { note = "x" })));
        Assert.Contains(
            "oldestRecordingOn",
            await ErrorsAsync(await monitor.PostJsonAsync(checks, new { oldestRecordingOn = today.AddDays(1) }))
        );
        Assert.Contains(
            "day",
            await ErrorsAsync(await monitor.PostJsonAsync(checks, new { day = today.AddDays(1), oldestRecordingOn = today }))
        );
        var ok = await monitor.PostJsonAsync(checks, new { oldestRecordingOn = today.AddDays(-31) }).OkAsync();
        Assert.Equal((31, false), (ok.GetProperty("retainedDays").GetInt32(), ok.GetProperty("finding").GetBoolean()));
        Assert.Equal(
            "security_duty.checked",
            await CodeAsync(await monitor.PostJsonAsync(checks, new { oldestRecordingOn = today.AddDays(-40) }))
        );

        // The next day only 25 days are kept: a finding, told to the supervisor at once.
        _clock.Advance(TimeSpan.FromDays(1));
        _app.ForgetTokens();
        monitor = await _app.As("monitor");
        var bad = await monitor.PostJsonAsync(checks, new { oldestRecordingOn = today.AddDays(-24) }).OkAsync();
        Assert.Equal((25, true), (bad.GetProperty("retainedDays").GetInt32(), bad.GetProperty("finding").GetBoolean()));
        Assert.True(await MessagesAsync($"安保职责发现问题：{name}") > 0);

        // Two days without a check: overdue since its due day (the day after the last check) passed; told once by the job.
        _clock.Advance(TimeSpan.FromDays(2));
        _app.ForgetTokens();
        var job = _app.Services.GetRequiredService<SecurityDutyJob>();
        await job.RunOnceAsync();
        var told = await MessagesAsync($"安保职责逾期：{name}");
        Assert.True(told > 0);
        await job.RunOnceAsync();
        Assert.Equal(told, await MessagesAsync($"安保职责逾期：{name}"));
        pm = await _app.As("pm");
        var status = await pm.GetJsonAsync($"{Url}/{id}");
        Assert.Equal(
            (true, today.AddDays(1).ToString("yyyy-MM-dd"), today.AddDays(2).ToString("yyyy-MM-dd")),
            (
                status.GetProperty("overdue").GetBoolean(),
                status.GetProperty("lastDoneOn").GetString(),
                status.GetProperty("dueOn").GetString()
            )
        );
        Assert.Contains("逾期的安保职责", await pm.GetStringAsync(Roles.Find(Roles.ProjectManager)!.Home));
        var list = await pm.GetJsonAsync($"{checks}?pageSize=10");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_fire_drill_and_the_fire_equipment_check_are_read_from_emergencies_and_facilities()
    {
        var pm = await _app.As("pm");
        var duties = (await pm.GetJsonAsync($"{Url}?projectId={_project}")).EnumerateArray().ToList();
        var drill = duties.First(d => d.GetProperty("kind").GetString() == "fireDrill");
        var lastDrill = await _app.DbAsync(async db =>
            await db
                .Database.SqlQueryRaw<DateTimeOffset?>(
                    "select max(completed_at) as \"Value\" from emergencies.drill where project_id = {0} and kind = 'Fire'",
                    _project
                )
                .SingleAsync()
        );
        Assert.Equal(
            lastDrill is { } d ? DateOnly.FromDateTime(d.ToOffset(China).DateTime).ToString("yyyy-MM-dd") : null,
            drill.GetProperty("lastDoneOn").ValueKind == JsonValueKind.Null ? null : drill.GetProperty("lastDoneOn").GetString()
        );
        Assert.Equal("emergencies", drill.GetProperty("source").GetString());
        Assert.Equal(
            "security_duty.recorded_elsewhere",
            await CodeAsync(await pm.PostJsonAsync($"{Url}/{drill.GetProperty("id").GetGuid()}/checks", new { note = "x" }))
        );
        var fire = duties.First(d => d.GetProperty("kind").GetString() == "fireEquipmentCheck");
        var lastMaintenance = await _app.DbAsync(async db =>
            await db
                .Database.SqlQueryRaw<DateTimeOffset?>(
                    """
                    select max(t.done_at) as "Value" from facilities.maintenance_task t
                    join master_data.asset a on a.id = t.asset_id
                    where t.project_id = {0} and t.status = 'Done' and a.category = 'FireSystem'
                    """,
                    _project
                )
                .SingleAsync()
        );
        var lastRecord = await _app.DbAsync(async db =>
            await db
                .Database.SqlQueryRaw<DateOnly?>(
                    "select max(c.day) as \"Value\" from security.duty_check c where c.security_duty_id = {0}",
                    fire.GetProperty("id").GetGuid()
                )
                .SingleAsync()
        );
        DateOnly? maint = lastMaintenance is { } m ? DateOnly.FromDateTime(m.ToOffset(China).DateTime) : null;
        var expected = new[] { maint, lastRecord }.Max();
        Assert.Equal(expected?.ToString("yyyy-MM-dd"), fire.GetProperty("lastDoneOn").GetString());
        Assert.Contains(
            "note",
            await ErrorsAsync(await pm.PostJsonAsync($"{Url}/{fire.GetProperty("id").GetGuid()}/checks", new { finding = true }))
        );
    }
}
