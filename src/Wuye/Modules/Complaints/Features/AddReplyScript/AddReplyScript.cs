using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.AddReplyScript;

/// <summary>POST /reply-scripts: adds a script, for one project or (company management) for the whole company.</summary>
internal sealed class AddReplyScriptHandler(WuyeDb db, UserNames userNames)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/reply-scripts")
            .WithTags("Complaints")
            .MapPost(
                "/",
                async Task<Results<Created<ReplyScriptDto>, NotFound>> (
                    WuyeDb db,
                    AddReplyScriptHandler handler,
                    ReplyScriptInput body,
                    CancellationToken ct
                ) =>
                    await handler.HandleAsync(body, ct) is { } id
                        ? TypedResults.Created(
                            $"/api/v1/reply-scripts/{id}",
                            await ComplaintQueries.Scripts(db.Set<ReplyScript>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct)
                        )
                        : TypedResults.NotFound()
            )
            .RequireRoles(ComplaintRoles.ScriptEditors)
            .WithSummary("Add a script (for one project, or for the whole company without projectId)");

    /// <summary>The new script's id; null when the project is not the caller's to write.</summary>
    public async Task<Guid?> HandleAsync(ReplyScriptInput body, CancellationToken ct)
    {
        var companyId = await CompanyAsync(body.ProjectId, ct);
        if (companyId is null)
            return null;
        var name = db.Scope.UserId is { } me ? await userNames.NameAsync(me, ct) : null;
        var s = ReplyScript.First(
            companyId.Value,
            body.ProjectId,
            body.Category!.Value,
            body.Question!,
            body.Answer!,
            name,
            body.ChangeNote
        );
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return s.Id;
    }

    /// <summary>The company a new script belongs to: the project's, or the caller's own company for a company-wide one.</summary>
    private async Task<Guid?> CompanyAsync(Guid? projectId, CancellationToken ct)
    {
        if (projectId is { } p)
            return
                await db.ProjectRefs().Where(x => x.Id == p).Select(x => (Guid?)x.CompanyId).FirstOrDefaultAsync(ct) is { } c
                && db.Scope.CanWrite(c, p, null, null)
                ? c
                : null;
        return db.Scope.FullCompanies.Length == 1
            ? db.Scope.FullCompanies[0]
            : throw ValidationException.For(
                "projectId",
                "请选择项目（只有公司管理层可以添加全公司通用的口径）",
                "Choose a project (only company management adds company-wide scripts)"
            );
    }
}
