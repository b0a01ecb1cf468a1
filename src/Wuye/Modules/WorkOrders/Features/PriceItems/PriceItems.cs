using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Features.PriceItems;

internal sealed record PriceItemDto(Guid Id, string Name, PriceKind Kind, string UnitName, decimal Price);

/// <summary>/api/v1/work-orders/price-items: the price list for paid household repairs (特约服务).</summary>
internal static class PriceItemsEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapGroup("/price-items")
            .MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var q = db.Set<PriceItem>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(x => x.ProjectId == null || x.ProjectId == p);
                return TypedResults.Ok(await List(q).ToListAsync(ct));
            })
            .WithSummary("The price list for paid household repairs");

    /// <summary>The price list as the API and the technician's page show it.</summary>
    public static IQueryable<PriceItemDto> List(IQueryable<PriceItem> q) =>
        q.OrderBy(x => x.Kind).ThenBy(x => x.Name).Select(x => new PriceItemDto(x.Id, x.Name, x.Kind, x.UnitName, x.Price));
}
