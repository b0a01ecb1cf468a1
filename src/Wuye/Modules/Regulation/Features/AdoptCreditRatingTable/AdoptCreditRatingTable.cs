using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.AdoptCreditRatingTable;

internal sealed record AdoptTableInput(string? Preset, Guid? RegulatorId) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("preset", Preset, "预设", "Preset");
        if (Preset is not null && CreditPresets.Spec(Preset) is null)
            v.Add(
                "preset",
                $"预设应为 {string.Join("/", CreditPresets.Codes)}",
                $"Preset is one of {string.Join("/", CreditPresets.Codes)}"
            );
    }
}

/// <summary>A regulator adopts a preset as its new table version; the current version is retired.</summary>
internal static class AdoptCreditRatingTableEndpoint
{
    public static async Task<CreditRatingTable> NewVersionAsync(
        WuyeDb db,
        TimeProvider clock,
        Guid regulatorId,
        CreditTableSpec spec,
        CancellationToken ct
    )
    {
        var current = await RegulatorTables.CurrentAsync(db, regulatorId, ct);
        var last = await db.Set<CreditRatingTable>().Where(t => t.RegulatorId == regulatorId).MaxAsync(t => (int?)t.VersionNo, ct) ?? 0;
        var table = CreditRatingTable.Create(regulatorId, last + 1, spec);
        current?.Retire(clock.GetUtcNow());
        db.Add(table);
        await db.SaveChangesAsync(ct);
        return table;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/credit-rating-tables",
                async Task<Created<CreditTableDto>> (WuyeDb db, TimeProvider clock, AdoptTableInput body, CancellationToken ct) =>
                {
                    var regulatorId = RegulatorTables.RegulatorOf(db, body.RegulatorId);
                    var table = await NewVersionAsync(db, clock, regulatorId, CreditPresets.Spec(body.Preset!)!, ct);
                    return TypedResults.Created($"/api/v1/credit-rating-tables/{table.Id}", CreditTableDto.From(table));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Adopt a preset (yantai, shandong, shangqiu, kaihua) as the regulator's new table version");
    }
}
