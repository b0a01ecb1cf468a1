using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ListTechnicians;

/// <summary>A technician for dispatch: open jobs, and whether the duty roster has them on a shift now (listed first).</summary>
internal sealed record TechnicianDto(Guid Id, string Name, int OpenJobs, bool OnDuty);

internal static class ListTechniciansEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapGet(
                "/technicians",
                async Task<Results<Ok<List<TechnicianDto>>, NotFound>> (
                    WuyeDb db,
                    Notifier notifier,
                    IDutyRoster roster,
                    TimeProvider clock,
                    Guid projectId,
                    EnumQuery<RequestCategory>? category,
                    CancellationToken ct
                ) =>
                {
                    var project = await db.ProjectRefs()
                        .AsNoTracking()
                        .Where(p => p.Id == projectId)
                        .Select(p => new { p.Id, p.CompanyId })
                        .FirstOrDefaultAsync(ct);
                    // Technicians are found with the filters off: only for staff of the project (its owners see the project too).
                    if (project is null || !db.Scope.WorksAt(project.CompanyId, project.Id))
                        return TypedResults.NotFound();
                    var ids = await notifier.UsersWithRoleAsync(Roles.Technician, project.CompanyId, project.Id, ct);
                    // For a job of a category: without those whose certificate for it has lapsed.
                    if (category?.Value is { } c)
                    {
                        var barred = await CertifiedWork.BarredAsync(db, clock, c, project.CompanyId, ids, ct);
                        ids = [.. ids.Where(t => !barred.Contains(t))];
                    }
                    var names = await db
                        .Users.AsNoTracking()
                        .Where(u => ids.Contains(u.Id))
                        .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName })
                        .ToListAsync(ct);
                    var load = await db.Set<WorkOrder>()
                        .AsNoTracking()
                        .Where(w =>
                            w.AssigneeUserId != null && ids.Contains(w.AssigneeUserId.Value) && WorkOrder.OpenStatuses.Contains(w.Status)
                        )
                        .GroupBy(w => w.AssigneeUserId)
                        .Select(x => new { x.Key, N = x.Count() })
                        .ToDictionaryAsync(x => x.Key!.Value, x => x.N, ct);
                    var onDuty = (await roster.OnDutyAsync(project.Id, clock.GetUtcNow(), ct)).Select(d => d.UserId).ToHashSet();
                    return TypedResults.Ok(
                        names
                            .Select(n => new TechnicianDto(n.Id, n.Name ?? "", load.GetValueOrDefault(n.Id), onDuty.Contains(n.Id)))
                            .OrderByDescending(t => t.OnDuty)
                            .ThenBy(t => t.OpenJobs)
                            .ThenBy(t => t.Name)
                            .ToList()
                    );
                }
            )
            .RequireRoles(WorkOrderRoles.Dispatchers)
            .WithSummary(
                "Technicians of a project for dispatch: those on duty now first, then by open jobs (with category: who may take such a job)"
            );
}
