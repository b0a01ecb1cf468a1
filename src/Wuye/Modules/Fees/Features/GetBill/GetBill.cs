using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.GetBill;

/// <summary>GET /bills/{id}: one bill with each line's basis (quantity × price), what is paid, and the late fee today.</summary>
internal static class GetBill
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Bills(api)
            .MapGet(
                "/{id:guid}",
                async Task<Results<Ok<BillDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                    (await BillQueries.LoadAsync(db, db.Set<Bill>().Where(b => b.Id == id), ChinaTime.Today(clock), ct)).FirstOrDefault()
                        is { } b
                        ? TypedResults.Ok(b)
                        : TypedResults.NotFound()
            )
            // Staff who keep the fees, and owners (their scope holds only their homes): not a guard or a technician.
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("One bill with its lines, each with its basis");
}
