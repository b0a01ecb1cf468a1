using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Inspections.Features.RetireCheckItem;

/// <summary>Retire a check item: retired, not deleted, since past results and plans still point at it.</summary>
internal static class RetireCheckItemEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/check-items")
            .WithTags("Inspections")
            .MapDelete(
                "/{id:guid}",
                async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                {
                    var item = await db.Set<CheckItem>().FirstOrDefaultAsync(i => i.Id == id, ct);
                    if (item is null)
                        return TypedResults.NotFound();
                    item.Retire(clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Retire a check item");
}
