using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ReplyToNotice;

/// <summary>The reply; for a suggestion also whether it was acknowledged (采纳) or already implemented (已落实).</summary>
internal sealed record NoticeReply(string? Text, List<Guid>? PhotoIds, string? Outcome = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("text", Text, "整改情况", "What was done").MaxLength("text", Text, 1000, "整改情况", "What was done");
        if (PhotoIds is { Count: > 10 })
            v.Add("photoIds", "最多 10 张照片", "At most 10 photos");
        if (Outcome is not null && !Enum.TryParse<SuggestionOutcome>(Outcome, true, out _))
            v.Add("outcome", "采纳情况应为 acknowledged（已采纳）或 implemented（已落实）", "Outcome must be acknowledged or implemented");
    }
}

/// <summary>The responsible person (or the project's manager) reports the fix, with evidence photos.</summary>
internal static class ReplyToNoticeEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/improvement-notices").WithTags("Inspections");

        g.MapPost(
                "/{id:guid}/reply",
                async Task<Results<Ok<NoticeDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Wuye.Platform.Notifications.Notifier notifier,
                    Guid id,
                    NoticeReply body,
                    CancellationToken ct
                ) =>
                {
                    var me = Qpi.Me(db);
                    var n = await db.Set<ImprovementNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (n is null)
                        return TypedResults.NotFound();
                    var isProjectManager =
                        n.Status == NoticeStatus.Open
                        && await db.RoleAssignments.AnyAsync(
                            r => r.UserId == me && r.ProjectId == n.ProjectId && r.Role == Roles.ProjectManager,
                            ct
                        );
                    n.EnsureCanReply(me, isProjectManager);
                    var photoIds = (body.PhotoIds ?? []).Distinct().ToList();
                    if (
                        photoIds.Count > 0
                        && await db.Set<StoredFile>().CountAsync(f => photoIds.Contains(f.Id) && f.ProjectId == n.ProjectId, ct)
                            != photoIds.Count
                    )
                        throw ValidationException.For(
                            "photoIds",
                            "照片不存在或不属于该项目，请重新上传",
                            "A photo was not found for this project; upload it again"
                        );
                    var finding = await db.Set<Finding>()
                        .Where(f => f.Id == n.FindingId)
                        .Select(f => new { f.Type, f.InspectorUserId })
                        .FirstAsync(ct);
                    SuggestionOutcome? outcome = Enum.TryParse<SuggestionOutcome>(body.Outcome, true, out var o) ? o : null;
                    n.Reply(me, isProjectManager, finding.Type, outcome, body.Text!, [.. photoIds], clock.GetUtcNow());
                    // The inspector who found it is told the reply arrived, and from when it can be verified.
                    await notifier.NotifyAsync(
                        [finding.InspectorUserId],
                        n.CompanyId,
                        $"改进通知单 {n.Number} 已回复整改情况",
                        $"{n.ResponsibleName}：{n.ReplyText}。二次验证日期 {n.ReverifyOn:yyyy-MM-dd}。",
                        Features.InspectionHomeTasks.NoticeLinks.To(n, verify: true),
                        $"improvement-notice:{n.Id:N}:replied:{n.Round}",
                        ct
                    );
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await NoticeViews.ToDtosAsync(db, clock, [n], ct))[0]);
                }
            )
            .RequireRoles(
                Roles.ProjectManager,
                Roles.Steward,
                Roles.Technician,
                Roles.SecurityGuard,
                Roles.CustomerService,
                Roles.MonitoringCenter,
                Roles.QualityInspector,
                Roles.CompanyManager
            )
            .WithSummary("The responsible person reports the fix, with evidence photos");
    }
}
