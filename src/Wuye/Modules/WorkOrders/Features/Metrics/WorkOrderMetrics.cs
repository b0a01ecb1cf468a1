using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Metrics;

/// <summary>
/// The work-order figures, computed from the requests in the period (opened in [from, to), China
/// time): closure = closed / created; on time = closed by the completion limit / closed with a
/// limit; response and arrival on time likewise; return-visit rate = visited / completed;
/// satisfaction = satisfied / rated (the last visit); first-visit satisfaction = satisfied on the first visit / with a first
/// visit; first-time fix = closed without rework / closed; rework =
/// reworked / completed; median and p90 hours from opening to closing.
/// </summary>
internal sealed partial class WorkOrderMetrics(WuyeDb db, TimeProvider clock, MetricsRollupRefresher rollup)
{
    private sealed record Agg(
        object? Key,
        int Created,
        int Closed,
        int Completed,
        int ClosedWithLimit,
        int ClosedOnTime,
        int ResponseKnown,
        int ResponseOnTime,
        int ArrivalKnown,
        int ArrivalOnTime,
        int Visited,
        int Rated,
        int Satisfied,
        int FirstRated,
        int FirstSatisfied,
        int FirstTimeFix,
        int Reworked
    );

    private sealed record Period(DateOnly From, DateOnly To, MetricsGroup Group, DateTimeOffset Start, DateTimeOffset End);

    private Period PeriodOf(MetricsQuery query)
    {
        var today = ChinaTime.Today(clock);
        var from = query.From ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var to = query.To ?? today.AddDays(1);
        if (to <= from)
            throw ValidationException.For("to", "结束日期应晚于开始日期", "'to' must be after 'from'");
        return new Period(from, to, query.GroupBy ?? MetricsGroup.Project, ChinaMidnight(from), ChinaMidnight(to));
    }

    private static DateTimeOffset ChinaMidnight(DateOnly d) => ChinaTime.StartOf(d).ToUniversalTime();

    /// <summary>
    /// The figures from the monthly rollup when it gives exactly what the records would (see
    /// <see cref="RollupAnswersAsync"/>), else from the records. Stale months are recomputed
    /// first, so the figures are never behind the records.
    /// </summary>
    public async Task<MetricsResult> ComputeAsync(MetricsQuery query, CancellationToken ct)
    {
        var period = PeriodOf(query);
        if (await RollupAnswersAsync(query, period, ct))
        {
            if (await rollup.AnyStaleAsync(ct))
                await rollup.RefreshAsync(ct);
            return await FromRollupAsync(query, period, ct);
        }
        return await FromRecordsAsync(query, period, ct);
    }

    /// <summary>The same figures computed by scanning the requests: the definition the rollup must equal.</summary>
    public Task<MetricsResult> ComputeFromRecordsAsync(MetricsQuery query, CancellationToken ct) =>
        FromRecordsAsync(query, PeriodOf(query), ct);

    private IQueryable<ServiceRequest> Requests(MetricsQuery query)
    {
        var q = db.Set<ServiceRequest>().AsNoTracking().Where(r => r.Status != RequestStatus.Merged);
        if (query.CompanyId is { } c)
            q = q.Where(r => r.CompanyId == c);
        if (query.ProjectId is { } p)
            q = q.Where(r => r.ProjectId == p);
        if (query.ZoneId is { } z)
            q = q.Where(r => r.ZoneId == z);
        if (query.Category is { } cat)
            q = q.Where(r => r.Category == cat);
        if (query.TechnicianUserId is { } t)
            q = q.Where(r => r.TechnicianUserId == t);
        return q;
    }

    /// <summary>
    /// The rollup has no unit, so it answers only for users whose sight is whole companies or
    /// projects (the read rule then treats a rollup row as it treats each request summed in it);
    /// owners, stewards and anyone holding a unit are answered from the records, which are few
    /// for them. And it has whole months: a period starting or ending mid-month is answered from
    /// it only when that month holds no request (the user may see, of the filters) outside the period.
    /// </summary>
    private async Task<bool> RollupAnswersAsync(MetricsQuery query, Period period, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.IsGlobal && (scope.Zones.Length > 0 || scope.Units.Length > 0))
            return false;
        var q = Requests(query);
        var firstMonthStart = ChinaMidnight(new DateOnly(period.From.Year, period.From.Month, 1));
        if (firstMonthStart < period.Start && await q.AnyAsync(r => r.OpenedAt >= firstMonthStart && r.OpenedAt < period.Start, ct))
            return false;
        var last = period.To.AddDays(-1);
        var lastMonthEnd = ChinaMidnight(new DateOnly(last.Year, last.Month, 1).AddMonths(1));
        if (period.End < lastMonthEnd && await q.AnyAsync(r => r.OpenedAt >= period.End && r.OpenedAt < lastMonthEnd, ct))
            return false;
        return true;
    }

    private sealed record Cell(
        Guid CompanyId,
        Guid ProjectId,
        Guid? ZoneId,
        RequestCategory Category,
        Guid? TechnicianUserId,
        int Month,
        int Created,
        int Closed,
        int Completed,
        int ClosedWithLimit,
        int ClosedOnTime,
        int ResponseKnown,
        int ResponseOnTime,
        int ArrivalKnown,
        int ArrivalOnTime,
        int Visited,
        int Rated,
        int Satisfied,
        int FirstRated,
        int FirstSatisfied,
        int FirstTimeFix,
        int Reworked,
        int[] CloseMinutes,
        int[] CloseCounts
    );

    private async Task<MetricsResult> FromRollupAsync(MetricsQuery query, Period period, CancellationToken ct)
    {
        var firstMonth = period.From.Year * 100 + period.From.Month;
        var last = period.To.AddDays(-1);
        var lastMonth = last.Year * 100 + last.Month;
        var q = db.Set<MetricsRollup>().AsNoTracking().Where(x => x.Month >= firstMonth && x.Month <= lastMonth);
        if (query.CompanyId is { } c)
            q = q.Where(x => x.CompanyId == c);
        if (query.ProjectId is { } p)
            q = q.Where(x => x.ProjectId == p);
        if (query.ZoneId is { } z)
            q = q.Where(x => x.ZoneId == z);
        if (query.Category is { } cat)
            q = q.Where(x => x.Category == cat);
        if (query.TechnicianUserId is { } t)
            q = q.Where(x => x.TechnicianUserId == t);
        var cells = await q.Select(x => new Cell(
                x.CompanyId,
                x.ProjectId,
                x.ZoneId,
                x.Category,
                x.TechnicianUserId,
                x.Month,
                x.Created,
                x.Closed,
                x.Completed,
                x.ClosedWithLimit,
                x.ClosedOnTime,
                x.ResponseKnown,
                x.ResponseOnTime,
                x.ArrivalKnown,
                x.ArrivalOnTime,
                x.Visited,
                x.Rated,
                x.Satisfied,
                x.FirstRated,
                x.FirstSatisfied,
                x.FirstTimeFix,
                x.Reworked,
                x.CloseMinutes,
                x.CloseCounts
            ))
            .ToListAsync(ct);

        Func<Cell, object?> keyOf = period.Group switch
        {
            MetricsGroup.Company => x => x.CompanyId,
            MetricsGroup.Project => x => x.ProjectId,
            MetricsGroup.Zone => x => x.ZoneId,
            MetricsGroup.Category => x => x.Category,
            MetricsGroup.Technician => x => x.TechnicianUserId,
            _ => x => x.Month,
        };
        var aggs = new List<Agg>();
        var durations = new Dictionary<string, List<(double Hours, int Count)>>();
        foreach (var g in cells.GroupBy(keyOf))
        {
            aggs.Add(
                new Agg(
                    g.Key,
                    g.Sum(x => x.Created),
                    g.Sum(x => x.Closed),
                    g.Sum(x => x.Completed),
                    g.Sum(x => x.ClosedWithLimit),
                    g.Sum(x => x.ClosedOnTime),
                    g.Sum(x => x.ResponseKnown),
                    g.Sum(x => x.ResponseOnTime),
                    g.Sum(x => x.ArrivalKnown),
                    g.Sum(x => x.ArrivalOnTime),
                    g.Sum(x => x.Visited),
                    g.Sum(x => x.Rated),
                    g.Sum(x => x.Satisfied),
                    g.Sum(x => x.FirstRated),
                    g.Sum(x => x.FirstSatisfied),
                    g.Sum(x => x.FirstTimeFix),
                    g.Sum(x => x.Reworked)
                )
            );
            var histogram = new Dictionary<int, int>();
            foreach (var cell in g)
                for (var i = 0; i < cell.CloseMinutes.Length; i++)
                    histogram[cell.CloseMinutes[i]] = histogram.GetValueOrDefault(cell.CloseMinutes[i]) + cell.CloseCounts[i];
            if (histogram.Count > 0)
                durations[g.Key?.ToString() ?? ""] = [.. histogram.OrderBy(h => h.Key).Select(h => (h.Key / 60.0, h.Value))];
        }
        return await ResultAsync(period, aggs, durations, ct);
    }

    private async Task<MetricsResult> FromRecordsAsync(MetricsQuery query, Period period, CancellationToken ct)
    {
        var (start, end, group) = (period.Start, period.End, period.Group);
        var q = Requests(query).Where(r => r.OpenedAt >= start && r.OpenedAt < end);
        var aggs = group switch
        {
            MetricsGroup.Company => await AggregateAsync(q, r => r.CompanyId, ct),
            MetricsGroup.Project => await AggregateAsync(q, r => r.ProjectId, ct),
            MetricsGroup.Zone => await AggregateAsync(q, r => r.ZoneId, ct),
            MetricsGroup.Category => await AggregateAsync(q, r => r.Category, ct),
            MetricsGroup.Technician => await AggregateAsync(q, r => r.TechnicianUserId, ct),
            _ => await AggregateAsync(q, r => r.OpenedMonth, ct),
        };
        return await ResultAsync(period, aggs, await DurationsAsync(q, group, ct), ct);
    }

    private async Task<MetricsResult> ResultAsync(
        Period period,
        List<Agg> aggs,
        Dictionary<string, List<(double Hours, int Count)>> durations,
        CancellationToken ct
    )
    {
        var group = period.Group;
        var labels = await LabelsAsync(group, aggs.Select(a => a.Key).ToList(), ct);
        var rows = aggs.Select(a =>
            {
                var key = a.Key?.ToString() ?? "";
                var hours = durations.GetValueOrDefault(key) ?? [];
                return Row(a, key, labels.GetValueOrDefault(key) ?? Loc.T("未指定", "Not set"), hours);
            })
            .OrderBy(r => group == MetricsGroup.Month ? r.Key : r.Label, StringComparer.Ordinal)
            .ToList();
        var all = durations
            .Values.SelectMany(x => x)
            .GroupBy(h => h.Hours)
            .Select(g => (g.Key, g.Sum(h => h.Count)))
            .OrderBy(h => h.Key)
            .ToList();
        var total = Row(
            new Agg(
                null,
                aggs.Sum(a => a.Created),
                aggs.Sum(a => a.Closed),
                aggs.Sum(a => a.Completed),
                aggs.Sum(a => a.ClosedWithLimit),
                aggs.Sum(a => a.ClosedOnTime),
                aggs.Sum(a => a.ResponseKnown),
                aggs.Sum(a => a.ResponseOnTime),
                aggs.Sum(a => a.ArrivalKnown),
                aggs.Sum(a => a.ArrivalOnTime),
                aggs.Sum(a => a.Visited),
                aggs.Sum(a => a.Rated),
                aggs.Sum(a => a.Satisfied),
                aggs.Sum(a => a.FirstRated),
                aggs.Sum(a => a.FirstSatisfied),
                aggs.Sum(a => a.FirstTimeFix),
                aggs.Sum(a => a.Reworked)
            ),
            "total",
            Loc.T("合计", "Total"),
            all
        );
        return new MetricsResult(period.From, period.To, group, rows, total);
    }

    private static MetricsRow Row(Agg a, string key, string label, List<(double Hours, int Count)> hours)
    {
        return new MetricsRow(
            key,
            label,
            a.Created,
            a.Closed,
            a.Completed,
            a.ClosedWithLimit,
            a.ClosedOnTime,
            a.ResponseKnown,
            a.ResponseOnTime,
            a.ArrivalKnown,
            a.ArrivalOnTime,
            a.Visited,
            a.Rated,
            a.Satisfied,
            a.FirstRated,
            a.FirstSatisfied,
            a.FirstTimeFix,
            a.Reworked,
            Percentile(hours, 0.5),
            Percentile(hours, 0.9)
        );
    }

    /// <summary>Linear interpolation between closest ranks (as PostgreSQL's percentile_cont).</summary>
    private async Task<Dictionary<string, string>> LabelsAsync(MetricsGroup group, List<object?> keys, CancellationToken ct)
    {
        var ids = keys.OfType<Guid>().ToList();
        return group switch
        {
            MetricsGroup.Company => await db.CompanyRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            MetricsGroup.Project => await db.ProjectRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            MetricsGroup.Zone => await db.ZoneRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.Id))
                .Select(z => new
                {
                    z.Id,
                    Name = db.ProjectRefs().Where(p => p.Id == z.ProjectId).Select(p => p.Name).FirstOrDefault() + " " + z.Name,
                })
                .ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct),
            MetricsGroup.Technician => await db
                .Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName ?? u.UserName ?? "", ct),
            MetricsGroup.Category => keys.OfType<RequestCategory>().ToDictionary(k => k.ToString(), ServiceRequestText.CategoryName),
            _ => keys.OfType<int>().ToDictionary(k => k.ToString(), k => $"{k / 100}-{k % 100:D2}"),
        };
    }
}
