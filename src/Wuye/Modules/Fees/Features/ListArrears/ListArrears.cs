using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.ListArrears;

internal sealed record ArrearsItem(string FeeItemName, decimal[] Buckets, decimal Total);

internal sealed record ArrearsRow(
    Guid UnitId,
    Guid ProjectId,
    string UnitLabel,
    decimal[] Buckets,
    decimal Total,
    decimal LateFee,
    DateOnly OldestDue,
    IReadOnlyList<ArrearsItem> Items,
    IReadOnlyList<ArrearsReason> Reasons
);

/// <summary>A service problem that may be why a household does not pay (003): a complaint (open, or received within the last
/// year) or a service request still open; read through the Complaints and WorkOrders contracts.</summary>
internal sealed record ArrearsReason(string Kind, string Number, string Description, bool Open, DateTimeOffset At);

internal sealed record ArrearsResult(DateOnly AsOf, string[] BucketNames, decimal[] Totals, decimal Total, Paged<ArrearsRow> Units);

/// <summary>
/// GET /arrears: what is owed past its due date on a given day, per unit and fee item, aged by days
/// past due (0–30, 31–90, 91–180, 181–365, over 365), with the late fee to that day; largest first; beside each household
/// the service problems that may explain it (its complaints and open requests).
/// </summary>
internal sealed class ListArrearsHandler(WuyeDb db, TimeProvider clock, IUnitComplaints complaints, IUnitOpenRequests requests)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Arrears(api)
            .MapGet(
                "/",
                async (
                    ListArrearsHandler handler,
                    Guid? projectId,
                    Guid? buildingId,
                    DateOnly? asOf,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await handler.HandleAsync(projectId, buildingId, asOf, page, pageSize, ct))
            )
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("Arrears (欠费) aged by days past due, per unit and fee item, with late fees, on a given day (default today)");

    public async Task<ArrearsResult> HandleAsync(
        Guid? projectId,
        Guid? buildingId,
        DateOnly? asOf,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var (pg, size) = Paging.Normalize(page, pageSize);
        var day = asOf ?? ChinaTime.Today(clock);
        // On a past day, what was paid by the end of that day (later payments did not exist yet); else what is paid now.
        var pastDay = day < ChinaTime.Today(clock);
        var end = ChinaTime.StartOf(day.AddDays(1)).ToUniversalTime();
        var allocations = db.Set<PaymentAllocation>().AsNoTracking();
        var lines = db.Set<BillLine>().AsNoTracking().Where(l => l.DueDate < day);
        if (projectId is { } p)
            lines = lines.Where(l => l.ProjectId == p);
        if (buildingId is { } b)
        {
            var bills = db.Set<Bill>().Where(x => x.BuildingId == b);
            lines = lines.Where(l => bills.Any(x => x.Id == l.BillId));
        }
        var open = await lines
            .Select(l => new
            {
                l.UnitId,
                l.ProjectId,
                l.FeeItemName,
                l.DueDate,
                l.Amount,
                Paid = pastDay ? allocations.Where(a => a.BillLineId == l.Id && a.At < end).Sum(a => (decimal?)a.Amount) ?? 0m : l.Paid,
                l.GraceDays,
                l.LateFeeDailyRate,
                l.LateFeeCap,
            })
            .Where(l => l.Paid < l.Amount)
            .ToListAsync(ct);
        var n = Ageing.UpperBounds.Length + 1;
        var rows = open.GroupBy(l => (l.UnitId, l.ProjectId))
            .Select(g =>
            {
                var buckets = new decimal[n];
                foreach (var l in g)
                    buckets[Ageing.Bucket(l.DueDate, day)!.Value] += l.Amount - l.Paid;
                var items = g.GroupBy(l => l.FeeItemName)
                    .OrderBy(x => x.Key, StringComparer.Ordinal)
                    .Select(x =>
                    {
                        var ib = new decimal[n];
                        foreach (var l in x)
                            ib[Ageing.Bucket(l.DueDate, day)!.Value] += l.Amount - l.Paid;
                        return new ArrearsItem(x.Key, ib, ib.Sum());
                    })
                    .ToList();
                return new
                {
                    g.Key.UnitId,
                    g.Key.ProjectId,
                    Buckets = buckets,
                    Total = buckets.Sum(),
                    LateFee = g.Sum(l => LateFee.Compute(l.Amount - l.Paid, l.DueDate, l.GraceDays, l.LateFeeDailyRate, l.LateFeeCap, day)),
                    OldestDue = g.Min(l => l.DueDate),
                    Items = items,
                };
            })
            .OrderByDescending(r => r.Total)
            .ThenBy(r => r.UnitId)
            .ToList();
        var totals = new decimal[n];
        foreach (var r in rows)
            for (var i = 0; i < n; i++)
                totals[i] += r.Buckets[i];
        var pageRows = rows.Skip((pg - 1) * size).Take(size).ToList();
        var ids = pageRows.Select(r => r.UnitId).ToList();
        var labels = await db.UnitLabels().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Label, ct);
        var reasons = (await complaints.ForUnitsAsync(ids, clock.GetUtcNow().AddDays(-365), ct))
            .Select(c => (c.UnitId, Reason: new ArrearsReason("complaint", c.Number, c.Description, c.Open, c.ReceivedAt)))
            .Concat(
                (await requests.OpenForUnitsAsync(ids, ct)).Select(r =>
                    (r.UnitId, Reason: new ArrearsReason("request", r.Number, r.Description, true, r.OpenedAt))
                )
            )
            .ToLookup(x => x.UnitId, x => x.Reason);
        var items = pageRows
            .Select(r => new ArrearsRow(
                r.UnitId,
                r.ProjectId,
                labels.GetValueOrDefault(r.UnitId) ?? "",
                r.Buckets,
                r.Total,
                r.LateFee,
                r.OldestDue,
                r.Items,
                [.. reasons[r.UnitId].Take(10)]
            ))
            .ToList();
        return new ArrearsResult(day, Ageing.Names, totals, totals.Sum(), new Paged<ArrearsRow>(items, pg, size, rows.Count));
    }
}
