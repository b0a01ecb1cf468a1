using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ComplaintFigures;

internal enum ComplaintGroup
{
    Company,
    Project,
    Month,
    Category,
    Zone,
    Building,
    Department,
}

/// <summary>
/// One row of complaint figures; every rate is given with its numerator and denominator, and a
/// rate over zero is null. Households = units with a current owner, where the group has them;
/// <see cref="Months"/> = the calendar months the row covers (1 for a month's row).
/// </summary>
internal sealed record ComplaintMetricsRow(
    string Key,
    string Label,
    int Received,
    int Effective,
    int Households,
    int Closed,
    int Replied,
    int RepliedOnTime,
    int Postponed,
    int Reopened,
    int Visited,
    int Satisfied,
    int Months = 1
)
{
    static double? Rate(int n, int d) => d == 0 ? null : Math.Round((double)n / d, 4);

    /// <summary>
    /// 有效投诉率 = effective complaints in a month / households (target ≤ 2 %): one definition for a
    /// month's point on the chart and for a longer period, which shows its monthly mean
    /// (effective / (households × months)), so the headline and the chart compare.
    /// </summary>
    public double? EffectiveRate => Rate(Effective, Households * Months);

    /// <summary>有效投诉处理率 = effective complaints closed / effective complaints (target 100 %).</summary>
    public double? HandlingRate => Rate(Closed, Effective);
    public double? ReplyOnTimeRate => Rate(RepliedOnTime, Replied);
    public double? PostponementRate => Rate(Postponed, Received);
    public double? ReopenRate => Rate(Reopened, Received);
    public double? SatisfactionRate => Rate(Satisfied, Visited);
}

/// <summary>
/// <see cref="Months"/> are the yyyyMM keys of every month of the period (empty ones too); <see cref="Trend"/>
/// has one row per month, <see cref="Breakdown"/> one series per group row with its complaints received per month.
/// </summary>
internal sealed record ComplaintMetricsResult(
    DateOnly From,
    DateOnly To,
    ComplaintGroup GroupBy,
    IReadOnlyList<ComplaintMetricsRow> Rows,
    ComplaintMetricsRow Total,
    double EffectiveRateTarget,
    double HandlingRateTarget,
    IReadOnlyList<string> Months,
    IReadOnlyList<ComplaintMetricsRow> Trend,
    IReadOnlyList<ComplaintMonthSeries> Breakdown
);

/// <summary>One group's complaints received in each month of <see cref="ComplaintMetricsResult.Months"/> (a complaint counts under each of
/// its departments).</summary>
internal sealed record ComplaintMonthSeries(string Key, string Label, int[] Received);

/// <summary>
/// GET /complaint-metrics (and the metrics page): complaint figures computed from the complaints the user may see, received
/// in [from, to) China time. Handling rate counts effective complaints closed; reply on time counts
/// first replies (closures) by the promise; postponement and reopen rates are over all complaints.
/// </summary>
internal sealed class ComplaintFiguresHandler(WuyeDb db, TimeProvider clock, ComplaintDepartments departments)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaint-metrics").WithTags("Complaints");
        g.MapGet(
                "/",
                async (
                    ComplaintFiguresHandler m,
                    DateOnly? from,
                    DateOnly? to,
                    EnumQuery<ComplaintGroup>? groupBy,
                    Guid? projectId,
                    CancellationToken ct
                ) => TypedResults.Ok(await m.ComputeAsync(from, to, groupBy?.Value, projectId, ct))
            )
            .RequireRoles(ComplaintRoles.MetricsReaders)
            .WithSummary(
                "Effective-complaint rate (target ≤ 2 %), handling rate (target 100 %), reply on time, postponement, reopen and "
                    + "satisfaction rates, by company, project, month, category, zone, building or department"
            );
    }

    private sealed record Fact(
        Guid CompanyId,
        Guid ProjectId,
        Guid? ZoneId,
        Guid? BuildingId,
        Guid UnitId,
        int Month,
        ComplaintCategory Category,
        string[] Departments,
        bool Effective,
        ComplaintStatus Status,
        bool? RepliedOnTime,
        bool Postponed,
        int ReopenCount,
        bool Visited,
        bool? Satisfied
    );

    public async Task<ComplaintMetricsResult> ComputeAsync(
        DateOnly? fromDate,
        DateOnly? toDate,
        ComplaintGroup? groupBy,
        Guid? projectId,
        CancellationToken ct
    )
    {
        var today = ChinaTime.Today(clock);
        var from = fromDate ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var to = toDate ?? today.AddDays(1);
        if (to <= from)
            throw ValidationException.For("to", "结束日期应晚于开始日期", "'to' must be after 'from'");
        if (to.DayNumber - from.DayNumber > 3700)
            throw ValidationException.For("from", "期间不能超过 10 年", "The period must be at most 10 years");
        var group = groupBy ?? ComplaintGroup.Project;
        var start = Utc(from);
        var end = Utc(to);
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        if (projectId is { } p)
            q = q.Where(c => c.ProjectId == p);
        var facts = await q.Select(c => new Fact(
                c.CompanyId,
                c.ProjectId,
                c.ZoneId,
                c.BuildingId,
                c.UnitId,
                c.ReceivedMonth,
                c.Category,
                c.Departments,
                c.Effective,
                c.Status,
                c.RepliedOnTime,
                c.PostponedAt != null,
                c.ReopenCount,
                c.VisitedAt != null,
                c.Satisfied
            ))
            .ToListAsync(ct);

        var h = db.UnitRefs()
            .AsNoTracking()
            .Where(u =>
                u.ArchivedAt == null
                && db.OccupantRefs()
                    .Any(o => o.UnitId == u.Id && o.Relation == OccupantRelation.Owner && (o.Until == null || o.Until >= today))
            );
        if (projectId is { } hp)
            h = h.Where(u => u.ProjectId == hp);
        var homes = await h.GroupBy(u => new
            {
                u.CompanyId,
                u.ProjectId,
                u.ZoneId,
                u.BuildingId,
            })
            .Select(g => new
            {
                g.Key.CompanyId,
                g.Key.ProjectId,
                g.Key.ZoneId,
                BuildingId = (Guid?)g.Key.BuildingId,
                N = g.Count(),
            })
            .ToListAsync(ct);
        var allHomes = homes.Sum(x => x.N);

        List<(string Key, Fact F)> keyed =
        [
            .. group switch
            {
                ComplaintGroup.Company => facts.Select(f => (f.CompanyId.ToString(), f)),
                ComplaintGroup.Project => facts.Select(f => (f.ProjectId.ToString(), f)),
                ComplaintGroup.Month => facts.Select(f => (f.Month.ToString(), f)),
                ComplaintGroup.Category => facts.Select(f => (f.Category.ToString(), f)),
                ComplaintGroup.Zone => facts.Select(f => (f.ZoneId?.ToString() ?? "", f)),
                ComplaintGroup.Building => facts.Select(f => (f.BuildingId?.ToString() ?? "", f)),
                _ => facts.SelectMany(f => (f.Departments.Length == 0 ? [""] : f.Departments).Select(d => (d, f))),
            },
        ];
        int HomesOf(string key) =>
            group switch
            {
                ComplaintGroup.Company => homes.Where(x => x.CompanyId.ToString() == key).Sum(x => x.N),
                ComplaintGroup.Project => homes.Where(x => x.ProjectId.ToString() == key).Sum(x => x.N),
                ComplaintGroup.Zone => homes.Where(x => (x.ZoneId?.ToString() ?? "") == key).Sum(x => x.N),
                ComplaintGroup.Building => homes.Where(x => (x.BuildingId?.ToString() ?? "") == key).Sum(x => x.N),
                ComplaintGroup.Month => allHomes,
                _ => 0, // a category or department has no households of its own
            };
        var groups = keyed.GroupBy(x => x.Key).ToList();
        var labels = await LabelsAsync(group, groups.Select(g => g.Key).ToList(), [.. facts.Select(f => f.CompanyId).Distinct()], ct);
        var months = new List<int>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m < to; m = m.AddMonths(1))
            months.Add(m.Year * 100 + m.Month);
        var rows = groups
            .Select(g =>
                Row(
                    g.Key,
                    labels.GetValueOrDefault(g.Key) ?? Loc.T("未指定", "Not set"),
                    g.Select(x => x.F).ToList(),
                    HomesOf(g.Key),
                    group == ComplaintGroup.Month ? 1 : months.Count
                )
            )
            .OrderBy(r => group == ComplaintGroup.Month ? r.Key : r.Label, StringComparer.Ordinal)
            .ToList();
        var total = Row("total", Loc.T("合计", "Total"), facts, allHomes, months.Count);
        var trend = months
            .Select(m => Row(m.ToString(), $"{m / 100}-{m % 100:00}", [.. facts.Where(f => f.Month == m)], allHomes, 1))
            .ToList();
        var byKey = groups.ToDictionary(g => g.Key, g => g.Select(x => x.F.Month).ToList());
        var breakdown = rows.Select(r => new ComplaintMonthSeries(r.Key, r.Label, [.. months.Select(m => byKey[r.Key].Count(x => x == m))]))
            .ToList();
        return new ComplaintMetricsResult(from, to, group, rows, total, 0.02, 1.0, [.. months.Select(m => m.ToString())], trend, breakdown);
    }

    private static ComplaintMetricsRow Row(string key, string label, IReadOnlyCollection<Fact> f, int households, int months) =>
        new(
            key,
            label,
            f.Count,
            f.Count(x => x.Effective),
            households,
            f.Count(x => x.Effective && x.Status == ComplaintStatus.Closed),
            f.Count(x => x.RepliedOnTime is not null),
            f.Count(x => x.RepliedOnTime == true),
            f.Count(x => x.Postponed),
            f.Count(x => x.ReopenCount > 0),
            f.Count(x => x.Visited),
            f.Count(x => x.Visited && x.Satisfied == true),
            months
        );

    private async Task<Dictionary<string, string>> LabelsAsync(
        ComplaintGroup group,
        List<string> keys,
        List<Guid> companies,
        CancellationToken ct
    )
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return group switch
        {
            ComplaintGroup.Company => await db.CompanyRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            ComplaintGroup.Project => await db.ProjectRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            ComplaintGroup.Zone => await db.ZoneRefs()
                .AsNoTracking()
                .Where(z => ids.Contains(z.Id))
                .Select(z => new
                {
                    z.Id,
                    Label = db.ProjectRefs().Where(p => p.Id == z.ProjectId).Select(p => p.Name).FirstOrDefault() + " " + z.Name,
                })
                .ToDictionaryAsync(z => z.Id.ToString(), z => z.Label, ct),
            ComplaintGroup.Building => await db.BuildingRefs()
                .AsNoTracking()
                .Where(b => ids.Contains(b.Id))
                .Select(b => new
                {
                    b.Id,
                    Label = db.ProjectRefs().Where(p => p.Id == b.ProjectId).Select(p => p.Name).FirstOrDefault() + " " + b.Name,
                })
                .ToDictionaryAsync(b => b.Id.ToString(), b => b.Label, ct),
            ComplaintGroup.Month => keys.ToDictionary(k => k, k => k.Length == 6 ? $"{k[..4]}-{k[4..]}" : k),
            ComplaintGroup.Category => keys.ToDictionary(
                k => k,
                k => Enum.TryParse<ComplaintCategory>(k, out var c) ? ComplaintText.CategoryName(c) : k
            ),
            _ => await DepartmentLabelsAsync(keys, companies, ct),
        };
    }

    private async Task<Dictionary<string, string>> DepartmentLabelsAsync(List<string> keys, List<Guid> companies, CancellationToken ct)
    {
        var names = await departments.NamesAsync(companies, ct);
        return keys.Where(k => k != "").ToDictionary(k => k, k => names.GetValueOrDefault(k) ?? k);
    }

    private static DateTimeOffset Utc(DateOnly d) => ChinaTime.StartOf(d).ToUniversalTime();
}
