using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.Complaints;

/// <summary>
/// The reply promise counts working days on the project's business calendar (seed 002 篇4: 二日内
/// 反馈, 工作日). The clock stands at Friday 27 November 2026 16:00 China time; the project works
/// Monday to Friday 08:30–17:30 and Monday 30 November is made a holiday. The tests share one app: each sets the
/// calendar it needs, and the project's complaint rules are put back after each.
/// </summary>
[Collection(nameof(ComplaintsApiCollection))]
public sealed class ComplaintPromiseTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 27, 16, 0).ToUniversalTime());
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() =>
        await _app.DbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM complaints.complaint_settings"));

    private async Task<(Guid Unit, Guid Project)> UnitAsync()
    {
        var unit = await OwnUnitAsync(await _app.As("owner"));
        return (unit, await ProjectOfAsync(_app, unit));
    }

    private async Task CalendarAsync(Guid project, string[] holidays, string[] extra) =>
        await (await _app.As("pm"))
            .PutJsonAsync(
                $"/api/v1/business-calendars/{project}",
                new
                {
                    dayStart = "08:30",
                    dayEnd = "17:30",
                    workingDays = "12345",
                    holidays,
                    extraWorkdays = extra,
                }
            )
            .OkAsync();

    private async Task<JsonElement> ReceiveAsync(Guid unit)
    {
        var res = await (await _app.As("service")).PostJsonAsync(
            "/api/v1/complaints",
            new
            {
                unitId = unit,
                complainantName = "周女士",
                category = "cleaning",
                description = "楼道垃圾没人清理",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return await res.JsonAsync();
    }

    [Fact]
    public async Task A_promise_given_at_four_on_the_Friday_before_a_holiday_lands_on_the_second_working_day_after_it()
    {
        var (unit, project) = await UnitAsync();
        await CalendarAsync(project, ["2026-11-30"], []);
        var c = await ReceiveAsync(unit);
        // Friday 16:00–17:30, the weekend and the Monday holiday skipped, Tuesday whole, Wednesday until 16:00.
        Assert.Equal(China(2026, 12, 2, 16, 0), c.GetProperty("replyDueAt").GetDateTimeOffset());

        // A swapped workday on the Sunday counts as a working day.
        await CalendarAsync(project, ["2026-11-30"], ["2026-11-29"]);
        Assert.Equal(China(2026, 12, 1, 16, 0), (await ReceiveAsync(unit)).GetProperty("replyDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_project_setting_is_in_working_days_and_a_complaint_received_after_hours_runs_from_the_next_opening()
    {
        var (unit, project) = await UnitAsync();
        await CalendarAsync(project, ["2026-11-30"], []);
        var pm = await _app.As("pm");
        var settings = await pm.PutJsonAsync(
                $"/api/v1/complaint-settings/{project}",
                new
                {
                    replyDays = 1,
                    reviewTime = "08:30",
                    projectManagerAfterHours = 0,
                    companyAfterHours = 24,
                }
            )
            .OkAsync();
        Assert.Equal(1, settings.GetProperty("replyDays").GetInt32());
        _clock.SetUtcNow(China(2026, 11, 27, 19, 0).ToUniversalTime());
        // After Friday's close: the day's working time starts on Tuesday 08:30 and ends at 17:30.
        Assert.Equal(China(2026, 12, 1, 17, 30), (await ReceiveAsync(unit)).GetProperty("replyDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_postponement_by_working_days_skips_holidays_and_a_postponement_with_neither_time_nor_days_is_refused()
    {
        var (unit, project) = await UnitAsync();
        await CalendarAsync(project, ["2026-11-30", "2026-12-03"], []);
        var id = (await ReceiveAsync(unit)).GetProperty("id").GetGuid();
        var service = await _app.As("service");

        var res = await service.PostJsonAsync($"/api/v1/complaints/{id}/postpone", new { reason = "等待配件" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("replyDueAt", out _));
        res = await service.PostJsonAsync($"/api/v1/complaints/{id}/postpone", new { reason = "等待配件", workingDays = 9 });
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("workingDays", out _));

        // From the promise (Wednesday 2 December 16:00) two working days on: Thursday is a holiday, so Friday and Monday.
        var ok = await service.PostJsonAsync($"/api/v1/complaints/{id}/postpone", new { reason = "等待配件", workingDays = 2 }).OkAsync();
        Assert.Equal(China(2026, 12, 7, 16, 0), ok.GetProperty("complaint").GetProperty("replyDueAt").GetDateTimeOffset());
    }
}
