using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.CollectionRates;

internal enum RateGroup
{
    Project,
    Building,
    Month,
}

internal sealed record RateRow(
    string Key,
    string Label,
    Rate CurrentByAmount,
    Rate CurrentByHouseholds,
    Rate RecoveryByAmount,
    Rate RecoveryByHouseholds
);

internal sealed record CollectionRatesResult(
    int Period,
    string PeriodText,
    DateTimeOffset MeasuredTo,
    decimal Goal,
    RateGroup GroupBy,
    RateRow Total,
    IReadOnlyList<RateRow> Rows
);

/// <summary>
/// GET /collection-rates: the period's two collection rates from the records, each with numerator and
/// denominator, by amount and by households, for the places the user may see; by project, building
/// or month. Current period = this period's billing collected by the period's end (or now) / billed;
/// arrears recovery = old arrears (earlier periods, owed at the period's start) collected during the
/// period / those old arrears.
/// </summary>
internal sealed class CollectionRatesHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .CollectionRates(api)
            .MapGet(
                "/",
                async (
                    CollectionRatesHandler handler,
                    string? period,
                    Guid? projectId,
                    EnumQuery<RateGroup>? groupBy,
                    CancellationToken ct
                ) => TypedResults.Ok(await handler.HandleAsync(period, projectId, groupBy?.Value ?? RateGroup.Project, ct))
            )
            .RequireRoles(FeeRoles.Readers)
            .WithSummary(
                "Collection rates (收缴率): current period and arrears recovery, by amount and households, by project, building or month"
            );

    public async Task<CollectionRatesResult> HandleAsync(string? period, Guid? projectId, RateGroup groupBy, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        int p;
        if (string.IsNullOrEmpty(period))
            p = Periods.Of(today);
        else
            p = Periods.Parse(period)
                ?? throw ValidationException.For("period", "账期格式应为 yyyy-MM，如 2026-12", "The period is yyyy-MM, e.g. 2026-12");
        // One-off charges (装修押金…) are not the fees the collection rates measure: periodic and metered bills are.
        var bills = db.Set<Bill>().AsNoTracking().Where(b => b.Kind != BillKind.OneOff);
        if (projectId is { } pid)
            bills = bills.Where(b => b.ProjectId == pid);
        var (total, measured) = await FiguresAsync(bills, p, (_, _) => Guid.Empty, ct);
        var rows = new List<RateRow>();
        if (groupBy == RateGroup.Month)
        {
            for (var m = p; rows.Count < 12; m = Periods.Previous(m))
            {
                var (f, _) = await FiguresAsync(bills, m, (_, _) => Guid.Empty, ct);
                if (f.Count == 0)
                    break;
                rows.Add(Row(Periods.Text(m), Periods.Text(m), f[Guid.Empty]));
            }
        }
        else
        {
            var (byKey, _) = await FiguresAsync(bills, p, groupBy == RateGroup.Building ? ByBuilding : ByProject, ct);
            var keys = byKey.Keys.ToList();
            var names =
                groupBy == RateGroup.Building
                    ? await db.BuildingRefs().Where(x => keys.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct)
                    : await db.ProjectRefs().Where(x => keys.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            rows.AddRange(
                byKey
                    .Select(kv => Row(kv.Key.ToString(), names.GetValueOrDefault(kv.Key) ?? "?", kv.Value))
                    .OrderBy(r => r.Label, StringComparer.Ordinal)
                    .ThenBy(r => r.Key, StringComparer.Ordinal)
            );
        }
        var all = total.GetValueOrDefault(Guid.Empty) ?? CollectionFigures.From([], []);
        return new(p, Periods.Text(p), measured, CollectionFigures.Goal, groupBy, Row("total", Loc.T("合计", "Total"), all), rows);
    }

    private static Guid ByBuilding(Guid project, Guid building) => building;

    private static Guid ByProject(Guid project, Guid building) => project;

    private static RateRow Row(string key, string label, CollectionFigures f) =>
        new(key, label, f.CurrentByAmount, f.CurrentByHouseholds, f.RecoveryByAmount, f.RecoveryByHouseholds);

    /// <summary>
    /// The figures of period <paramref name="p"/> per key, measured from its start to its end or now, whichever is
    /// earlier (a payment booked this instant counts).
    /// </summary>
    private async Task<(Dictionary<Guid, CollectionFigures> Figures, DateTimeOffset MeasuredTo)> FiguresAsync(
        IQueryable<Bill> bills,
        int p,
        Func<Guid, Guid, Guid> key,
        CancellationToken ct
    )
    {
        var start = ChinaTime.StartOf(Periods.FirstDay(p)).ToUniversalTime();
        var next = ChinaTime.StartOf(Periods.FirstDay(Periods.Next(p))).ToUniversalTime();
        var now = clock.GetUtcNow();
        var end = now < next ? now.AddMilliseconds(1) : next;
        var allocs = db.Set<PaymentAllocation>();
        // Summed in PostgreSQL by building (the old arrears by unit first): a company's month is 100,000 bills. The allocations are
        // summed per bill in one pass and hash-joined to the bills, not looked up bill by bill.
        var paidOf = allocs
            .Where(a => a.BillPeriod == p && a.At < end)
            .GroupBy(a => a.BillId)
            .Select(g => new
            {
                BillId = g.Key,
                // A credit note (减免) settled by the end is neither billed nor collected.
                Credit = g.Sum(a => a.CreditNote ? a.Amount : 0m),
                Paid = g.Sum(a => a.CreditNote ? 0m : a.Amount),
            });
        var current = await (
            from b in bills.Where(b => b.Period == p)
            join a in paidOf on b.Id equals a.BillId into paid
            from a in paid.DefaultIfEmpty()
            select new
            {
                b.ProjectId,
                b.BuildingId,
                Amount = b.Amount - ((decimal?)a.Credit ?? 0m),
                PaidByEnd = (decimal?)a.Paid ?? 0m,
            }
        )
            .GroupBy(x => new { x.ProjectId, x.BuildingId })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                Billed = g.Sum(x => x.Amount),
                Collected = g.Sum(x => x.PaidByEnd < x.Amount ? x.PaidByEnd : x.Amount),
                Bills = g.Count(),
                Settled = g.Count(x => x.PaidByEnd >= x.Amount),
            })
            .ToListAsync(ct);
        // Owed at the start: unpaid today, or paid (partly) since the start. A bill's Paid is the sum of all its allocations, so what it
        // owed at the start is Amount − Paid + what came in since the start (less the credit notes before the end), and only the
        // allocations since the start need reading.
        var since = allocs
            .Where(a => a.BillPeriod < p && a.At >= start)
            .GroupBy(a => a.BillId)
            .Select(g => new
            {
                BillId = g.Key,
                Back = g.Sum(a => a.CreditNote && a.At < end ? 0m : a.Amount),
                Recovered = g.Sum(a => !a.CreditNote && a.At < end ? a.Amount : 0m),
            });
        var unpaid =
            from b in bills.Where(b => b.Period < p && b.Paid < b.Amount)
            join s in since on b.Id equals s.BillId into got
            from s in got.DefaultIfEmpty()
            select new
            {
                b.ProjectId,
                b.BuildingId,
                b.UnitId,
                Owed = b.Amount - b.Paid + ((decimal?)s.Back ?? 0m),
                Recovered = (decimal?)s.Recovered ?? 0m,
            };
        var paidSince =
            from s in since
            join b in bills.Where(b => b.Period < p && b.Paid >= b.Amount) on s.BillId equals b.Id
            select new
            {
                b.ProjectId,
                b.BuildingId,
                b.UnitId,
                Owed = b.Amount - b.Paid + s.Back,
                Recovered = s.Recovered,
            };
        var old = await unpaid
            .Concat(paidSince)
            .Where(x => x.Owed > 0)
            .GroupBy(x => new
            {
                x.ProjectId,
                x.BuildingId,
                x.UnitId,
            })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                Owed = g.Sum(x => x.Owed),
                Recovered = g.Sum(x => x.Recovered < x.Owed ? x.Recovered : x.Owed),
                Open = g.Count(x => x.Recovered < x.Owed),
            })
            .ToListAsync(ct);
        var totals = new Dictionary<Guid, (CurrentTotals Current, OldTotals Old)>();
        (CurrentTotals, OldTotals) Of(Guid k) => totals.GetValueOrDefault(k, (new(0, 0, 0, 0), new(0, 0, 0, 0)));
        foreach (var x in current)
        {
            var k = key(x.ProjectId, x.BuildingId);
            var (c, o) = Of(k);
            totals[k] = (c + new CurrentTotals(x.Billed, x.Collected, x.Bills, x.Settled), o);
        }
        foreach (var x in old)
        {
            var k = key(x.ProjectId, x.BuildingId);
            var (c, o) = Of(k);
            totals[k] = (c, o + new OldTotals(x.Owed, x.Recovered, 1, x.Open == 0 ? 1 : 0));
        }
        var figures = totals.ToDictionary(kv => kv.Key, kv => CollectionFigures.Of(kv.Value.Current, kv.Value.Old));
        return (figures, end);
    }
}
