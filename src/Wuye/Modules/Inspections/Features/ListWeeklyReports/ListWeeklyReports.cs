using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListWeeklyReports;

/// <summary>Weekly reports of pre-handover sites.</summary>
internal static class ListWeeklyReportsEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-supervision").WithTags("Inspections");

        g.MapGet("/weekly-reports", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await db.Set<SupervisionWeeklyReport>()
                    .AsNoTracking()
                    .Where(r => projectId == null || r.ProjectId == projectId)
                    .OrderByDescending(r => r.WeekStart)
                    .ThenByDescending(r => r.Id)
                    .ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<WeeklyReportDto>(
                        [
                            .. paged.Items.Select(r => new WeeklyReportDto(
                                r.Id,
                                r.ProjectId,
                                r.WeekStart,
                                SupervisionWeeklyReport.DueAt(r.WeekStart),
                                r.SubmittedAt,
                                r.Late,
                                r.SignedHouseholds,
                                r.UnsignedHouseholds,
                                r.Problems
                            )),
                        ],
                        paged.Page,
                        paged.PageSize,
                        paged.Total
                    )
                );
            })
            .WithSummary("Weekly reports of pre-handover sites");
    }
}
