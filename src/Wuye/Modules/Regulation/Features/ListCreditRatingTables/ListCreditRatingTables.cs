using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListCreditRatingTables;

internal sealed record CreditPresetDto(string Code, string Label, CreditTableSpec Spec);

/// <summary>The regulator's scoring tables (every version, newest first), one version, and the presets it may adopt.</summary>
internal static class ListCreditRatingTablesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/credit-rating-tables").WithTags("Regulation");
        g.MapGet("/", async (WuyeDb db, int? page, int? pageSize, CancellationToken ct) =>
            {
                var tables = await db.Set<CreditRatingTable>()
                    .AsNoTracking()
                    .OrderByDescending(t => t.CreatedAt)
                    .ThenBy(t => t.Id)
                    .ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<CreditTableDto>([.. tables.Items.Select(CreditTableDto.From)], tables.Page, tables.PageSize, tables.Total)
                );
            })
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Scoring tables of the caller's regulator, every version, newest first");
        g.MapGet("/presets", () =>
                TypedResults.Ok(
                    CreditPresets.Codes.Select(c => new CreditPresetDto(c, CreditPresets.Label(c), CreditPresets.Spec(c)!)).ToList()
                )
            )
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Published local rules a regulator may adopt as its table: Yantai, Shandong, Shangqiu, Kaihua");
        g.MapGet("/{id:guid}", async (WuyeDb db, Guid id, CancellationToken ct) =>
                TypedResults.Ok(
                    CreditTableDto.From(
                        await db.Set<CreditRatingTable>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct)
                            ?? throw new NotFoundException("credit rating table")
                    )
                )
            )
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("One version of a scoring table: items, bands and rules");
    }
}
