using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.VerifyNotice;

/// <summary>Second verification: passed closes the notice; not passed reopens it with a new deadline.</summary>
internal sealed record NoticeVerification(bool? Passed, string? Note, DateOnly? NewDeadline, DateOnly? NewReverifyOn) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("passed", Passed, "验证结论", "Verdict").MaxLength("note", Note, 500, "验证意见", "Note");
        if (Passed == false)
        {
            v.Required("newDeadline", NewDeadline, "新的整改期限", "New deadline");
            if (NewReverifyOn is { } rv && NewDeadline is { } dl && rv < dl)
                v.Add("newReverifyOn", "二次验证日期不能早于整改期限", "The verification date cannot be before the deadline");
        }
    }
}

/// <summary>Second verification (二次验证) on or after the set date by someone other than the fixer: close, or reopen with a new
/// deadline.</summary>
internal static class VerifyNoticeEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/improvement-notices").WithTags("Inspections");

        g.MapPost(
                "/{id:guid}/reverify",
                async Task<Results<Ok<NoticeDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Wuye.Platform.Notifications.Notifier notifier,
                    Guid id,
                    NoticeVerification body,
                    CancellationToken ct
                ) =>
                {
                    var me = Qpi.Me(db);
                    var today = ChinaTime.Today(clock);
                    var n = await db.Set<ImprovementNotice>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (n is null)
                        return TypedResults.NotFound();
                    var finding = await db.Set<Finding>().FirstAsync(f => f.Id == n.FindingId, ct);
                    var round = n.Round;
                    n.Verify(
                        finding,
                        me,
                        await Qpi.UserNameAsync(db, me, ct),
                        today,
                        clock.GetUtcNow(),
                        body.Passed == true,
                        body.Note,
                        body.NewDeadline,
                        body.NewReverifyOn
                    );
                    // The responsible person learns the verdict: closed, or reopened with the new deadline.
                    await notifier.NotifyAsync(
                        [n.ResponsibleUserId],
                        n.CompanyId,
                        n.Status == NoticeStatus.Closed
                            ? $"改进通知单 {n.Number} 验证通过，已关闭"
                            : $"改进通知单 {n.Number} 验证未通过，请重新整改",
                        n.Status == NoticeStatus.Closed
                            ? n.VerificationNote ?? n.RequiredAction
                            : $"{n.VerificationNote ?? n.RequiredAction}。新的期限 {n.Deadline:yyyy-MM-dd}。",
                        Features.InspectionHomeTasks.NoticeLinks.To(n, verify: false),
                        $"improvement-notice:{n.Id:N}:verified:{round}",
                        ct
                    );
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await NoticeViews.ToDtosAsync(db, clock, [n], ct))[0]);
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary(
                "Second verification (二次验证) on or after the set date by someone other than the fixer: close, or reopen with a new deadline"
            );
    }
}
