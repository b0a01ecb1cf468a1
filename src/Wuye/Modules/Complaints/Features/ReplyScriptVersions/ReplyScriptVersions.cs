using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.ReplyScriptVersions;

/// <summary>GET /reply-scripts/{id}/versions: every version of a script, newest first.</summary>
internal static class ReplyScriptVersions
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/reply-scripts")
            .WithTags("Complaints")
            .MapGet(
                "/{id:guid}/versions",
                async Task<Results<Ok<List<ReplyScriptDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                {
                    var scriptId = await db.Set<ReplyScript>()
                        .Where(s => s.Id == id || s.ScriptId == id)
                        .Select(s => (Guid?)s.ScriptId)
                        .FirstOrDefaultAsync(ct);
                    if (scriptId is null)
                        return TypedResults.NotFound();
                    return TypedResults.Ok(
                        await ComplaintQueries
                            .Scripts(
                                db.Set<ReplyScript>().AsNoTracking().Where(s => s.ScriptId == scriptId).OrderByDescending(s => s.VersionNo)
                            )
                            .ToListAsync(ct)
                    );
                }
            )
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary("Every version of a script, newest first");
}
