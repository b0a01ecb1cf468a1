using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.GetDailyReview;

/// <summary>GET /daily-reviews/{id}: one review with every open complaint: owner, age, root cause (required once past the promise), next
/// step.</summary>
internal static class GetDailyReview
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapGet("/{id:guid}", async Task<Results<Ok<DailyReviewDetail>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await DailyReviewQueries.DetailAsync(db, id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound()
            )
            .RequireRoles(ComplaintRoles.ReviewReaders)
            .WithSummary("One review with every open complaint: owner, age, root cause (required once past the promise), next step");
    }
}
