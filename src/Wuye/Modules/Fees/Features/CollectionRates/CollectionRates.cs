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
        // One-off charges (装修押金…) are not the fees the collection rates measure: periodic and metered bills are (the tally
        // leaves them out).
        var (parts, measured) = await FiguresAsync(projectId, p, ct);
        var total = Fold(parts, (_, _) => Guid.Empty);
        var rows = new List<RateRow>();
        if (groupBy == RateGroup.Month)
        {
            for (var m = p; rows.Count < 12; m = Periods.Previous(m))
            {
                var f = m == p ? total : Fold((await FiguresAsync(projectId, m, ct)).Parts, (_, _) => Guid.Empty);
                if (f.Count == 0)
                    break;
                rows.Add(Row(Periods.Text(m), Periods.Text(m), f[Guid.Empty]));
            }
        }
        else
        {
            var byKey = Fold(parts, groupBy == RateGroup.Building ? ByBuilding : ByProject);
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
    /// earlier (a payment booked this instant counts). Read from the collection tally PostgreSQL keeps (migration 0150): a
    /// company of 100,000 homes is a few thousand tally rows, not its bills. What each figure is: <see cref="CollectionFigures.From"/>.
    /// </summary>
    private async Task<(List<Part> Parts, DateTimeOffset MeasuredTo)> FiguresAsync(Guid? projectId, int p, CancellationToken ct)
    {
        var next = ChinaTime.StartOf(Periods.FirstDay(Periods.Next(p))).ToUniversalTime();
        var now = clock.GetUtcNow();
        var end = now < next ? now.AddMilliseconds(1) : next;
        // Event periods are China months: before the start = an earlier month, by the end = this month or earlier (nothing is
        // booked after now).
        var tally = db.Set<CollectionTally>()
            .AsNoTracking()
            .Select(t => new
            {
                t.ProjectId,
                t.BuildingId,
                t.BillPeriod,
                t.EventPeriod,
                t.Billed,
                t.Paid,
                t.Credited,
                t.Households,
            })
            .Concat(
                db.Set<CollectionTallyChange>()
                    .AsNoTracking()
                    .Select(t => new
                    {
                        t.ProjectId,
                        t.BuildingId,
                        t.BillPeriod,
                        t.EventPeriod,
                        t.Billed,
                        t.Paid,
                        t.Credited,
                        t.Households,
                    })
            )
            .Where(t => t.BillPeriod <= p);
        if (projectId is { } pid)
            tally = tally.Where(t => t.ProjectId == pid);
        var sums = await tally
            .GroupBy(t => new { t.ProjectId, t.BuildingId })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                // A credit note (减免) settled by the end is neither billed nor collected.
                Billed = g.Sum(t => t.BillPeriod == p ? t.Billed - (t.EventPeriod <= p ? t.Credited : 0m) : 0m),
                Collected = g.Sum(t => t.BillPeriod == p && t.EventPeriod <= p ? t.Paid : 0m),
                Households = g.Sum(t => t.BillPeriod == p ? t.Households : 0),
                Settled = g.Sum(t => t.BillPeriod == p && t.EventPeriod <= p ? t.Households : 0),
                // Owed at the start: billed before the period, less what was paid or credited before it, less what was credited
                // during it; recovered: paid during it.
                Owed = g.Sum(t =>
                    t.BillPeriod < p
                        ? t.Billed - (t.EventPeriod < p ? t.Paid + t.Credited : 0m) - (t.EventPeriod == p ? t.Credited : 0m)
                        : 0m
                ),
                Recovered = g.Sum(t => t.BillPeriod < p && t.EventPeriod == p ? t.Paid : 0m),
            })
            .ToListAsync(ct);
        // The homes owing at the start (a month of theirs open then) and those that cleared every such month by the end.
        var months = db.Set<HouseholdMonth>().AsNoTracking().Where(h => h.Period < p && h.SettledPeriod >= p);
        if (projectId is { } mp)
            months = months.Where(h => h.ProjectId == mp);
        var owing = await months
            .GroupBy(h => new
            {
                h.ProjectId,
                h.BuildingId,
                h.UnitId,
            })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                Cleared = g.Max(h => h.SettledPeriod) <= p,
            })
            .GroupBy(x => new { x.ProjectId, x.BuildingId })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                Households = g.Count(),
                Cleared = g.Count(x => x.Cleared),
            })
            .ToListAsync(ct);
        var parts = new Dictionary<(Guid, Guid), Part>();
        foreach (var x in sums.Where(x => x.Households != 0 || x.Billed != 0 || x.Owed != 0))
            parts[(x.ProjectId, x.BuildingId)] = new(
                x.ProjectId,
                x.BuildingId,
                new(x.Billed, x.Collected, x.Households, x.Settled),
                new(x.Owed, x.Recovered, 0, 0)
            );
        foreach (var x in owing)
        {
            var part = parts.GetValueOrDefault((x.ProjectId, x.BuildingId))
                ?? new(x.ProjectId, x.BuildingId, new(0, 0, 0, 0), new(0, 0, 0, 0));
            parts[(x.ProjectId, x.BuildingId)] = part with { Old = part.Old + new OldTotals(0, 0, x.Households, x.Cleared) };
        }
        return ([.. parts.Values], end);
    }

    /// <summary>A building's (within a project) totals of the period.</summary>
    private sealed record Part(Guid ProjectId, Guid BuildingId, CurrentTotals Current, OldTotals Old);

    private static Dictionary<Guid, CollectionFigures> Fold(List<Part> parts, Func<Guid, Guid, Guid> key) =>
        parts
            .GroupBy(x => key(x.ProjectId, x.BuildingId))
            .ToDictionary(
                g => g.Key,
                g =>
                    CollectionFigures.Of(
                        g.Aggregate(new CurrentTotals(0, 0, 0, 0), (a, x) => a + x.Current),
                        g.Aggregate(new OldTotals(0, 0, 0, 0), (a, x) => a + x.Old)
                    )
            );
}
