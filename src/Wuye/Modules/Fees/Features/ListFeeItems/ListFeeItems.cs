using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ListFeeItems;

/// <summary>GET /fee-items: the fee items of the projects the user may see.</summary>
internal static class ListFeeItems
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .FeeItems(api)
            .MapGet("/", async (WuyeDb db, Guid? projectId, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<FeeItem>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(i => i.ProjectId == p);
                if (archived is { } a)
                    q = q.Where(i => (i.ArchivedAt != null) == a);
                return TypedResults.Ok(
                    await FeeItemQueries
                        .Dtos(q.OrderBy(i => i.ProjectId).ThenBy(i => i.Name).ThenBy(i => i.Id))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Fee items (收费项目) of the projects the user may see");
}
