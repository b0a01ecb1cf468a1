using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.AnswerProblem;

internal sealed record AnswerInput(string? Text, string? Evidence, Guid[]? FileIds = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("text", Text, "整改情况", "What was done")
            .MaxLength("text", Text, 2000, "整改情况", "What was done")
            .MaxLength("evidence", Evidence, 2000, "证据", "Evidence");
        if (string.IsNullOrWhiteSpace(Evidence) && FileIds is not { Length: > 0 })
            v.Add("evidence", "请填写证据说明或上传照片", "Describe the evidence or upload photos");
        if (FileIds is { Length: > 9 })
            v.Add("fileIds", "最多上传 9 张照片", "At most 9 photos");
    }
}

/// <summary>The company answers a ledger entry with what it did and its evidence; the regulator then re-inspects.</summary>
internal sealed class AnswerProblemHandler(WuyeDb db, Notifier notifier)
{
    public async Task AnswerAsync(Guid id, AnswerInput body, CancellationToken ct)
    {
        var entry = await db.Set<ProblemLedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException("problem ledger entry");
        if (!db.Scope.HasRoleAt(RegulationRoles.CompanyAnswerers, entry.CompanyId, entry.ProjectId, null))
            throw new ForbiddenException("只有该企业的管理层可以回复", "Only the company's managers may answer");
        entry.CheckAnswerable();
        var files = await FileStore.RequireOwnAsync(db, body.FileIds, FilePlace.Project(entry.CompanyId, entry.ProjectId), "fileIds", ct);
        db.Add(
            new ProblemAnswer
            {
                CompanyId = entry.CompanyId,
                ProjectId = entry.ProjectId,
                ProblemLedgerEntryId = id,
                Text = body.Text!.Trim(),
                Evidence = body.Evidence?.Trim() ?? "",
                AnsweredByName = db.Scope.UserName ?? "",
                FileIds = files,
            }
        );
        await notifier.NotifyAsync(
            await RegulatorTables.UsersAsync(db, entry.RegulatorId, ct),
            null,
            Loc.T("台账问题已回复，待复查", "A ledger problem was answered, to re-inspect"),
            Loc.T($"{entry.Title}：{body.Text!.Trim()}", $"{entry.Title}: {body.Text!.Trim()}"),
            "/regulation/ledger",
            null,
            ct
        );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/problem-ledger/{id:guid}/answers",
                async (AnswerProblemHandler handler, ProblemReads reads, Guid id, AnswerInput body, CancellationToken ct) =>
                {
                    await handler.AnswerAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.CompanyAnswerers)
            .WithSummary("The company answers a ledger entry with what it did and its evidence");
    }
}
