using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.WeeklyReview;

internal sealed record WeeklyItemDto(
    Guid ComplaintId,
    Guid ProjectId,
    string Number,
    ComplaintCategory Category,
    string Description,
    string OwnerStaffName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReplyDueAt,
    DateTimeOffset? RepliedAt,
    int DaysLate,
    string? PostponeReason,
    string? RootCause,
    string? NextStep,
    bool StillOpen
);

/// <summary>GET /daily-reviews/weekly (and the daily review page): the weekly meeting list.</summary>
internal sealed class WeeklyReviewHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapGet("/weekly", async (WeeklyReviewHandler svc, TimeProvider clock, Guid? projectId, DateOnly? until, CancellationToken ct) =>
                TypedResults.Ok(await svc.WeeklyAsync(projectId, until ?? ChinaTime.Today(clock), ct))
            )
            .RequireRoles(ComplaintRoles.ReviewReaders)
            .WithSummary("The weekly meeting list: complaints not answered in time in the seven days up to 'until', with reasons");
    }

    /// <summary>
    /// The weekly meeting list (seed 000 #75): complaints not answered in time in the seven days
    /// up to <paramref name="until"/> — still open past their promise, or replied late — with the reasons.
    /// </summary>
    public async Task<List<WeeklyItemDto>> WeeklyAsync(Guid? projectId, DateOnly until, CancellationToken ct)
    {
        var end = ChinaTime.StartOf(until.AddDays(1)).ToUniversalTime();
        var start = end.AddDays(-7);
        var now = clock.GetUtcNow();
        var cut = now < end ? now : end;
        var q = db.Set<Complaint>()
            .AsNoTracking()
            .Where(c =>
                (c.Status == ComplaintStatus.Open && c.ReplyDueAt < cut && c.ReceivedAt < end)
                || (c.RepliedOnTime == false && c.RepliedAt >= start && c.RepliedAt < end)
            );
        if (projectId is { } p)
            q = q.Where(c => c.ProjectId == p);
        var rows = await q.OrderBy(c => c.ReplyDueAt).Take(500).ToListAsync(ct);
        return
        [
            .. rows.Select(c => new WeeklyItemDto(
                c.Id,
                c.ProjectId,
                c.Number,
                c.Category,
                c.Description,
                c.OwnerStaffName,
                c.ReceivedAt,
                c.ReplyDueAt,
                c.RepliedAt,
                (int)Math.Ceiling(((c.Status == ComplaintStatus.Open ? cut : c.RepliedAt ?? cut) - c.ReplyDueAt).TotalDays),
                c.PostponeReason,
                c.RootCause,
                c.NextStep,
                c.Status == ComplaintStatus.Open
            )),
        ];
    }
}
