using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ListMaintenancePlans;

/// <summary>The plans of the reader's projects; one plan; archiving a plan (no further tasks).</summary>
internal static class ListMaintenancePlansEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/maintenance-plans").WithTags("Facilities");
        g.MapGet(
                "/",
                async (WuyeDb db, FacilitiesViews views, Guid? projectId, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var query = db.Set<MaintenancePlan>()
                        .Where(p => (projectId == null || p.ProjectId == projectId) && (archived == true) == (p.ArchivedAt != null))
                        .OrderBy(p => p.Name)
                        .ThenBy(p => p.Id);
                    var paged = await query.Select(p => p.Id).ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.ToList();
                    var items = await views.PlansAsync(query.Where(p => ids.Contains(p.Id)), ct);
                    return TypedResults.Ok(new Paged<PlanDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Maintenance plans with their checklists");
        g.MapGet("/{id:guid}", async (WuyeDb db, FacilitiesViews views, Guid id, CancellationToken ct) =>
                TypedResults.Ok(
                    (await views.PlansAsync(db.Set<MaintenancePlan>().Where(p => p.Id == id), ct)).FirstOrDefault()
                        ?? throw new NotFoundException("maintenance plan")
                )
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("One maintenance plan with its checklist");
        g.MapPost("/{id:guid}/archive", async (WuyeDb db, FacilitiesViews views, TimeProvider clock, Guid id, CancellationToken ct) =>
            {
                var plan = await db.Set<MaintenancePlan>().FirstOrDefaultAsync(p => p.Id == id, ct)
                    ?? throw new NotFoundException("maintenance plan");
                plan.Archive(clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok((await views.PlansAsync(db.Set<MaintenancePlan>().Where(p => p.Id == id), ct))[0]);
            })
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Archive a maintenance plan: no further tasks are generated from it");
    }
}
