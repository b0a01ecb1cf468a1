using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ListDailyReviews;

/// <summary>GET /daily-reviews: the daily reviews (每日盘点), newest first.</summary>
internal static class ListDailyReviews
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<DailyReview>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(r => r.ProjectId == p);
                if (from is { } f)
                    q = q.Where(r => r.ReviewDate >= f);
                if (to is { } t)
                    q = q.Where(r => r.ReviewDate <= t);
                return TypedResults.Ok(
                    await DailyReviewQueries
                        .Reviews(db, q.OrderByDescending(r => r.ReviewDate).ThenBy(r => r.ProjectId).ThenBy(r => r.Id))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .RequireRoles(ComplaintRoles.ReviewReaders)
            .WithSummary("Daily reviews (每日盘点), newest first");
    }
}
