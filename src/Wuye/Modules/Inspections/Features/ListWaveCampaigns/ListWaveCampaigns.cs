using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListWaveCampaigns;

/// <summary>Wave inspection campaigns (海浪式检查) and one campaign with its slots.</summary>
internal static class ListWaveCampaignsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/wave-inspections").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, TimeProvider clock, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await db.Set<WaveInspection>()
                    .AsNoTracking()
                    .OrderByDescending(w => w.StartsAt)
                    .ThenByDescending(w => w.Id)
                    .ToPagedAsync(page, pageSize, ct);
                var list = new List<WaveDto>();
                foreach (var w in paged.Items)
                    list.Add((await WaveViews.LoadAsync(db, clock, w.Id, ct))!);
                return TypedResults.Ok(new Paged<WaveDto>(list, paged.Page, paged.PageSize, paged.Total));
            })
            .WithSummary("Wave inspection campaigns (海浪式检查)");

        g.MapGet("/{id:guid}", async Task<Results<Ok<WaveDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                await WaveViews.LoadAsync(db, clock, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()
            )
            .WithSummary("One campaign with its slots");
    }
}
