using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.SetBusinessCalendar;

internal static class SetBusinessCalendarEndpoint
{
    public static void Map(RouteGroupBuilder calendars) =>
        calendars
            .MapPut(
                "/{projectId:guid}",
                async Task<Results<Ok<CalendarDto>, NotFound>> (
                    SetBusinessCalendarHandler handler,
                    Guid projectId,
                    CalendarInput body,
                    CancellationToken ct
                ) => await handler.HandleAsync(projectId, body, ct) is { } cal ? TypedResults.Ok(cal) : TypedResults.NotFound()
            )
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager)
            .WithSummary("Set a project's business calendar (applies to new clocks)");
}

internal sealed record CalendarInput(
    TimeOnly? DayStart,
    TimeOnly? DayEnd,
    string? WorkingDays,
    DateOnly[]? Holidays,
    DateOnly[]? ExtraWorkdays
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("dayStart", DayStart, "上班时间", "Day start")
            .Required("dayEnd", DayEnd, "下班时间", "Day end")
            .Required("workingDays", WorkingDays, "工作日", "Working days");
        if (DayStart >= DayEnd)
            v.Add("dayEnd", "下班时间应晚于上班时间", "The day must end after it starts");
        if (WorkingDays is { } d && (d.Length > 7 || d.Any(c => c is < '1' or > '7') || d.Distinct().Count() != d.Length))
            v.Add("workingDays", "工作日写作 1–7 的数字，如 12345", "Working days are digits 1–7, e.g. 12345");
        if ((Holidays?.Length ?? 0) + (ExtraWorkdays?.Length ?? 0) > 400)
            v.Add("holidays", "日期太多", "Too many dates");
    }
}

/// <summary>
/// A project's working hours, weekdays, holidays and swapped workdays (工作日历). Applies to clocks
/// started afterwards; a calendar on which a limit of the table could never fall due is refused.
/// </summary>
internal sealed class SetBusinessCalendarHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<CalendarDto?> HandleAsync(Guid projectId, CalendarInput body, CancellationToken ct)
    {
        Validator.Check(body);
        var project = await ProjectKey.FindAsync(db, projectId, ct);
        if (project is null)
            return null;
        var cal = await db.Set<BusinessCalendar>().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        if (cal is null)
            db.Add(cal = new BusinessCalendar { CompanyId = project.CompanyId, ProjectId = project.Id });
        cal.DayStart = body.DayStart!.Value;
        cal.DayEnd = body.DayEnd!.Value;
        cal.WorkingDays = body.WorkingDays!;
        cal.Holidays = [.. (body.Holidays ?? []).Distinct().Order()];
        cal.ExtraWorkdays = [.. (body.ExtraWorkdays ?? []).Distinct().Order()];
        // Every limit of the project's table that runs on working hours must still fall due.
        var longest = await db.Set<SlaPolicy>()
            .Where(x => x.ProjectId == projectId && !x.AroundTheClock)
            .MaxAsync(x => (int?)x.CompletionMinutes, ct);
        if (longest is { } minutes && new WorkingTime(cal).TryAddMinutes(clock.GetUtcNow(), minutes) is null)
            throw ValidationException.For(
                "workingDays",
                $"按这个日历，维护时限表中 {minutes} 分钟的完成时限十年内都不会到期，请增加工作日或工作时间",
                $"With this calendar the {minutes}-minute completion limit of the time-limit table would not fall due within ten years; "
                    + $"add working days or hours"
            );
        await db.SaveChangesAsync(ct);
        return new CalendarDto(project.Id, cal.DayStart, cal.DayEnd, cal.WorkingDays, cal.Holidays, cal.ExtraWorkdays, false);
    }
}
