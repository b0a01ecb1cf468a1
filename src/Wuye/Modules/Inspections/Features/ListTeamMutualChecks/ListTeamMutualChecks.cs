using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListTeamMutualChecks;

/// <summary>Team mutual checks (班组互查), newest first.</summary>
internal static class ListTeamMutualChecksEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        g.MapGet(
                "/",
                async (WuyeDb db, TimeProvider clock, Guid? projectId, string? month, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var q = db.Set<TeamMutualCheck>().AsNoTracking().Where(c => projectId == null || c.ProjectId == projectId);
                    if (month is not null)
                    {
                        if (!Qpi.TryMonth(month, out var m))
                            throw ValidationException.For("month", "月份格式应为 2026-11", "Month must look like 2026-11");
                        var next = m.AddMonths(1);
                        q = q.Where(c => c.CheckedOn >= m && c.CheckedOn < next);
                    }
                    var paged = await q.OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<MutualCheckDto>(
                            await MutualCheckViews.ToDtosAsync(db, clock, paged.Items, ct),
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .WithSummary("Team mutual checks (班组互查)");
    }
}
