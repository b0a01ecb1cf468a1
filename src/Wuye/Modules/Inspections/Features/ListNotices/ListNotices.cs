using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListNotices;

/// <summary>Improvement notices (工作改进通知单) the user may see, and one notice.</summary>
internal static class ListNoticesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/improvement-notices").WithTags("Inspections");

        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    string? status,
                    bool? mine,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = db.Set<ImprovementNotice>().AsNoTracking();
                    if (projectId is { } p)
                        q = q.Where(n => n.ProjectId == p);
                    if (status is not null)
                    {
                        if (!Enum.TryParse<NoticeStatus>(status, true, out var s))
                            throw ValidationException.For(
                                "status",
                                "状态应为 open、replied 或 closed",
                                "Status must be open, replied or closed"
                            );
                        q = q.Where(n => n.Status == s);
                    }
                    if (mine == true)
                    {
                        var me = Qpi.Me(db);
                        q = q.Where(n => n.ResponsibleUserId == me);
                    }
                    var paged = await q.OrderBy(n => n.Status)
                        .ThenBy(n => n.Deadline)
                        .ThenBy(n => n.Number)
                        .ThenBy(n => n.Id)
                        .ToPagedAsync(page, pageSize, ct);
                    var dtos = await NoticeViews.ToDtosAsync(db, clock, paged.Items, ct);
                    return TypedResults.Ok(new Paged<NoticeDto>(dtos, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .WithSummary("Improvement notices (工作改进通知单) the user may see");

        g.MapGet(
                "/{id:guid}",
                async Task<Results<Ok<NoticeDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                    await db.Set<ImprovementNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) is { } n
                        ? TypedResults.Ok((await NoticeViews.ToDtosAsync(db, clock, [n], ct))[0])
                        : TypedResults.NotFound()
            )
            .WithSummary("One improvement notice");
    }
}
