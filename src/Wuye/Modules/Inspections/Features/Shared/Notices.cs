using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record NoticeDto(
    Guid Id,
    string Number,
    Guid ProjectId,
    string ProjectName,
    Guid FindingId,
    string FindingType,
    string FindingTypeName,
    string FindingDescription,
    decimal Points,
    string CheckItemCode,
    string InspectorName,
    Guid ResponsibleUserId,
    string ResponsibleName,
    string RequiredAction,
    DateOnly Deadline,
    DateOnly ReverifyOn,
    string Status,
    int Round,
    string? ReplyText,
    string? ReplyOutcome,
    string[] ReplyPhotoUrls,
    Guid? RepliedBy,
    DateTimeOffset? RepliedAt,
    Guid? VerifiedBy,
    string? VerifierName,
    DateTimeOffset? VerifiedAt,
    string? VerificationNote,
    bool Overdue,
    uint Version
);

internal static class NoticeViews
{
    /// <summary>
    /// For the notices page: the newest 100 the user may see, open ones first. With <paramref name="mine"/>, only those
    /// that are this user's to act on: named responsible, found by them (to verify), or at a project they manage.
    /// </summary>
    public static async Task<List<NoticeDto>> ListAsync(
        WuyeDb db,
        TimeProvider clock,
        string? status,
        CancellationToken ct,
        Guid? mine = null,
        IReadOnlyCollection<Guid>? managed = null
    )
    {
        var q = db.Set<ImprovementNotice>().AsNoTracking();
        if (Enum.TryParse<NoticeStatus>(status, true, out var s))
            q = q.Where(n => n.Status == s);
        if (mine is { } me)
        {
            var projects = managed ?? [];
            q = q.Where(n =>
                n.ResponsibleUserId == me
                || projects.Contains(n.ProjectId)
                || db.Set<Finding>().Any(f => f.Id == n.FindingId && f.InspectorUserId == me)
            );
        }
        var rows = await q.OrderBy(n => n.Status).ThenBy(n => n.Deadline).ThenByDescending(n => n.Number).Take(100).ToListAsync(ct);
        return await ToDtosAsync(db, clock, rows, ct);
    }

    public static async Task<List<NoticeDto>> ToDtosAsync(
        WuyeDb db,
        TimeProvider clock,
        IReadOnlyList<ImprovementNotice> notices,
        CancellationToken ct
    )
    {
        var today = ChinaTime.Today(clock);
        var findingIds = notices.Select(n => n.FindingId).ToList();
        var findings = await (
            from f in db.Set<Finding>().AsNoTracking()
            join r in db.Set<InspectionResult>() on f.ResultId equals r.Id
            join i in db.Set<CheckItem>() on r.CheckItemId equals i.Id
            join ins in db.Set<Inspection>() on f.InspectionId equals ins.Id
            where findingIds.Contains(f.Id)
            select new
            {
                f,
                i.Code,
                ins.InspectorName,
            }
        ).ToDictionaryAsync(x => x.f.Id, ct);
        var projectIds = notices.Select(n => n.ProjectId).Distinct().ToList();
        var projects = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return
        [
            .. notices.Select(n =>
            {
                var f = findings.GetValueOrDefault(n.FindingId);
                return new NoticeDto(
                    n.Id,
                    n.Number,
                    n.ProjectId,
                    projects.GetValueOrDefault(n.ProjectId) ?? "",
                    n.FindingId,
                    f is null ? "" : Qpi.Code(Qpi.FindingTypes, f.f.Type),
                    f is null ? "" : Qpi.Name(Qpi.FindingTypes, f.f.Type),
                    f?.f.Description ?? "",
                    f?.f.Points ?? 0,
                    f?.Code ?? "",
                    f?.InspectorName ?? "",
                    n.ResponsibleUserId,
                    n.ResponsibleName,
                    n.RequiredAction,
                    n.Deadline,
                    n.ReverifyOn,
                    n.Status.ToString().ToLowerInvariant(),
                    n.Round,
                    n.ReplyText,
                    n.ReplyOutcome?.ToString().ToLowerInvariant(),
                    [.. n.ReplyPhotoIds.Select(p => $"/api/v1/files/{p}")],
                    n.RepliedBy,
                    n.RepliedAt,
                    n.VerifiedBy,
                    n.VerifierName,
                    n.VerifiedAt,
                    n.VerificationNote,
                    n.IsOverdue(today),
                    n.Version
                );
            }),
        ];
    }
}
