using Wuye.Modules.MasterData.Contracts;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

public enum ComplaintGroup { Company, Project, Month, Category, Zone, Building, Department }

/// <summary>
/// One row of complaint figures; every rate is given with its numerator and denominator, and a
/// rate over zero is null. Households = units with a current owner, where the group has them.
/// </summary>
public sealed record ComplaintMetricsRow(string Key, string Label, int Received, int Effective, int Households, int Closed,
    int Replied, int RepliedOnTime, int Postponed, int Reopened, int Visited, int Satisfied)
{
    static double? Rate(int n, int d) => d == 0 ? null : Math.Round((double)n / d, 4);
    /// <summary>有效投诉率 = effective complaints / households (target ≤ 2 %).</summary>
    public double? EffectiveRate => Rate(Effective, Households);
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
public sealed record ComplaintMetricsResult(DateOnly From, DateOnly To, ComplaintGroup GroupBy, IReadOnlyList<ComplaintMetricsRow> Rows, ComplaintMetricsRow Total,
    double EffectiveRateTarget, double HandlingRateTarget, IReadOnlyList<string> Months, IReadOnlyList<ComplaintMetricsRow> Trend, IReadOnlyList<ComplaintMonthSeries> Breakdown);

/// <summary>One group's complaints received in each month of <see cref="ComplaintMetricsResult.Months"/> (a complaint counts under each of its departments).</summary>
public sealed record ComplaintMonthSeries(string Key, string Label, int[] Received);

public enum WarningKind { CategoryRise, BuildingRise, HouseholdRepeat, TopicRepeat }

public sealed record ComplaintWarning(WarningKind Kind, Guid ProjectId, string ProjectName, string Subject, int Count, double? Baseline, string Message, Guid[] ComplaintIds);

/// <summary>
/// Complaint figures and early warnings, computed from the complaints the user may see, received
/// in [from, to) China time. Handling rate counts effective complaints closed; reply on time counts
/// first replies (closures) by the promise; postponement and reopen rates are over all complaints.
/// </summary>
public sealed class ComplaintMetrics(WuyeDb db, TimeProvider clock, ComplaintDepartments departments)
{
    public const int BaselineMonths = 3;
    public const int MinimumCount = 3;
    public const int RepeatDays = 30;

    private sealed record Fact(Guid CompanyId, Guid ProjectId, Guid? ZoneId, Guid? BuildingId, Guid UnitId, int Month, ComplaintCategory Category, string[] Departments,
        bool Effective, ComplaintStatus Status, bool? RepliedOnTime, bool Postponed, int ReopenCount, bool Visited, bool? Satisfied);

    public async Task<ComplaintMetricsResult> ComputeAsync(DateOnly? fromDate, DateOnly? toDate, ComplaintGroup? groupBy, Guid? projectId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var from = fromDate ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        var to = toDate ?? today.AddDays(1);
        if (to <= from) throw ComplaintService.Invalid("to", "结束日期应晚于开始日期", "'to' must be after 'from'");
        if (to.DayNumber - from.DayNumber > 3700) throw ComplaintService.Invalid("from", "期间不能超过 10 年", "The period must be at most 10 years");
        var group = groupBy ?? ComplaintGroup.Project;
        var start = Utc(from);
        var end = Utc(to);
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        if (projectId is { } p) q = q.Where(c => c.ProjectId == p);
        var facts = await q.Select(c => new Fact(c.CompanyId, c.ProjectId, c.ZoneId, c.BuildingId, c.UnitId, c.ReceivedMonth, c.Category, c.Departments, c.Effective, c.Status,
            c.RepliedOnTime, c.PostponedAt != null, c.ReopenCount, c.VisitedAt != null, c.Satisfied)).ToListAsync(ct);

        var h = db.UnitRefs().AsNoTracking().Where(u => u.ArchivedAt == null && db.OccupantRefs().Any(o => o.UnitId == u.Id && o.Relation == OccupantRelation.Owner && (o.Until == null || o.Until >= today)));
        if (projectId is { } hp) h = h.Where(u => u.ProjectId == hp);
        var homes = await h.GroupBy(u => new { u.CompanyId, u.ProjectId, u.ZoneId, u.BuildingId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProjectId, g.Key.ZoneId, BuildingId = (Guid?)g.Key.BuildingId, N = g.Count() }).ToListAsync(ct);
        var allHomes = homes.Sum(x => x.N);

        List<(string Key, Fact F)> keyed = [.. group switch
        {
            ComplaintGroup.Company => facts.Select(f => (f.CompanyId.ToString(), f)),
            ComplaintGroup.Project => facts.Select(f => (f.ProjectId.ToString(), f)),
            ComplaintGroup.Month => facts.Select(f => (f.Month.ToString(), f)),
            ComplaintGroup.Category => facts.Select(f => (f.Category.ToString(), f)),
            ComplaintGroup.Zone => facts.Select(f => (f.ZoneId?.ToString() ?? "", f)),
            ComplaintGroup.Building => facts.Select(f => (f.BuildingId?.ToString() ?? "", f)),
            _ => facts.SelectMany(f => (f.Departments.Length == 0 ? [""] : f.Departments).Select(d => (d, f))),
        }];
        int HomesOf(string key) => group switch
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
        var rows = groups.Select(g => Row(g.Key, labels.GetValueOrDefault(g.Key) ?? Loc.T("未指定", "Not set"), g.Select(x => x.F).ToList(), HomesOf(g.Key)))
            .OrderBy(r => group == ComplaintGroup.Month ? r.Key : r.Label, StringComparer.Ordinal).ToList();
        var total = Row("total", Loc.T("合计", "Total"), facts, allHomes);
        var months = new List<int>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m < to; m = m.AddMonths(1)) months.Add(m.Year * 100 + m.Month);
        var trend = months.Select(m => Row(m.ToString(), $"{m / 100}-{m % 100:00}", [.. facts.Where(f => f.Month == m)], allHomes)).ToList();
        var byKey = groups.ToDictionary(g => g.Key, g => g.Select(x => x.F.Month).ToList());
        var breakdown = rows.Select(r => new ComplaintMonthSeries(r.Key, r.Label, [.. months.Select(m => byKey[r.Key].Count(x => x == m))])).ToList();
        return new ComplaintMetricsResult(from, to, group, rows, total, 0.02, 1.0, [.. months.Select(m => m.ToString())], trend, breakdown);
    }

    private static ComplaintMetricsRow Row(string key, string label, IReadOnlyCollection<Fact> f, int households) => new(key, label,
        f.Count, f.Count(x => x.Effective), households, f.Count(x => x.Effective && x.Status == ComplaintStatus.Closed),
        f.Count(x => x.RepliedOnTime is not null), f.Count(x => x.RepliedOnTime == true), f.Count(x => x.Postponed), f.Count(x => x.ReopenCount > 0),
        f.Count(x => x.Visited), f.Count(x => x.Visited && x.Satisfied == true));

    private async Task<Dictionary<string, string>> LabelsAsync(ComplaintGroup group, List<string> keys, List<Guid> companies, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return group switch
        {
            ComplaintGroup.Company => await db.CompanyRefs().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            ComplaintGroup.Project => await db.ProjectRefs().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            ComplaintGroup.Zone => await db.ZoneRefs().AsNoTracking().Where(z => ids.Contains(z.Id))
                .Select(z => new { z.Id, Label = db.ProjectRefs().Where(p => p.Id == z.ProjectId).Select(p => p.Name).FirstOrDefault() + " " + z.Name }).ToDictionaryAsync(z => z.Id.ToString(), z => z.Label, ct),
            ComplaintGroup.Building => await db.BuildingRefs().AsNoTracking().Where(b => ids.Contains(b.Id))
                .Select(b => new { b.Id, Label = db.ProjectRefs().Where(p => p.Id == b.ProjectId).Select(p => p.Name).FirstOrDefault() + " " + b.Name }).ToDictionaryAsync(b => b.Id.ToString(), b => b.Label, ct),
            ComplaintGroup.Month => keys.ToDictionary(k => k, k => k.Length == 6 ? $"{k[..4]}-{k[4..]}" : k),
            ComplaintGroup.Category => keys.ToDictionary(k => k, k => Enum.TryParse<ComplaintCategory>(k, out var c) ? ComplaintService.CategoryName(c) : k),
            _ => await DepartmentLabelsAsync(keys, companies, ct),
        };
    }

    private async Task<Dictionary<string, string>> DepartmentLabelsAsync(List<string> keys, List<Guid> companies, CancellationToken ct)
    {
        var names = await departments.NamesAsync(companies, ct);
        return keys.Where(k => k != "").ToDictionary(k => k, k => names.GetValueOrDefault(k) ?? k);
    }

    /// <summary>
    /// 投诉预警 (seed 000 #74). A category or building of a project warns when this month's effective
    /// complaints reach <see cref="MinimumCount"/> and exceed the mean of the previous
    /// <see cref="BaselineMonths"/> months by more than max(2, half that mean). A household (unit)
    /// or a topic (the same category in the same building) warns when it complained twice or more
    /// in the last <see cref="RepeatDays"/> days.
    /// </summary>
    public async Task<List<ComplaintWarning>> WarningsAsync(Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var since = Utc(monthStart.AddMonths(-BaselineMonths));
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.Effective && c.ReceivedAt >= since);
        if (projectId is { } p) q = q.Where(c => c.ProjectId == p);
        var rows = await q.Select(c => new Hit(c.Id, c.ProjectId, c.BuildingId, c.UnitId, c.Category, c.ReceivedMonth, c.ReceivedAt)).ToListAsync(ct);
        var thisMonth = monthStart.Year * 100 + monthStart.Month;
        var previous = Enumerable.Range(1, BaselineMonths).Select(i => monthStart.AddMonths(-i)).Select(d => d.Year * 100 + d.Month).ToHashSet();
        var projectIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        var projectNames = await db.ProjectRefs().AsNoTracking().Where(x => projectIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var buildingIds = rows.Where(r => r.BuildingId != null).Select(r => r.BuildingId!.Value).Distinct().ToList();
        var buildings = await db.BuildingRefs().AsNoTracking().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.UnitRefs().AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Number, u.BuildingId }).ToDictionaryAsync(u => u.Id, ct);
        var warnings = new List<ComplaintWarning>();

        void Rise<TKey>(WarningKind kind, Func<Hit, TKey> key, Func<TKey, string> name) where TKey : notnull
        {
            foreach (var g in rows.Where(r => kind != WarningKind.BuildingRise || r.BuildingId != null).GroupBy(r => (r.ProjectId, Key: key(r))))
            {
                var current = g.Where(r => r.ReceivedMonth == thisMonth).ToList();
                var baseline = g.Count(r => previous.Contains(r.ReceivedMonth)) / (double)BaselineMonths;
                if (current.Count < MinimumCount || current.Count <= baseline + Math.Max(2, baseline / 2)) continue;
                var subject = name(g.Key.Key);
                warnings.Add(new ComplaintWarning(kind, g.Key.ProjectId, projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "", subject, current.Count, Math.Round(baseline, 1),
                    Loc.T($"{subject} 本月有效投诉 {current.Count} 件，高于前 {BaselineMonths} 个月月均 {baseline:0.#} 件", $"{subject}: {current.Count} effective complaints this month, above the {BaselineMonths}-month mean of {baseline:0.#}"),
                    [.. current.Select(r => r.Id)]));
            }
        }
        Rise(WarningKind.CategoryRise, r => r.Category, ComplaintService.CategoryName);
        Rise(WarningKind.BuildingRise, r => r.BuildingId!.Value, b => buildings.GetValueOrDefault(b) ?? "?");

        var recent = rows.Where(r => r.ReceivedAt >= now.AddDays(-RepeatDays)).ToList();
        foreach (var g in recent.GroupBy(r => (r.ProjectId, r.UnitId)).Where(g => g.Count() >= 2))
        {
            var u = units.GetValueOrDefault(g.Key.UnitId);
            var subject = u is null ? "?" : $"{buildings.GetValueOrDefault(u.BuildingId) ?? ""} {u.Number}".Trim();
            warnings.Add(new ComplaintWarning(WarningKind.HouseholdRepeat, g.Key.ProjectId, projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "", subject, g.Count(), null,
                Loc.T($"{subject} 近 {RepeatDays} 天投诉 {g.Count()} 次", $"{subject} complained {g.Count()} times in {RepeatDays} days"), [.. g.Select(r => r.Id)]));
        }
        foreach (var g in recent.Where(r => r.BuildingId != null).GroupBy(r => (r.ProjectId, r.BuildingId, r.Category)).Where(g => g.Count() >= 2 && g.Select(r => r.UnitId).Distinct().Count() >= 2))
        {
            var subject = $"{buildings.GetValueOrDefault(g.Key.BuildingId!.Value) ?? ""} {ComplaintService.CategoryName(g.Key.Category)}";
            warnings.Add(new ComplaintWarning(WarningKind.TopicRepeat, g.Key.ProjectId, projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "", subject, g.Count(), null,
                Loc.T($"{subject} 近 {RepeatDays} 天被 {g.Select(r => r.UnitId).Distinct().Count()} 户重复投诉 {g.Count()} 次", $"{subject}: {g.Count()} complaints from {g.Select(r => r.UnitId).Distinct().Count()} households in {RepeatDays} days"),
                [.. g.Select(r => r.Id)]));
        }
        return [.. warnings.OrderBy(w => w.ProjectName).ThenBy(w => w.Kind).ThenByDescending(w => w.Count)];
    }

    private sealed record Hit(Guid Id, Guid ProjectId, Guid? BuildingId, Guid UnitId, ComplaintCategory Category, int ReceivedMonth, DateTimeOffset ReceivedAt);

    private static DateTimeOffset Utc(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
}

internal static class ComplaintMetricsEndpoints
{
    public static readonly string[] Readers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.QualityInspector, Roles.Regulator];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaint-metrics").WithTags("Complaints");
        g.MapGet("/", async (ComplaintMetrics m, DateOnly? from, DateOnly? to, EnumQuery<ComplaintGroup>? groupBy, Guid? projectId, CancellationToken ct) =>
            TypedResults.Ok(await m.ComputeAsync(from, to, groupBy?.Value, projectId, ct)))
            .RequireRoles(Readers).WithSummary("Effective-complaint rate (target ≤ 2 %), handling rate (target 100 %), reply on time, postponement, reopen and satisfaction rates, by company, project, month, category, zone, building or department");
        g.MapGet("/warnings", async (ComplaintMetrics m, Guid? projectId, CancellationToken ct) => TypedResults.Ok(await m.WarningsAsync(projectId, ct)))
            .RequireRoles(Readers).WithSummary("Early warnings: a category or building above its 3-month baseline; a household or topic complaining twice in 30 days");
    }
}
