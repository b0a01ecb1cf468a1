using Wuye.Modules.MasterData.Contracts;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features;

/// <summary>
/// 维护时限表 and business calendar of a project, as the API and the settings page change them.
/// Changes apply to clocks started afterwards; a limit that could never fall due on the
/// calendar is refused, from either side.
/// </summary>
public sealed class SlaSettings(WuyeDb db, WorkOrderService svc, TimeProvider clock)
{
    public async Task<List<SlaPolicyDto>> PoliciesAsync(Guid projectId, CancellationToken ct) =>
        await db.Set<SlaPolicy>().AsNoTracking().Where(x => x.ProjectId == projectId)
            .OrderBy(x => x.Category != null).ThenBy(x => x.Category).ThenBy(x => x.Urgency)
            .Select(x => new SlaPolicyDto(x.Id, x.ProjectId, x.Category, x.Urgency, x.ResponseMinutes, x.ArrivalMinutes, x.CompletionMinutes, x.AroundTheClock))
            .ToListAsync(ct);

    public async Task<SlaPolicyDto> SetPolicyAsync(SlaPolicyInput body, CancellationToken ct)
    {
        Validator.Check(body);
        var project = await ProjectAsync(body.ProjectId!.Value, ct)
            ?? throw Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var aroundTheClock = body.AroundTheClock ?? body.Urgency == Urgency.Urgent;
        if (!aroundTheClock && new WorkingTime(await svc.CalendarAsync(project.CompanyId, project.Id, ct)).TryAddMinutes(clock.GetUtcNow(), body.CompletionMinutes!.Value) is null)
            throw Invalid("completionMinutes", "按本项目的工作日历，该完成时限十年内都不会到期，请缩短时限或改为全天候计时",
                "On this project's business calendar this completion limit would not fall due within ten years; shorten it or make it around the clock");
        var row = await db.Set<SlaPolicy>().FirstOrDefaultAsync(x => x.ProjectId == project.Id && x.Category == body.Category && x.Urgency == body.Urgency, ct);
        if (row is null) db.Add(row = new SlaPolicy { CompanyId = project.CompanyId, ProjectId = project.Id, Category = body.Category, Urgency = body.Urgency!.Value });
        row.ResponseMinutes = body.ResponseMinutes!.Value;
        row.ArrivalMinutes = body.ArrivalMinutes!.Value;
        row.CompletionMinutes = body.CompletionMinutes!.Value;
        row.AroundTheClock = aroundTheClock;
        await db.SaveChangesAsync(ct);
        return new SlaPolicyDto(row.Id, row.ProjectId, row.Category, row.Urgency, row.ResponseMinutes, row.ArrivalMinutes, row.CompletionMinutes, row.AroundTheClock);
    }

    /// <summary>Removes one row; requests of that kind then fall back to the row for any category, or run without limits.</summary>
    public async Task<bool> DeletePolicyAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<SlaPolicy>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null) return false;
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<CalendarDto?> CalendarAsync(Guid projectId, CancellationToken ct)
    {
        var project = await ProjectAsync(projectId, ct);
        if (project is null) return null;
        var cal = await db.Set<BusinessCalendar>().AsNoTracking().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        var x = cal ?? WorkingTime.DefaultCalendar(project.CompanyId, project.Id);
        return new CalendarDto(project.Id, x.DayStart, x.DayEnd, x.WorkingDays, x.Holidays, x.ExtraWorkdays, cal is null);
    }

    public async Task<CalendarDto?> SetCalendarAsync(Guid projectId, CalendarInput body, CancellationToken ct)
    {
        Validator.Check(body);
        var project = await ProjectAsync(projectId, ct);
        if (project is null) return null;
        var cal = await db.Set<BusinessCalendar>().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        if (cal is null) db.Add(cal = new BusinessCalendar { CompanyId = project.CompanyId, ProjectId = project.Id });
        cal.DayStart = body.DayStart!.Value;
        cal.DayEnd = body.DayEnd!.Value;
        cal.WorkingDays = body.WorkingDays!;
        cal.Holidays = [.. (body.Holidays ?? []).Distinct().Order()];
        cal.ExtraWorkdays = [.. (body.ExtraWorkdays ?? []).Distinct().Order()];
        // Every limit of the project's table that runs on working hours must still fall due.
        var longest = await db.Set<SlaPolicy>().Where(x => x.ProjectId == projectId && !x.AroundTheClock).MaxAsync(x => (int?)x.CompletionMinutes, ct);
        if (longest is { } minutes && new WorkingTime(cal).TryAddMinutes(clock.GetUtcNow(), minutes) is null)
            throw Invalid("workingDays", $"按这个日历，维护时限表中 {minutes} 分钟的完成时限十年内都不会到期，请增加工作日或工作时间",
                $"With this calendar the {minutes}-minute completion limit of the time-limit table would not fall due within ten years; add working days or hours");
        await db.SaveChangesAsync(ct);
        return new CalendarDto(project.Id, cal.DayStart, cal.DayEnd, cal.WorkingDays, cal.Holidays, cal.ExtraWorkdays, false);
    }

    private sealed record ProjectKey(Guid Id, Guid CompanyId);

    private Task<ProjectKey?> ProjectAsync(Guid id, CancellationToken ct) =>
        db.ProjectRefs().AsNoTracking().Where(p => p.Id == id).Select(p => new ProjectKey(p.Id, p.CompanyId)).FirstOrDefaultAsync(ct);

    private static ValidationException Invalid(string field, string zh, string en) => new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });
}
