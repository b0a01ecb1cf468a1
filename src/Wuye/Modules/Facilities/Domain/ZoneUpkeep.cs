namespace Wuye.Modules.Facilities.Domain;

/// <summary>One zone's public-facility upkeep in a period (000#13), counted from its assets' outages.</summary>
/// <param name="Assets">Assets in the zone (by their building's zone).</param>
/// <param name="FaultsReported">Faults (failed items, reported faults) opened in the period.</param>
/// <param name="OpenFaults">Faults still not fixed at the period's end.</param>
/// <param name="Fixed">Faults fixed in the period.</param>
/// <param name="AverageFixHours">Their average hours from report to fix; null with none fixed.</param>
/// <param name="Rate">Intactness in percent over the period (<see cref="Intactness.Rate"/>).</param>
internal sealed record ZoneUpkeepLine(
    Guid? ZoneId,
    string Name,
    int Assets,
    int FaultsReported,
    int OpenFaults,
    int Fixed,
    double? AverageFixHours,
    double DownHours,
    decimal Rate
)
{
    public int Rank { get; init; }
}

/// <summary>
/// 公共设施维护片区评比 (000#13): each zone's figures from its assets' outages, and the zones ranked — higher intactness first, then
/// fewer open faults, then the shorter average fix (a zone with nothing fixed ranks as a zero-hour one), then by name.
/// </summary>
internal static class ZoneUpkeep
{
    public static ZoneUpkeepLine Of(
        Guid? zoneId,
        string name,
        IReadOnlyCollection<Guid> assets,
        IEnumerable<Outage> outages,
        DateTimeOffset from,
        DateTimeOffset to
    )
    {
        var ids = assets.ToHashSet();
        var mine = outages.Where(o => ids.Contains(o.AssetId) && o.From < to).ToList();
        var fixedIn = mine.Where(o => o.To is { } t && t >= from && t < to).ToList();
        var down = Intactness.DownHours(mine, from, to).Values.Sum();
        return new ZoneUpkeepLine(
            zoneId,
            name,
            ids.Count,
            mine.Count(o => o.From >= from),
            mine.Count(o => o.To is null || o.To >= to),
            fixedIn.Count,
            fixedIn.Count == 0 ? null : Math.Round(fixedIn.Average(o => (o.To!.Value - o.From).TotalHours), 1),
            Math.Round(down, 2),
            Intactness.Rate(ids.Count, down, from, to)
        );
    }

    public static List<ZoneUpkeepLine> Rank(IEnumerable<ZoneUpkeepLine> lines) =>
        [
            .. lines
                .OrderByDescending(l => l.Rate)
                .ThenBy(l => l.OpenFaults)
                .ThenBy(l => l.AverageFixHours ?? 0)
                .ThenBy(l => l.Name, StringComparer.Ordinal)
                .Select((l, i) => l with { Rank = i + 1 }),
        ];
}
