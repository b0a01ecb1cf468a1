using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListPlans;

/// <summary>Inspection plans the user may see, and one plan with what it requires in a month.</summary>
internal static class ListPlansEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspection-plans").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, Guid? inspectorUserId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = db.Set<InspectionPlan>().AsNoTracking();
                if (inspectorUserId is { } who)
                    query = query.Where(p => p.InspectorUserId == who);
                var paged = await query
                    .OrderByDescending(p => p.StartMonth)
                    .ThenBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .ToPagedAsync(page, pageSize, ct);
                var ids = paged.Items.Select(p => p.Id).ToList();
                var counts = await db.Set<InspectionPlanLine>()
                    .Where(l => ids.Contains(l.PlanId))
                    .GroupBy(l => l.PlanId)
                    .Select(x => new
                    {
                        x.Key,
                        Lines = x.Count(),
                        Projects = x.Select(l => l.ProjectId).Distinct().Count(),
                    })
                    .ToDictionaryAsync(x => x.Key, ct);
                return TypedResults.Ok(
                    new Paged<PlanSummaryDto>(
                        [
                            .. paged.Items.Select(p => new PlanSummaryDto(
                                p.Id,
                                p.Name,
                                p.InspectorUserId,
                                p.InspectorName,
                                Qpi.Code(Qpi.Levels, p.Level),
                                Qpi.Name(Qpi.Levels, p.Level),
                                p.StartMonth.ToString("yyyy-MM"),
                                p.EndMonth?.ToString("yyyy-MM"),
                                counts.GetValueOrDefault(p.Id)?.Lines ?? 0,
                                counts.GetValueOrDefault(p.Id)?.Projects ?? 0
                            )),
                        ],
                        paged.Page,
                        paged.PageSize,
                        paged.Total
                    )
                );
            })
            .WithSummary("Inspection plans (核查计划) the user may see");

        g.MapGet(
                "/{id:guid}",
                async Task<Results<Ok<PlanDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, string? month, CancellationToken ct) =>
                {
                    var m = Qpi.MonthOrThis(month, clock);
                    return await PlanViews.LoadAsync(db, id, m, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();
                }
            )
            .WithSummary("One plan, with the check points and checks it requires per project in a month (default: this month)");
    }
}
