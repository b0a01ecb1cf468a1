using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.EditReplyScript;

/// <summary>PUT /reply-scripts/{id}: an edit makes a new version; the old one stays in the script's history.</summary>
internal sealed class EditReplyScriptHandler(WuyeDb db, UserNames userNames)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/reply-scripts")
            .WithTags("Complaints")
            .MapPut(
                "/{id:guid}",
                async Task<Results<Ok<ReplyScriptDto>, NotFound>> (
                    WuyeDb db,
                    EditReplyScriptHandler handler,
                    Guid id,
                    ReplyScriptInput body,
                    CancellationToken ct
                ) =>
                    await handler.HandleAsync(id, body, ct) is { } next
                        ? TypedResults.Ok(
                            await ComplaintQueries.Scripts(db.Set<ReplyScript>().AsNoTracking().Where(x => x.Id == next)).FirstAsync(ct)
                        )
                        : TypedResults.NotFound()
            )
            .RequireRoles(ComplaintRoles.ScriptEditors)
            .WithSummary("Edit a script: makes a new version, the old one stays in its history");

    /// <summary>The new version's id; null when there is no such current script. <paramref name="id"/> is a version's or the script's
    /// id.</summary>
    public async Task<Guid?> HandleAsync(Guid id, ReplyScriptInput body, CancellationToken ct)
    {
        var current = await db.Set<ReplyScript>().FirstOrDefaultAsync(s => (s.Id == id || s.ScriptId == id) && s.IsCurrent, ct);
        if (current is null)
            return null;
        if (!db.Scope.CanWrite(current.CompanyId, current.ProjectId, null, null))
            throw new ForbiddenException("无权修改该口径", "You may not edit this script");
        var name = db.Scope.UserId is { } me ? await userNames.NameAsync(me, ct) : null;
        var next = current.NextVersion(body.Category!.Value, body.Question!, body.Answer!, name, body.ChangeNote);
        db.Add(next);
        await db.SaveChangesAsync(ct);
        return next.Id;
    }
}
