using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ArchiveFeeItem;

/// <summary>POST /fee-items/{id}/archive: the item bills no more; bills already issued keep it.</summary>
internal sealed class ArchiveFeeItemHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .FeeItems(api)
            .MapPost("/{id:guid}/archive", async (WuyeDb db, ArchiveFeeItemHandler handler, Guid id, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, ct);
                return TypedResults.Ok(await FeeItemQueries.Dtos(db.Set<FeeItem>().AsNoTracking().Where(i => i.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(FeeRoles.Managers)
            .WithSummary("Retire a fee item: later bills no longer carry it");

    public async Task HandleAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Set<FeeItem>().FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("fee item");
        item.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
