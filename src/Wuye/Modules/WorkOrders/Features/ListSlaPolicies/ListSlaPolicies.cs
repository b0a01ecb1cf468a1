using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ListSlaPolicies;

internal static class ListSlaPoliciesEndpoint
{
    public static void Map(RouteGroupBuilder policies) =>
        policies
            .MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<SlaPolicy>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(x => x.ProjectId == p);
                return TypedResults.Ok(
                    await q.OrderBy(x => x.ProjectId)
                        .ThenBy(x => x.Category)
                        .ThenBy(x => x.Urgency)
                        .ThenBy(x => x.Id)
                        .Select(x => new SlaPolicyDto(
                            x.Id,
                            x.ProjectId,
                            x.Category,
                            x.Urgency,
                            x.ResponseMinutes,
                            x.ArrivalMinutes,
                            x.CompletionMinutes,
                            x.AroundTheClock
                        ))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .WithSummary("The time-limit table (维护时限表)");

    /// <summary>One project's table as the settings page shows it: rows for any category first.</summary>
    public static async Task<List<SlaPolicyDto>> ForProjectAsync(WuyeDb db, Guid projectId, CancellationToken ct) =>
        await db.Set<SlaPolicy>()
            .AsNoTracking()
            .Where(x => x.ProjectId == projectId)
            .OrderBy(x => x.Category != null)
            .ThenBy(x => x.Category)
            .ThenBy(x => x.Urgency)
            .Select(x => new SlaPolicyDto(
                x.Id,
                x.ProjectId,
                x.Category,
                x.Urgency,
                x.ResponseMinutes,
                x.ArrivalMinutes,
                x.CompletionMinutes,
                x.AroundTheClock
            ))
            .ToListAsync(ct);
}
