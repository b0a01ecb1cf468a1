using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Tests.Kit;

/// <summary>
/// The tests' clock is <see cref="FakeTimeProvider"/>, registered as the app's TimeProvider
/// (<see cref="WuyeApp.Clock"/>). Start it at the earliest moment the test needs and move it forward
/// only (<c>SetUtcNow</c>, <c>Advance</c>): it refuses to go back, as time does.
/// </summary>
public static class Clocks
{
    /// <summary>A local (UTC+8) wall-clock time in China.</summary>
    public static DateTimeOffset China(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    /// <summary>Starts at <paramref name="start"/>, kept in UTC (Npgsql writes timestamptz only at offset 0).</summary>
    public static FakeTimeProvider At(DateTimeOffset start) => new(start.ToUniversalTime());

    /// <summary>Starts at the real time, so the demo data's dates (made with the real clock) still make sense.</summary>
    public static FakeTimeProvider Now() => new(DateTimeOffset.UtcNow);

    /// <summary>
    /// The first Wednesday after today (China) whose Wednesday, Thursday and Friday are all working days on the business calendar
    /// of <paramref name="userName"/>'s home's project (holidays and swapped workdays included), as a China date at midnight.
    /// </summary>
    public static async Task<DateTime> WorkingWednesdayAsync(WuyeApp app, string userName = "owner")
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var project = await (
            from p in db.PersonRefs()
            join o in db.OccupantRefs() on p.Id equals o.PersonId
            join u in db.UnitRefs() on o.UnitId equals u.Id
            where p.UserId == user
            orderby u.Id
            select u.ProjectId
        ).FirstAsync();
        var company = await db.ProjectRefs().Where(p => p.Id == project).Select(p => p.CompanyId).SingleAsync();
        var calendar = await scope.ServiceProvider.GetRequiredService<IProjectCalendars>().ForProjectAsync(company, project, default);
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date);
        for (var d = today.AddDays(1); d < today.AddDays(400); d = d.AddDays(1))
            if (d.DayOfWeek == DayOfWeek.Wednesday && Enumerable.Range(0, 3).All(i => calendar.IsWorkingDay(d.AddDays(i))))
                return d.ToDateTime(TimeOnly.MinValue);
        throw new InvalidOperationException("No Wednesday to Friday of working days within 400 days");
    }
}
