using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.DecideObjection;

internal sealed record DecisionInput(bool? Accepted, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("accepted", Accepted, "是否采纳", "Accepted").MaxLength("note", Note, 500, "说明", "Note");
}

/// <summary>The regulator decides an objection: accepted withdraws the record, rejected makes it count.</summary>
internal sealed class DecideObjectionHandler(WuyeDb db, TimeProvider clock)
{
    public async Task DecideAsync(Guid id, bool accepted, string? note, CancellationToken ct)
    {
        var record = await db.Set<ConductRecord>().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("conduct record");
        var objected = await db.Set<ConductObjection>().AnyAsync(o => o.ConductRecordId == id, ct);
        record.Decide(accepted, note, clock.GetUtcNow(), objected);
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/conduct-records/{id:guid}/objection/decision",
                async (DecideObjectionHandler handler, ConductReads reads, Guid id, DecisionInput body, CancellationToken ct) =>
                {
                    await handler.DecideAsync(id, body.Accepted!.Value, body.Note, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("The regulator accepts (withdraws the record) or rejects an objection");
    }
}
