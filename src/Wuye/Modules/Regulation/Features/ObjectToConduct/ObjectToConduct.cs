using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ObjectToConduct;

internal sealed record ObjectionInput(string? Reason, string? Evidence, Guid[]? FileIds = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("reason", Reason, "异议理由", "Reason")
            .MaxLength("reason", Reason, 1000, "异议理由", "Reason")
            .MaxLength("evidence", Evidence, 2000, "证据", "Evidence");
        if (FileIds is { Length: > 9 })
            v.Add("fileIds", "最多上传 9 张照片", "At most 9 photos");
    }
}

/// <summary>The company objects (异议) to a record about it, once, within the window; the record does not count until decided.</summary>
internal sealed class ObjectToConductHandler(WuyeDb db, TimeProvider clock)
{
    public async Task ObjectAsync(Guid id, ObjectionInput body, CancellationToken ct)
    {
        var record = await db.Set<ConductRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("conduct record");
        if (!db.Scope.HasRoleAt(RegulationRoles.CompanyAnswerers, record.CompanyId, null, null))
            throw new ForbiddenException("只有该企业的管理层可以提出异议", "Only the company's managers may object");
        record.CheckObjectionAllowed(ChinaTime.Today(clock));
        if (await db.Set<ConductObjection>().AnyAsync(o => o.ConductRecordId == id, ct))
            throw new RuleException("conduct.objected", "该记录已提出过异议", "An objection was already filed");
        var files = await FileStore.RequireOwnAsync(db, body.FileIds, FilePlace.Company(record.CompanyId), "fileIds", ct);
        db.Add(
            new ConductObjection
            {
                CompanyId = record.CompanyId,
                ProjectId = record.ProjectId,
                ConductRecordId = id,
                Reason = body.Reason!.Trim(),
                Evidence = string.IsNullOrWhiteSpace(body.Evidence) ? null : body.Evidence.Trim(),
                FiledByName = db.Scope.UserName ?? "",
                FileIds = files,
            }
        );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/conduct-records/{id:guid}/objection",
                async (ObjectToConductHandler handler, ConductReads reads, Guid id, ObjectionInput body, CancellationToken ct) =>
                {
                    await handler.ObjectAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.CompanyAnswerers)
            .WithSummary("The company objects to a conduct record within its objection window");
    }
}
