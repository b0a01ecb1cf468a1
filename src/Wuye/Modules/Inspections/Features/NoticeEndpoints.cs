using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record NoticeDto(Guid Id, string Number, Guid ProjectId, string ProjectName, Guid FindingId, string FindingType, string FindingTypeName,
    string FindingDescription, decimal Points, string CheckItemCode, string InspectorName, Guid ResponsibleUserId, string ResponsibleName,
    string RequiredAction, DateOnly Deadline, DateOnly ReverifyOn, string Status, int Round, string? ReplyText, string? ReplyOutcome, string[] ReplyPhotoUrls,
    Guid? RepliedBy, DateTimeOffset? RepliedAt, Guid? VerifiedBy, string? VerifierName, DateTimeOffset? VerifiedAt, string? VerificationNote,
    bool Overdue, uint Version);

/// <summary>The reply; for a suggestion also whether it was acknowledged (采纳) or already implemented (已落实).</summary>
public sealed record NoticeReply(string? Text, List<Guid>? PhotoIds, string? Outcome = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("text", Text, "整改情况", "What was done").MaxLength("text", Text, 1000, "整改情况", "What was done");
        if (PhotoIds is { Count: > 10 }) v.Add("photoIds", "最多 10 张照片", "At most 10 photos");
        if (Outcome is not null && !Enum.TryParse<SuggestionOutcome>(Outcome, true, out _))
            v.Add("outcome", "采纳情况应为 acknowledged（已采纳）或 implemented（已落实）", "Outcome must be acknowledged or implemented");
    }
}

/// <summary>Numbers of improvement notices: GJ + China date + a running number per company.</summary>
public static class NoticeNumbers
{
    /// <summary>Days a suggestion's follow-up runs when the inspector sets no deadline.</summary>
    public const int SuggestionDays = 7;

    /// <summary>
    /// Every notice of the company, whoever asks: a standalone one-table count, so lifting the filter here
    /// switches nothing else off. Call it under the per-company advisory lock of the recording transaction.
    /// </summary>
    public static Task<int> CountAsync(WuyeDb db, Guid companyId, CancellationToken ct) =>
        db.Set<ImprovementNotice>().IgnoreQueryFilters().AsNoTracking().CountAsync(n => n.CompanyId == companyId, ct);
}

/// <summary>Second verification: passed closes the notice; not passed reopens it with a new deadline.</summary>
public sealed record NoticeVerification(bool? Passed, string? Note, DateOnly? NewDeadline, DateOnly? NewReverifyOn) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("passed", Passed, "验证结论", "Verdict").MaxLength("note", Note, 500, "验证意见", "Note");
        if (Passed == false)
        {
            v.Required("newDeadline", NewDeadline, "新的整改期限", "New deadline");
            if (NewReverifyOn is { } rv && NewDeadline is { } dl && rv < dl) v.Add("newReverifyOn", "二次验证日期不能早于整改期限", "The verification date cannot be before the deadline");
        }
    }
}

public static class NoticeEndpoints
{
    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/improvement-notices").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, TimeProvider clock, Guid? projectId, string? status, bool? mine, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<ImprovementNotice>().AsNoTracking();
            if (projectId is { } p) q = q.Where(n => n.ProjectId == p);
            if (status is not null)
            {
                if (!Enum.TryParse<NoticeStatus>(status, true, out var s)) throw Qpi.Invalid("status", "状态应为 open、replied 或 closed", "Status must be open, replied or closed");
                q = q.Where(n => n.Status == s);
            }
            if (mine == true) { var me = Qpi.Me(db); q = q.Where(n => n.ResponsibleUserId == me); }
            var paged = await q.OrderBy(n => n.Status).ThenBy(n => n.Deadline).ThenBy(n => n.Number).ToPagedAsync(page, pageSize, ct);
            var dtos = await ToDtosAsync(db, clock, paged.Items, ct);
            return TypedResults.Ok(new Paged<NoticeDto>(dtos, paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Improvement notices (工作改进通知单) the user may see");

        g.MapGet("/{id:guid}", async Task<Results<Ok<NoticeDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
            await db.Set<ImprovementNotice>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) is { } n
                ? TypedResults.Ok((await ToDtosAsync(db, clock, [n], ct))[0]) : TypedResults.NotFound())
            .WithSummary("One improvement notice");

        g.MapPost("/{id:guid}/reply", async Task<Results<Ok<NoticeDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, NoticeReply body, CancellationToken ct) =>
        {
            var me = Qpi.Me(db);
            var n = await db.Set<ImprovementNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (n is null) return TypedResults.NotFound();
            if (n.Status != NoticeStatus.Open)
                throw new RuleException("improvement_notice.not_open", "该通知单不在待整改状态，不能回复", "The notice is not open for a reply");
            var isProjectManager = await db.RoleAssignments.AnyAsync(r => r.UserId == me && r.ProjectId == n.ProjectId && r.Role == Roles.ProjectManager, ct);
            if (n.ResponsibleUserId != me && !isProjectManager)
                throw new RuleException("improvement_notice.not_responsible", "只有责任人或项目经理可以回复整改情况", "Only the responsible person or the project manager may reply");
            var photoIds = (body.PhotoIds ?? []).Distinct().ToList();
            if (photoIds.Count > 0 && await db.Set<StoredFile>().CountAsync(f => photoIds.Contains(f.Id) && f.ProjectId == n.ProjectId, ct) != photoIds.Count)
                throw Qpi.Invalid("photoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
            var findingType = await db.Set<Finding>().Where(f => f.Id == n.FindingId).Select(f => f.Type).FirstAsync(ct);
            SuggestionOutcome? outcome = Enum.TryParse<SuggestionOutcome>(body.Outcome, true, out var o) ? o : null;
            if (findingType == FindingType.Suggestion && outcome is null)
                throw Qpi.Invalid("outcome", "请说明建议是已采纳还是已落实", "Say whether the suggestion was acknowledged or implemented");
            if (findingType != FindingType.Suggestion && outcome is not null)
                throw Qpi.Invalid("outcome", "只有建议项需要填写采纳情况", "Only a suggestion takes an outcome");
            n.ReplyOutcome = outcome;
            n.ReplyText = body.Text!.Trim();
            n.ReplyPhotoIds = [.. photoIds];
            n.RepliedBy = me;
            n.RepliedAt = clock.GetUtcNow();
            n.Status = NoticeStatus.Replied;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await ToDtosAsync(db, clock, [n], ct))[0]);
        }).RequireRoles(Roles.ProjectManager, Roles.Steward, Roles.Technician, Roles.SecurityGuard, Roles.CustomerService, Roles.MonitoringCenter,
            Roles.QualityInspector, Roles.CompanyManager)
          .WithSummary("The responsible person reports the fix, with evidence photos");

        g.MapPost("/{id:guid}/reverify", async Task<Results<Ok<NoticeDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, NoticeVerification body, CancellationToken ct) =>
        {
            var me = Qpi.Me(db);
            var today = Qpi.Today(clock);
            var n = await db.Set<ImprovementNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (n is null) return TypedResults.NotFound();
            if (n.Status != NoticeStatus.Replied)
                throw new RuleException("improvement_notice.not_replied", "整改情况尚未回复（或已关闭），不能进行二次验证", "The fix has not been reported (or the notice is closed); nothing to verify");
            if (n.RepliedBy == me)
                throw new RuleException("improvement_notice.verifier_is_fixer", "二次验证须由整改人以外的人员进行", "The second verification must be done by someone other than the person who fixed it");
            if (today < n.ReverifyOn)
                throw new RuleException("improvement_notice.reverify_not_due", $"二次验证日期为 {n.ReverifyOn:yyyy-MM-dd}，尚未到期", $"The verification is set for {n.ReverifyOn:yyyy-MM-dd}; it is not due yet");
            if (body.Passed == false && body.NewDeadline < today)
                throw Qpi.Invalid("newDeadline", $"新的整改期限不能早于今天（{today:yyyy-MM-dd}）", $"The new deadline cannot be in the past (today is {today:yyyy-MM-dd})");
            n.VerifiedBy = me;
            n.VerifierName = await Qpi.UserNameAsync(db, me, ct);
            n.VerifiedAt = clock.GetUtcNow();
            n.VerificationNote = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
            var finding = await db.Set<Finding>().FirstAsync(f => f.Id == n.FindingId, ct);
            if (body.Passed == true)
            {
                n.Status = NoticeStatus.Closed;
                finding.ClosedAt = n.VerifiedAt;
            }
            else
            {
                n.Status = NoticeStatus.Open;
                n.Round++;
                n.Deadline = body.NewDeadline!.Value;
                n.ReverifyOn = body.NewReverifyOn ?? body.NewDeadline!.Value;
            }
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await ToDtosAsync(db, clock, [n], ct))[0]);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
          .WithSummary("Second verification (二次验证) on or after the set date by someone other than the fixer: close, or reopen with a new deadline");
    }

    /// <summary>For the notices page: the newest 100 the user may see, open ones first.</summary>
    public static async Task<List<NoticeDto>> ListAsync(WuyeDb db, TimeProvider clock, string? status, CancellationToken ct)
    {
        var q = db.Set<ImprovementNotice>().AsNoTracking();
        if (Enum.TryParse<NoticeStatus>(status, true, out var s)) q = q.Where(n => n.Status == s);
        var rows = await q.OrderBy(n => n.Status).ThenBy(n => n.Deadline).ThenByDescending(n => n.Number).Take(100).ToListAsync(ct);
        return await ToDtosAsync(db, clock, rows, ct);
    }

    private static async Task<List<NoticeDto>> ToDtosAsync(WuyeDb db, TimeProvider clock, IReadOnlyList<ImprovementNotice> notices, CancellationToken ct)
    {
        var today = Qpi.Today(clock);
        var findingIds = notices.Select(n => n.FindingId).ToList();
        var findings = await (from f in db.Set<Finding>().AsNoTracking()
                              join r in db.Set<InspectionResult>() on f.ResultId equals r.Id
                              join i in db.Set<CheckItem>() on r.CheckItemId equals i.Id
                              join ins in db.Set<Inspection>() on f.InspectionId equals ins.Id
                              where findingIds.Contains(f.Id)
                              select new { f, i.Code, ins.InspectorName }).ToDictionaryAsync(x => x.f.Id, ct);
        var projectIds = notices.Select(n => n.ProjectId).Distinct().ToList();
        var projects = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. notices.Select(n =>
        {
            var f = findings.GetValueOrDefault(n.FindingId);
            return new NoticeDto(n.Id, n.Number, n.ProjectId, projects.GetValueOrDefault(n.ProjectId) ?? "", n.FindingId,
                f is null ? "" : Qpi.Code(Qpi.FindingTypes, f.f.Type), f is null ? "" : Qpi.Name(Qpi.FindingTypes, f.f.Type), f?.f.Description ?? "",
                f?.f.Points ?? 0, f?.Code ?? "", f?.InspectorName ?? "", n.ResponsibleUserId, n.ResponsibleName, n.RequiredAction, n.Deadline, n.ReverifyOn,
                n.Status.ToString().ToLowerInvariant(), n.Round, n.ReplyText, n.ReplyOutcome?.ToString().ToLowerInvariant(), [.. n.ReplyPhotoIds.Select(p => $"/api/v1/files/{p}")], n.RepliedBy, n.RepliedAt,
                n.VerifiedBy, n.VerifierName, n.VerifiedAt, n.VerificationNote, n.Status == NoticeStatus.Open && n.Deadline < today, n.Version);
        })];
    }
}
