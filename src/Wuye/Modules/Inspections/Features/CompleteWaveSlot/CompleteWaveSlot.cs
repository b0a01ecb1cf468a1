using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.CompleteWaveSlot;

internal sealed record WaveCompleteInput(Guid? InspectionId) : IValidatable
{
    public void Validate(Validator v) => v.Required("inspectionId", InspectionId, "核查记录", "Inspection");
}

/// <summary>Count an inspection as a slot's wave.</summary>
internal static class CompleteWaveSlotEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/wave-inspections").WithTags("Inspections");

        g.MapPost(
                "/{id:guid}/slots/{slotId:guid}/complete",
                async Task<Results<Ok<WaveDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    Guid slotId,
                    WaveCompleteInput body,
                    CancellationToken ct
                ) =>
                {
                    var slot = await db.Set<WaveSlot>().FirstOrDefaultAsync(s => s.Id == slotId && s.CampaignId == id, ct);
                    if (slot is null)
                        return TypedResults.NotFound();
                    slot.EnsureOpen();
                    var inspection = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == body.InspectionId, ct)
                        ?? throw ValidationException.For("inspectionId", "核查记录不存在", "Inspection not found");
                    slot.Complete(inspection, await db.Set<WaveSlot>().AnyAsync(s => s.InspectionId == inspection.Id, ct));
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await WaveViews.LoadAsync(db, clock, id, ct))!);
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary("Count an inspection as a slot's wave");
    }
}
