using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

internal sealed record DailyReviewDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    DateOnly ReviewDate,
    DateTimeOffset GeneratedAt,
    int OpenCount,
    int OverdueCount,
    int MissingRootCauseCount
);

internal sealed record DailyReviewLineDto(
    Guid ComplaintId,
    string Number,
    ComplaintCategory Category,
    string Description,
    string OwnerStaffName,
    bool Vip,
    MajorKind? Major,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReplyDueAt,
    int AgeDays,
    bool Overdue,
    string? RootCause,
    string? NextStep,
    bool MissingRootCause
);

internal sealed record DailyReviewDetail(DailyReviewDto Review, IReadOnlyList<DailyReviewLineDto> Lines);

/// <summary>The daily reviews as read models (the API, the page, the export).</summary>
internal static class DailyReviewQueries
{
    /// <summary>
    /// The totals are counted from the lines the reader may see (the lines carry the complaint's
    /// zone), so a steward's totals are their zone's and agree with the lines shown to them; the
    /// project-wide figures stay on the review record.
    /// </summary>
    public static IQueryable<DailyReviewDto> Reviews(WuyeDb db, IQueryable<DailyReview> q) =>
        q.Select(r => new DailyReviewDto(
            r.Id,
            r.ProjectId,
            db.ProjectRefs().Where(p => p.Id == r.ProjectId).Select(p => p.Name).FirstOrDefault() ?? "",
            r.ReviewDate,
            r.GeneratedAt,
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id),
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id && l.Overdue),
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id && l.MissingRootCause)
        ));

    public static async Task<DailyReviewDetail?> DetailAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var r = await Reviews(db, db.Set<DailyReview>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (r is null)
            return null;
        var lines = await db.Set<DailyReviewLine>()
            .AsNoTracking()
            .Where(l => l.DailyReviewId == id)
            .OrderByDescending(l => l.Overdue)
            .ThenBy(l => l.ReplyDueAt)
            .Select(l => new DailyReviewLineDto(
                l.ComplaintId,
                l.Number,
                l.Category,
                l.Description,
                l.OwnerStaffName,
                l.Vip,
                l.Major,
                l.ReceivedAt,
                l.ReplyDueAt,
                l.AgeDays,
                l.Overdue,
                l.RootCause,
                l.NextStep,
                l.MissingRootCause
            ))
            .ToListAsync(ct);
        return new DailyReviewDetail(r, lines);
    }
}
