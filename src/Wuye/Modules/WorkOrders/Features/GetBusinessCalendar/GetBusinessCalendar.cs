using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features.GetBusinessCalendar;

internal static class GetBusinessCalendarEndpoint
{
    public static void Map(RouteGroupBuilder calendars) =>
        calendars
            .MapGet("/{projectId:guid}", async Task<Results<Ok<CalendarDto>, NotFound>> (WuyeDb db, Guid projectId, CancellationToken ct) =>
                await LoadAsync(db, projectId, ct) is { } cal ? TypedResults.Ok(cal) : TypedResults.NotFound()
            )
            .WithSummary("A project's working hours, weekdays, holidays and swapped workdays");

    /// <summary>The project's calendar as stored, or the default one (marked so); null when the project is not the reader's.</summary>
    public static async Task<CalendarDto?> LoadAsync(WuyeDb db, Guid projectId, CancellationToken ct)
    {
        var project = await ProjectKey.FindAsync(db, projectId, ct);
        if (project is null)
            return null;
        var cal = await db.Set<BusinessCalendar>().AsNoTracking().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        var x = cal ?? WorkingTime.DefaultCalendar(project.CompanyId, project.Id);
        return new CalendarDto(project.Id, x.DayStart, x.DayEnd, x.WorkingDays, x.Holidays, x.ExtraWorkdays, cal is null);
    }
}
