using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ExportDailyReview;

/// <summary>GET /daily-reviews/{id}/export: the review as .xlsx or .csv.</summary>
internal static class ExportDailyReview
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/daily-reviews").WithTags("Complaints");
        g.MapGet("/{id:guid}/export", async (WuyeDb db, Guid id, string? format, CancellationToken ct) =>
            {
                if (!TableFile.TryFormat(format, out var f))
                    throw ValidationException.For("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
                var d = await DailyReviewQueries.DetailAsync(db, id, ct) ?? throw new NotFoundException("daily_review");
                return TableFile.Result(
                    f,
                    Loc.T(
                        $"每日盘点-{d.Review.ProjectName}-{d.Review.ReviewDate:yyyyMMdd}",
                        $"daily-review-{d.Review.ReviewDate:yyyyMMdd}"
                    ),
                    Sheet(d)
                );
            })
            .RequireRoles(ComplaintRoles.ReviewReaders)
            .WithSummary("The review as .xlsx or .csv");
    }

    internal static TableSheet Sheet(DailyReviewDetail d) =>
        new(
            Loc.T("每日盘点", "Daily review"),
            [
                Loc.T("单号", "No."),
                Loc.T("类别", "Category"),
                Loc.T("内容", "Description"),
                Loc.T("责任人", "Owner"),
                Loc.T("受理时间", "Received"),
                Loc.T("承诺答复", "Reply due"),
                Loc.T("天数", "Age (days)"),
                Loc.T("超时", "Overdue"),
                Loc.T("根源", "Root cause"),
                Loc.T("下一步", "Next step"),
            ],
            d.Lines.Select(l =>
                (IReadOnlyList<string?>)
                    [
                        l.Number,
                        ComplaintText.CategoryName(l.Category),
                        l.Description,
                        l.OwnerStaffName,
                        ChinaTime.Text(l.ReceivedAt),
                        ChinaTime.Text(l.ReplyDueAt),
                        l.AgeDays.ToString(),
                        l.Overdue ? Loc.T("是", "yes") : "",
                        l.RootCause ?? (l.MissingRootCause ? Loc.T("（未找出根源）", "(missing)") : ""),
                        l.NextStep,
                    ]
            )
        );
}
