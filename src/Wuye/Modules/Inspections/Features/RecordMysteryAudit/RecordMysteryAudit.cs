using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RecordMysteryAudit;

internal sealed record MysteryVerdict(Guid? ItemId, bool? Passed, string? Observation);

internal sealed record MysteryResultInput(string? Report, List<MysteryVerdict>? Items) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("report", Report, "暗访报告", "Report").MaxLength("report", Report, 4000, "暗访报告", "Report");
        if (Items is not { Count: > 0 })
        {
            v.Add("items", "请逐项填写暗访结果", "Give a verdict for each line");
            return;
        }
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i] is null)
            {
                v.Add($"items[{i}]", "结论不能为空", "A verdict cannot be empty");
                continue;
            }
            v.Required($"items[{i}].itemId", Items[i].ItemId, "清单项", "Line")
                .Required($"items[{i}].passed", Items[i].Passed, "结论", "Verdict")
                .MaxLength($"items[{i}].observation", Items[i].Observation, 1000, "现场情况", "Observation");
        }
    }
}

/// <summary>Record the audit's findings line by line and its report.</summary>
internal static class RecordMysteryAuditEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mystery-audits").WithTags("Inspections").RequireRoles(MysteryAuditViews.Readers);

        g.MapPost(
                "/{id:guid}/results",
                async Task<Results<Ok<MysteryAuditDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    MysteryResultInput body,
                    CancellationToken ct
                ) =>
                {
                    var audit = await db.Set<MysteryAudit>().FirstOrDefaultAsync(a => a.Id == id, ct);
                    if (audit is null)
                        return TypedResults.NotFound();
                    var lines = await db.Set<MysteryAuditItem>().Where(i => i.AuditId == id).ToListAsync(ct);
                    var given = body.Items!.Where(i => i.ItemId != null)
                        .GroupBy(i => i.ItemId!.Value)
                        .ToDictionary(x => x.Key, x => x.Last());
                    audit.RecordResults(
                        lines,
                        given.ToDictionary(x => x.Key, x => (x.Value.Passed, x.Value.Observation)),
                        body.Report!,
                        db.Scope.UserId,
                        clock.GetUtcNow()
                    );
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await MysteryAuditViews.LoadAsync(db, id, ct))!);
                }
            )
            .WithSummary("Record the audit's findings line by line and its report");
    }
}
