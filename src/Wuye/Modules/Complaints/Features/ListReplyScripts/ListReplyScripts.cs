using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ListReplyScripts;

/// <summary>GET /reply-scripts: 投诉回复口径 (seed 000 #70), the current scripts, searchable by words in the question or answer.</summary>
internal static class ListReplyScripts
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/reply-scripts")
            .WithTags("Complaints")
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    EnumQuery<ComplaintCategory>? category,
                    Guid? projectId,
                    string? q,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var query = db.Set<ReplyScript>().AsNoTracking().Where(s => s.IsCurrent);
                    if (category?.Value is { } c)
                        query = query.Where(s => s.Category == c);
                    if (projectId is { } p)
                        query = query.Where(s => s.ProjectId == null || s.ProjectId == p);
                    if (!string.IsNullOrWhiteSpace(q))
                    {
                        var t = q.Trim();
                        query = query.Where(s => s.Question.Contains(t) || s.Answer.Contains(t));
                    }
                    return TypedResults.Ok(
                        await ComplaintQueries
                            .Scripts(query.OrderBy(s => s.Category).ThenBy(s => s.Question).ThenBy(s => s.Id))
                            .ToPagedAsync(page, pageSize, ct)
                    );
                }
            )
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary("Current reply scripts, searchable by words in the question or answer");
}
