namespace Wuye.Modules.Facilities.Domain;

/// <summary>An asset out of order from a fault's report until its fix (open: still out of order).</summary>
internal sealed record Outage(Guid AssetId, DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// 设施设备完好率 (001, goal 98%): available asset-hours over total asset-hours in a period. An asset is out of order from the moment
/// a fault is reported until it is fixed; overlapping faults of one asset count once.
/// </summary>
internal static class Intactness
{
    public const decimal Goal = 98m;

    /// <summary>Hours out of order of each asset in [<paramref name="from"/>, <paramref name="to"/>), overlaps merged.</summary>
    public static Dictionary<Guid, double> DownHours(IEnumerable<Outage> outages, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new Dictionary<Guid, double>();
        foreach (var g in outages.GroupBy(o => o.AssetId))
        {
            double hours = 0;
            DateTimeOffset? curStart = null,
                curEnd = null;
            foreach (
                var o in g.Select(o => (S: o.From < from ? from : o.From, E: o.To is { } e && e < to ? e : to))
                    .Where(x => x.E > x.S)
                    .OrderBy(x => x.S)
            )
            {
                if (curEnd is { } ce && o.S <= ce)
                {
                    if (o.E > ce)
                        curEnd = o.E;
                    continue;
                }
                if (curStart is { } cs && curEnd is { } ce2)
                    hours += (ce2 - cs).TotalHours;
                (curStart, curEnd) = (o.S, o.E);
            }
            if (curStart is { } s && curEnd is { } e2)
                hours += (e2 - s).TotalHours;
            result[g.Key] = hours;
        }
        return result;
    }

    /// <summary>The rate in percent (two decimals) of <paramref name="assets"/> assets over the period; 100 with no assets.</summary>
    public static decimal Rate(int assets, double downHours, DateTimeOffset from, DateTimeOffset to)
    {
        var total = assets * (to - from).TotalHours;
        if (total <= 0)
            return 100m;
        return Math.Round((decimal)((total - downHours) / total * 100), 2);
    }
}
