using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features.Shared;

/// <summary>
/// A project's time limits and working time, from the reference cache (one read per project until a
/// time limit or the calendar changes): for every clock that runs on them.
/// </summary>
internal sealed class ProjectClocks(WuyeDb db, ReferenceCache reference)
{
    /// <summary>
    /// The time-limit row and calendar for a request. Read past the caller's scope because an
    /// owner reporting for their unit may not read the project's reference rows, yet their
    /// request runs on them; the project id came from a record the caller may see.
    /// </summary>
    public async Task<(SlaPolicy? Policy, WorkingTime Time)> ClockAsync(
        Guid companyId,
        Guid projectId,
        RequestCategory category,
        Urgency urgency,
        CancellationToken ct
    )
    {
        var clockOf = await ProjectClockAsync(companyId, projectId, ct);
        var policy = clockOf
            .Policies.Where(p => p.Urgency == urgency && (p.Category == category || p.Category == null))
            .OrderBy(p => p.Category == null)
            .FirstOrDefault();
        return (policy, policy is { AroundTheClock: true } ? WorkingTime.AroundTheClock : clockOf.Time);
    }

    /// <summary>A new job (or rework) for the request, its clocks started now.</summary>
    public async Task<WorkOrder> OpenWorkOrderAsync(ServiceRequest r, WorkOrder? reworkOf, DateTimeOffset now, CancellationToken ct)
    {
        var (policy, time) = await ClockAsync(r.CompanyId, r.ProjectId, r.Category, r.Urgency, ct);
        var wo = reworkOf is null ? WorkOrder.Open(r, null, policy, time, now) : WorkOrder.Rework(r, reworkOf, policy, time, now);
        db.Add(wo);
        return wo;
    }

    private sealed record ProjectClock(SlaPolicy[] Policies, WorkingTime Time);

    private Task<ProjectClock> ProjectClockAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        reference.GetAsync("project-clock", projectId, typeof(SlaPolicy), typeof(BusinessCalendar), async () =>
        {
            var policies = await db.Set<SlaPolicy>()
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(p => p.ProjectId == projectId)
                .ToArrayAsync(ct);
            return new ProjectClock(policies, new WorkingTime(await CalendarAsync(companyId, projectId, ct)));
        });

    /// <summary>The project's working time (its calendar, or the default).</summary>
    public async Task<WorkingTime> WorkingTimeAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        (await ProjectClockAsync(companyId, projectId, ct)).Time;

    /// <summary>The clock a job runs on: around the clock, or the project's working time.</summary>
    public async Task<WorkingTime> TimeOfAsync(WorkOrder wo, CancellationToken ct) =>
        wo.AroundTheClock ? WorkingTime.AroundTheClock : await WorkingTimeAsync(wo.CompanyId, wo.ProjectId, ct);

    /// <summary>The project's calendar as stored (or the default); for editing. Clocks use <see cref="WorkingTimeAsync"/>.</summary>
    public async Task<BusinessCalendar> CalendarAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        await db.Set<BusinessCalendar>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct)
        ?? WorkingTime.DefaultCalendar(companyId, projectId);
}
