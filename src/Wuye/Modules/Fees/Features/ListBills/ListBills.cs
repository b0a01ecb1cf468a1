using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ListBills;

/// <summary>GET /bills: the bills the user may see (an owner: their homes'), newest period first, with lines and late fees today.</summary>
internal static class ListBills
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Bills(api)
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    Guid? unitId,
                    string? period,
                    bool? unpaid,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = db.Set<Bill>().AsNoTracking();
                    if (projectId is { } p)
                        q = q.Where(b => b.ProjectId == p);
                    if (unitId is { } u)
                        q = q.Where(b => b.UnitId == u);
                    if (!string.IsNullOrEmpty(period))
                    {
                        var per = Periods.Parse(period)
                            ?? throw ValidationException.For("period", "账期格式应为 yyyy-MM", "The period is yyyy-MM");
                        q = q.Where(b => b.Period == per);
                    }
                    if (unpaid is { } open)
                        q = q.Where(b => (b.Paid < b.Amount) == open);
                    var (pg, size) = Paging.Normalize(page, pageSize);
                    var ordered = q.OrderByDescending(b => b.Period).ThenBy(b => b.UnitId);
                    var total = await q.CountAsync(ct);
                    var items = await BillQueries.LoadAsync(db, ordered.Skip((pg - 1) * size).Take(size), ChinaTime.Today(clock), ct);
                    return TypedResults.Ok(new Paged<BillDto>(items, pg, size, total));
                }
            )
            // Staff who keep the fees, and owners (their scope holds only their homes): not a guard or a technician.
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("Bills (账单) the user may see, newest period first; an owner sees their homes' bills");
}
