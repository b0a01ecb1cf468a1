using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListCampaigns;

/// <summary>The campaigns the caller may see, the latest first, each with the caller's share of self-checks and inspections.</summary>
internal static class ListCampaignsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/campaigns").WithTags("Regulation");
        g.MapGet("/", async (WuyeDb db, CampaignReads reads, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await CampaignReads.Ordered(await CampaignReads.VisibleAsync(db, ct)).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<CampaignDto>(await reads.ToDtosAsync([.. paged.Items], ct), paged.Page, paged.PageSize, paged.Total)
                );
            })
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("Campaigns, the latest first, with self-checks, inspections and the projects not inspected yet");
        g.MapGet("/{id:guid}", async (CampaignReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("One campaign");
    }
}
