using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ProduceDailyReview;

internal sealed record ReviewRunInput(Guid? ProjectId) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "项目", "Project");
}

/// <summary>
/// 每日盘点 (seed 000 #73): every open complaint of a project with its owner, age, root cause and
/// next step, as it stood when the review ran. One review per project and day (a unique key), so
/// the scheduler running twice, or two instances, never duplicate it. The scheduler (DailyReviewJob)
/// makes it each morning; POST /daily-reviews and the page take today's again by hand.
/// </summary>
internal sealed class ProduceDailyReviewHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapPost(
                "/",
                async Task<Results<Ok<DailyReviewDetail>, NotFound>> (
                    WuyeDb db,
                    ProduceDailyReviewHandler svc,
                    TimeProvider clock,
                    ReviewRunInput body,
                    CancellationToken ct
                ) =>
                {
                    var project = await db.ProjectRefs()
                        .AsNoTracking()
                        .Where(p => p.Id == body.ProjectId)
                        .Select(p => new { p.Id, p.CompanyId })
                        .FirstOrDefaultAsync(ct);
                    if (project is null || !db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
                        return TypedResults.NotFound();
                    var (review, _) = await svc.ProduceAsync(project.CompanyId, project.Id, ChinaTime.Today(clock), refresh: true, ct);
                    return TypedResults.Ok((await DailyReviewQueries.DetailAsync(db, review.Id, ct))!);
                }
            )
            .RequireRoles(ComplaintRoles.ReviewTakers)
            .WithSummary("Take today's review now (rebuilds today's record; the scheduler makes it each morning)");
    }

    /// <summary>Produces the day's review; <paramref name="refresh"/> rebuilds an existing one in place (same record).</summary>
    public async Task<(DailyReview Review, bool Created)> ProduceAsync(
        Guid companyId,
        Guid projectId,
        DateOnly date,
        bool refresh,
        CancellationToken ct
    )
    {
        var now = clock.GetUtcNow();
        var existing = await db.Set<DailyReview>().FirstOrDefaultAsync(r => r.ProjectId == projectId && r.ReviewDate == date, ct);
        if (existing is not null && !refresh)
            return (existing, false);
        var open = await db.Set<Complaint>()
            .AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Status == ComplaintStatus.Open)
            .OrderBy(c => c.ReplyDueAt)
            .ToListAsync(ct);
        var review = existing
            ?? new DailyReview
            {
                CompanyId = companyId,
                ProjectId = projectId,
                ReviewDate = date,
            };
        if (existing is null)
            db.Add(review);
        else
            db.RemoveRange(await db.Set<DailyReviewLine>().Where(l => l.DailyReviewId == existing.Id).ToListAsync(ct));
        review.GeneratedAt = now;
        foreach (var c in open)
        {
            var overdue = now > c.ReplyDueAt;
            db.Add(
                new DailyReviewLine
                {
                    CompanyId = c.CompanyId,
                    ProjectId = c.ProjectId,
                    ZoneId = c.ZoneId,
                    DailyReviewId = review.Id,
                    ComplaintId = c.Id,
                    Number = c.Number,
                    Category = c.Category,
                    Description = c.Description,
                    OwnerStaffName = c.OwnerStaffName,
                    Vip = c.Vip,
                    Major = c.Major,
                    ReceivedAt = c.ReceivedAt,
                    ReplyDueAt = c.ReplyDueAt,
                    AgeDays = date.DayNumber - DateOnly.FromDateTime(ChinaTime.ToChina(c.ReceivedAt).DateTime).DayNumber,
                    Overdue = overdue,
                    RootCause = c.RootCause,
                    NextStep = c.NextStep,
                    MissingRootCause = overdue && string.IsNullOrWhiteSpace(c.RootCause),
                }
            );
        }
        review.OpenCount = open.Count;
        review.OverdueCount = open.Count(c => now > c.ReplyDueAt);
        review.MissingRootCauseCount = open.Count(c => now > c.ReplyDueAt && string.IsNullOrWhiteSpace(c.RootCause));
        try
        {
            await db.SaveChangesAsync(ct);
            return (review, existing is null);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another run produced it a moment ago: theirs stands.
            db.ChangeTracker.Clear();
            return (await db.Set<DailyReview>().FirstAsync(r => r.ProjectId == projectId && r.ReviewDate == date, ct), false);
        }
    }
}
