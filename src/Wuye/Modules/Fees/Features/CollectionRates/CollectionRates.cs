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
    /// company of 100,000 homes is one row per building and month up to p, not its bills. What each figure is:
    /// <see cref="CollectionFigures.From"/> (FeeCollectionTallyTests recounts them from the records).
    /// </summary>
    private async Task<(List<Part> Parts, DateTimeOffset MeasuredTo)> FiguresAsync(Guid? projectId, int p, CancellationToken ct)
    {
        var next = ChinaTime.StartOf(Periods.FirstDay(Periods.Next(p))).ToUniversalTime();
        var now = clock.GetUtcNow();
        var end = now < next ? now.AddMilliseconds(1) : next;
        // One row per building and period (folded), and the changes not folded yet: values of p itself, and differences added
        // up over the periods up to p (what earlier bills owed at p's start, the homes owing then).
        var tally = UpTo(db.Set<CollectionTally>(), p).Concat(UpTo(db.Set<CollectionTallyChange>(), p));
        if (projectId is { } pid)
            tally = tally.Where(t => t.ProjectId == pid);
        var sums = await tally
            .GroupBy(t => new { t.ProjectId, t.BuildingId })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.BuildingId,
                // A credit note (减免) settled by the end is neither billed nor collected.
                Billed = g.Sum(t => t.Period == p ? t.Billed - t.Credited : 0m),
                Collected = g.Sum(t => t.Period == p ? t.Paid : 0m),
                Households = g.Sum(t => t.Period == p ? t.Households : 0),
                Settled = g.Sum(t => t.Period == p ? t.SettledHouseholds : 0),
                // Owed at the start: what earlier bills still owed then, less what was credited on them during the period.
                Owed = g.Sum(t => t.OpenOld - (t.Period == p ? t.CreditedOld : 0m)),
                Recovered = g.Sum(t => t.Period == p ? t.Recovered : 0m),
                Owing = g.Sum(t => t.OwingHouseholds),
                Cleared = g.Sum(t => t.Period == p ? t.ClearedHouseholds : 0),
            })
            .ToListAsync(ct);
        var parts = sums.Where(x => x.Households != 0 || x.Billed != 0 || x.Owed != 0 || x.Owing != 0)
            .Select(x => new Part(
                x.ProjectId,
                x.BuildingId,
                new(x.Billed, x.Collected, x.Households, x.Settled),
                new(x.Owed, x.Recovered, x.Owing, x.Cleared)
            ))
            .ToList();
        return (parts, end);
    }

    /// <summary>The tally rows (folded or not) of the periods up to <paramref name="p"/>, in one shape for the union.</summary>
    private static IQueryable<CollectionTallyRow> UpTo<T>(IQueryable<T> rows, int p)
        where T : CollectionTallyRow =>
        rows.AsNoTracking()
            .Where(t => t.Period <= p)
            .Select(t => new CollectionTallyRow
            {
                ProjectId = t.ProjectId,
                BuildingId = t.BuildingId,
                Period = t.Period,
                Billed = t.Billed,
                Paid = t.Paid,
                Credited = t.Credited,
                Recovered = t.Recovered,
                CreditedOld = t.CreditedOld,
                OpenOld = t.OpenOld,
                Households = t.Households,
                SettledHouseholds = t.SettledHouseholds,
                OwingHouseholds = t.OwingHouseholds,
                ClearedHouseholds = t.ClearedHouseholds,
            });

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
