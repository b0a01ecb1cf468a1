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

internal sealed partial class WorkOrderMetrics
{
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
            return null;
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return Math.Round(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo), 2);
    }

    private static async Task<List<Agg>> AggregateAsync<TKey>(
        IQueryable<ServiceRequest> q,
        Expression<Func<ServiceRequest, TKey>> key,
        CancellationToken ct
    )
    {
        var rows = await q.GroupBy(key)
            .Select(g => new
            {
                g.Key,
                Created = g.Count(),
                Closed = g.Count(r => r.ClosedAt != null),
                Completed = g.Count(r => r.CompletedAt != null),
                ClosedWithLimit = g.Count(r => r.ClosedAt != null && r.CompletionOnTime != null),
                ClosedOnTime = g.Count(r => r.ClosedAt != null && r.CompletionOnTime == true),
                ResponseKnown = g.Count(r => r.ResponseOnTime != null),
                ResponseOnTime = g.Count(r => r.ResponseOnTime == true),
                ArrivalKnown = g.Count(r => r.ArrivalOnTime != null),
                ArrivalOnTime = g.Count(r => r.ArrivalOnTime == true),
                Visited = g.Count(r => r.Visited),
                Rated = g.Count(r => r.Satisfied != null),
                Satisfied = g.Count(r => r.Satisfied == true),
                FirstRated = g.Count(r => r.FirstSatisfied != null),
                FirstSatisfied = g.Count(r => r.FirstSatisfied == true),
                FirstTimeFix = g.Count(r => r.ClosedAt != null && r.ReworkCount == 0),
                Reworked = g.Count(r => r.ReworkCount > 0),
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new Agg(
                r.Key,
                r.Created,
                r.Closed,
                r.Completed,
                r.ClosedWithLimit,
                r.ClosedOnTime,
                r.ResponseKnown,
                r.ResponseOnTime,
                r.ArrivalKnown,
                r.ArrivalOnTime,
                r.Visited,
                r.Rated,
                r.Satisfied,
                r.FirstRated,
                r.FirstSatisfied,
                r.FirstTimeFix,
                r.Reworked
            )),
        ];
    }

    /// <summary>
    /// Hours from opening to closing per group, as a histogram of whole minutes counted in
    /// PostgreSQL: a company with a million requests sends back a few thousand (minutes, count)
    /// rows, not a million durations. Percentiles are therefore exact to the minute.
    /// </summary>
    private static async Task<Dictionary<string, List<(double Hours, int Count)>>> DurationsAsync(
        IQueryable<ServiceRequest> q,
        MetricsGroup group,
        CancellationToken ct
    )
    {
        var closed = q.Where(r => r.ClosedAt != null);
        var histogram = group switch
        {
            MetricsGroup.Company => await HistogramAsync(closed, r => r.CompanyId, ct),
            MetricsGroup.Project => await HistogramAsync(closed, r => r.ProjectId, ct),
            MetricsGroup.Zone => await HistogramAsync(closed, r => r.ZoneId, ct),
            MetricsGroup.Category => await HistogramAsync(closed, r => r.Category, ct),
            MetricsGroup.Technician => await HistogramAsync(closed, r => r.TechnicianUserId, ct),
            _ => await HistogramAsync(closed, r => r.OpenedMonth, ct),
        };
        return histogram
            .GroupBy(h => h.Key?.ToString() ?? "")
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.Minutes).Select(h => (h.Minutes / 60.0, h.Count)).ToList());
    }

    private sealed record Bucket(object? Key, int Minutes, int Count);

    private sealed class KeyMinutes<T>
    {
        public T Key { get; set; } = default!;
        public int Minutes { get; set; }
    }

    private static async Task<List<Bucket>> HistogramAsync<TKey>(
        IQueryable<ServiceRequest> q,
        Expression<Func<ServiceRequest, TKey>> key,
        CancellationToken ct
    )
    {
        // r => new KeyMinutes<TKey> { Key = key(r), Minutes = whole minutes from opening to closing }
        Expression<Func<ServiceRequest, int>> minutes = r => (int)(r.ClosedAt!.Value - r.OpenedAt).TotalMinutes;
        var r = key.Parameters[0];
        var body = Expression.MemberInit(
            Expression.New(typeof(KeyMinutes<TKey>)),
            Expression.Bind(typeof(KeyMinutes<TKey>).GetProperty(nameof(KeyMinutes<TKey>.Key))!, key.Body),
            Expression.Bind(
                typeof(KeyMinutes<TKey>).GetProperty(nameof(KeyMinutes<TKey>.Minutes))!,
                new Rebind(minutes.Parameters[0], r).Visit(minutes.Body)
            )
        );
        var rows = await q.Select(Expression.Lambda<Func<ServiceRequest, KeyMinutes<TKey>>>(body, r))
            .GroupBy(x => new { x.Key, x.Minutes })
            .Select(g => new
            {
                g.Key.Key,
                g.Key.Minutes,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(x => new Bucket(x.Key, x.Minutes, x.Count))];
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Linear interpolation between closest ranks over a histogram of (hours, count), sorted by hours.</summary>
    public static double? Percentile(IReadOnlyList<(double Hours, int Count)> histogram, double p)
    {
        long total = histogram.Sum(h => (long)h.Count);
        if (total == 0)
            return null;
        var rank = p * (total - 1);
        double At(long index)
        {
            long seen = 0;
            foreach (var (hours, count) in histogram)
            {
                seen += count;
                if (index < seen)
                    return hours;
            }
            return histogram[^1].Hours;
        }
        var lo = (long)Math.Floor(rank);
        var hi = (long)Math.Ceiling(rank);
        var a = At(lo);
        return Math.Round(a + (At(hi) - a) * (rank - lo), 2);
    }
}
