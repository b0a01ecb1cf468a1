using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListCheckItems;

internal sealed record CheckItemRevisionDto(
    int Revision,
    string Code,
    string Area,
    string Description,
    string? Method,
    string? Sampling,
    decimal PointsPerDeduction,
    string Frequency,
    DateTimeOffset At
);

/// <summary>The standards library (核查标准): the items, one item, an item's past wordings.</summary>
internal static class ListCheckItemsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/check-items").WithTags("Inspections");

        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    string? q,
                    string? area,
                    string? frequency,
                    bool? retired,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var query = db.Set<CheckItem>().AsNoTracking().Where(i => (i.RetiredAt != null) == (retired ?? false));
                    if (!string.IsNullOrWhiteSpace(q))
                        query = query.Where(i => i.Code.Contains(q.Trim()) || i.Description.Contains(q.Trim()));
                    if (area is not null)
                    {
                        if (!Qpi.TryParse(Qpi.Areas, area, out CheckArea a))
                            throw ValidationException.For("area", $"未知的区域“{area}”", $"Unknown area \"{area}\"");
                        query = query.Where(i => i.Area == a);
                    }
                    if (frequency is not null)
                    {
                        if (!Qpi.TryParse(Qpi.Frequencies, frequency, out CheckFrequency f))
                            throw ValidationException.For(
                                "frequency",
                                $"标准库中没有“{frequency}”这种频次",
                                $"The library knows no frequency \"{frequency}\""
                            );
                        query = query.Where(i => i.Frequency == f);
                    }
                    var paged = await query.OrderBy(i => i.Code).ThenBy(i => i.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<CheckItemDto>([.. paged.Items.Select(CheckItemRules.ToDto)], paged.Page, paged.PageSize, paged.Total)
                    );
                }
            )
            .WithSummary("The standards library (核查标准)");

        g.MapGet("/{id:guid}", async Task<Results<Ok<CheckItemDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await db.Set<CheckItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } i
                    ? TypedResults.Ok(CheckItemRules.ToDto(i))
                    : TypedResults.NotFound()
            )
            .WithSummary("One check item");

        g.MapGet(
                "/{id:guid}/revisions",
                async Task<Results<Ok<List<CheckItemRevisionDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                {
                    if (!await db.Set<CheckItem>().AnyAsync(i => i.Id == id, ct))
                        return TypedResults.NotFound();
                    var revisions = await db.Set<CheckItemRevision>()
                        .AsNoTracking()
                        .Where(r => r.CheckItemId == id)
                        .OrderByDescending(r => r.Revision)
                        .ToListAsync(ct);
                    return TypedResults.Ok(
                        revisions
                            .Select(r => new CheckItemRevisionDto(
                                r.Revision,
                                r.Code,
                                Qpi.Code(Qpi.Areas, r.Area),
                                r.Description,
                                r.Method,
                                r.Sampling,
                                r.PointsPerDeduction,
                                Qpi.Code(Qpi.Frequencies, r.Frequency),
                                r.CreatedAt
                            ))
                            .ToList()
                    );
                }
            )
            .WithSummary("Every wording a check item has had");
    }
}
