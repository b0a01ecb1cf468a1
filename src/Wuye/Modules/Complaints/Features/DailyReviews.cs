using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

public sealed record DailyReviewDto(Guid Id, Guid ProjectId, string ProjectName, DateOnly ReviewDate, DateTimeOffset GeneratedAt, int OpenCount, int OverdueCount, int MissingRootCauseCount);

public sealed record DailyReviewLineDto(Guid ComplaintId, string Number, ComplaintCategory Category, string Description, string OwnerStaffName, bool Vip, MajorKind? Major,
    DateTimeOffset ReceivedAt, DateTimeOffset ReplyDueAt, int AgeDays, bool Overdue, string? RootCause, string? NextStep, bool MissingRootCause);

public sealed record DailyReviewDetail(DailyReviewDto Review, IReadOnlyList<DailyReviewLineDto> Lines);

public sealed record WeeklyItemDto(Guid ComplaintId, Guid ProjectId, string Number, ComplaintCategory Category, string Description, string OwnerStaffName,
    DateTimeOffset ReceivedAt, DateTimeOffset ReplyDueAt, DateTimeOffset? RepliedAt, int DaysLate, string? PostponeReason, string? RootCause, string? NextStep, bool StillOpen);

/// <summary>
/// 每日盘点 (seed 000 #73): every open complaint of a project with its owner, age, root cause and
/// next step, as it stood when the review ran. One review per project and day (a unique key), so
/// the scheduler running twice, or two instances, never duplicate it.
/// </summary>
public sealed class DailyReviewService(WuyeDb db, TimeProvider clock)
{
    /// <summary>Produces the day's review; <paramref name="refresh"/> rebuilds an existing one in place (same record).</summary>
    public async Task<(DailyReview Review, bool Created)> ProduceAsync(Guid companyId, Guid projectId, DateOnly date, bool refresh, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var existing = await db.Set<DailyReview>().FirstOrDefaultAsync(r => r.ProjectId == projectId && r.ReviewDate == date, ct);
        if (existing is not null && !refresh) return (existing, false);
        var open = await db.Set<Complaint>().AsNoTracking().Where(c => c.ProjectId == projectId && c.Status == ComplaintStatus.Open)
            .OrderBy(c => c.ReplyDueAt).ToListAsync(ct);
        var review = existing ?? new DailyReview { CompanyId = companyId, ProjectId = projectId, ReviewDate = date };
        if (existing is null) db.Add(review);
        else db.RemoveRange(await db.Set<DailyReviewLine>().Where(l => l.DailyReviewId == existing.Id).ToListAsync(ct));
        review.GeneratedAt = now;
        foreach (var c in open)
        {
            var overdue = now > c.ReplyDueAt;
            db.Add(new DailyReviewLine
            {
                CompanyId = c.CompanyId, ProjectId = c.ProjectId, ZoneId = c.ZoneId, DailyReviewId = review.Id, ComplaintId = c.Id,
                Number = c.Number, Category = c.Category, Description = c.Description, OwnerStaffName = c.OwnerStaffName, Vip = c.Vip, Major = c.Major,
                ReceivedAt = c.ReceivedAt, ReplyDueAt = c.ReplyDueAt, AgeDays = date.DayNumber - DateOnly.FromDateTime(c.ReceivedAt.ToOffset(ChinaTime.Offset).DateTime).DayNumber,
                Overdue = overdue, RootCause = c.RootCause, NextStep = c.NextStep, MissingRootCause = overdue && string.IsNullOrWhiteSpace(c.RootCause),
            });
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

    /// <summary>
    /// The totals are counted from the lines the reader may see (the lines carry the complaint's
    /// zone), so a steward's totals are their zone's and agree with the lines shown to them; the
    /// project-wide figures stay on the review record.
    /// </summary>
    public static IQueryable<DailyReviewDto> Reviews(WuyeDb db, IQueryable<DailyReview> q) =>
        q.Select(r => new DailyReviewDto(r.Id, r.ProjectId, db.ProjectRefs().Where(p => p.Id == r.ProjectId).Select(p => p.Name).FirstOrDefault() ?? "",
            r.ReviewDate, r.GeneratedAt,
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id),
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id && l.Overdue),
            db.Set<DailyReviewLine>().Count(l => l.DailyReviewId == r.Id && l.MissingRootCause)));

    public async Task<DailyReviewDetail?> DetailAsync(Guid id, CancellationToken ct)
    {
        var r = await Reviews(db, db.Set<DailyReview>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (r is null) return null;
        var lines = await db.Set<DailyReviewLine>().AsNoTracking().Where(l => l.DailyReviewId == id)
            .OrderByDescending(l => l.Overdue).ThenBy(l => l.ReplyDueAt)
            .Select(l => new DailyReviewLineDto(l.ComplaintId, l.Number, l.Category, l.Description, l.OwnerStaffName, l.Vip, l.Major, l.ReceivedAt, l.ReplyDueAt,
                l.AgeDays, l.Overdue, l.RootCause, l.NextStep, l.MissingRootCause)).ToListAsync(ct);
        return new DailyReviewDetail(r, lines);
    }

    /// <summary>
    /// The weekly meeting list (seed 000 #75): complaints not answered in time in the seven days
    /// up to <paramref name="until"/> — still open past their promise, or replied late — with the reasons.
    /// </summary>
    public async Task<List<WeeklyItemDto>> WeeklyAsync(Guid? projectId, DateOnly until, CancellationToken ct)
    {
        var end = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var start = end.AddDays(-7);
        var now = clock.GetUtcNow();
        var cut = now < end ? now : end;
        var q = db.Set<Complaint>().AsNoTracking().Where(c =>
            (c.Status == ComplaintStatus.Open && c.ReplyDueAt < cut && c.ReceivedAt < end)
            || (c.RepliedOnTime == false && c.RepliedAt >= start && c.RepliedAt < end));
        if (projectId is { } p) q = q.Where(c => c.ProjectId == p);
        var rows = await q.OrderBy(c => c.ReplyDueAt).Take(500).ToListAsync(ct);
        return [.. rows.Select(c => new WeeklyItemDto(c.Id, c.ProjectId, c.Number, c.Category, c.Description, c.OwnerStaffName, c.ReceivedAt, c.ReplyDueAt, c.RepliedAt,
            (int)Math.Ceiling(((c.Status == ComplaintStatus.Open ? cut : c.RepliedAt ?? cut) - c.ReplyDueAt).TotalDays),
            c.PostponeReason, c.RootCause, c.NextStep, c.Status == ComplaintStatus.Open))];
    }

    internal static TableSheet Sheet(DailyReviewDetail d) => new(
        Loc.T("每日盘点", "Daily review"),
        [Loc.T("单号", "No."), Loc.T("类别", "Category"), Loc.T("内容", "Description"), Loc.T("责任人", "Owner"), Loc.T("受理时间", "Received"),
         Loc.T("承诺答复", "Reply due"), Loc.T("天数", "Age (days)"), Loc.T("超时", "Overdue"), Loc.T("根源", "Root cause"), Loc.T("下一步", "Next step")],
        d.Lines.Select(l => (IReadOnlyList<string?>)[l.Number, ComplaintService.CategoryName(l.Category), l.Description, l.OwnerStaffName,
            ChinaTime.Text(l.ReceivedAt), ChinaTime.Text(l.ReplyDueAt), l.AgeDays.ToString(), l.Overdue ? Loc.T("是", "yes") : "",
            l.RootCause ?? (l.MissingRootCause ? Loc.T("（未找出根源）", "(missing)") : ""), l.NextStep]));
}

internal static class DailyReviewEndpoints
{
    public static readonly string[] Readers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.QualityInspector, Roles.Steward];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, DateOnly? from, DateOnly? to, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<DailyReview>().AsNoTracking();
            if (projectId is { } p) q = q.Where(r => r.ProjectId == p);
            if (from is { } f) q = q.Where(r => r.ReviewDate >= f);
            if (to is { } t) q = q.Where(r => r.ReviewDate <= t);
            return TypedResults.Ok(await DailyReviewService.Reviews(db, q.OrderByDescending(r => r.ReviewDate).ThenBy(r => r.ProjectId)).ToPagedAsync(page, pageSize, ct));
        }).RequireRoles(Readers).WithSummary("Daily reviews (每日盘点), newest first");

        g.MapGet("/{id:guid}", async Task<Results<Ok<DailyReviewDetail>, NotFound>> (DailyReviewService svc, Guid id, CancellationToken ct) =>
            await svc.DetailAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound())
            .RequireRoles(Readers).WithSummary("One review with every open complaint: owner, age, root cause (required once past the promise), next step");

        g.MapGet("/{id:guid}/export", async (DailyReviewService svc, Guid id, string? format, CancellationToken ct) =>
        {
            if (!TableFile.TryFormat(format, out var f)) throw ComplaintService.Invalid("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
            var d = await svc.DetailAsync(id, ct) ?? throw new NotFoundException("daily_review");
            return TableFile.Result(f, Loc.T($"每日盘点-{d.Review.ProjectName}-{d.Review.ReviewDate:yyyyMMdd}", $"daily-review-{d.Review.ReviewDate:yyyyMMdd}"), DailyReviewService.Sheet(d));
        }).RequireRoles(Readers).WithSummary("The review as .xlsx or .csv");

        g.MapPost("/", async Task<Results<Ok<DailyReviewDetail>, NotFound>> (WuyeDb db, DailyReviewService svc, TimeProvider clock, ReviewRunInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().Where(p => p.Id == body.ProjectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
            if (project is null || !db.Scope.CanWrite(project.CompanyId, project.Id, null, null)) return TypedResults.NotFound();
            var (review, _) = await svc.ProduceAsync(project.CompanyId, project.Id, ChinaTime.Today(clock), refresh: true, ct);
            return TypedResults.Ok((await svc.DetailAsync(review.Id, ct))!);
        }).RequireRoles(Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager).WithSummary("Take today's review now (rebuilds today's record; the scheduler makes it each morning)");

        g.MapGet("/weekly", async (DailyReviewService svc, TimeProvider clock, Guid? projectId, DateOnly? until, CancellationToken ct) =>
            TypedResults.Ok(await svc.WeeklyAsync(projectId, until ?? ChinaTime.Today(clock), ct)))
            .RequireRoles(Readers).WithSummary("The weekly meeting list: complaints not answered in time in the seven days up to 'until', with reasons");
    }
}
