using Npgsql;
using Wuye.Modules.WorkOrders.Data;

namespace Wuye.Modules.WorkOrders.Features.RollUpMetrics;

/// <summary>
/// Recomputes the rollup rows of every stale (company, month) from the requests, in one SQL
/// statement (one snapshot: the markers it consumes and the requests it reads agree). Refreshes
/// are serialised by an advisory lock; a marker written while one runs stays for the next.
/// </summary>
internal sealed class MetricsRollupRefresher(NpgsqlDataSource dataSource)
{
    private const long LockKey = 0x5775_7965_726f_6c6c; // "Wuyeroll"

    /// <summary>
    /// Whole minutes from opening to closing, written exactly as EF Core translates
    /// <c>(int)(r.ClosedAt - r.OpenedAt).TotalMinutes</c> for the live computation, so both agree.
    /// </summary>
    internal const string MinutesSql = "CAST(date_part('epoch', r.closed_at - r.opened_at) / 60.0 AS integer)";

    public async Task<bool> AnyStaleAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("select exists(select 1 from work_orders.metrics_rollup_stale)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Recomputes what is stale; returns how many rollup rows were written.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lk = new NpgsqlCommand("select pg_advisory_xact_lock(@k)", conn, tx))
        {
            lk.Parameters.AddWithValue("k", LockKey);
            await lk.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = new NpgsqlCommand(RefreshSql, conn, tx) { CommandTimeout = 0 };
        var n = await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return n;
    }

    /// <summary>Marks every month that holds requests stale and recomputes: after bulk SQL that bypassed the markers.</summary>
    public async Task<int> RebuildAllAsync(CancellationToken ct)
    {
        await using (
            var cmd = dataSource.CreateCommand(
                """
                insert into work_orders.metrics_rollup_stale (id, company_id, month)
                select gen_random_uuid(), company_id, opened_month from work_orders.service_request group by company_id, opened_month
                """
            )
        )
        {
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        return await RefreshAsync(ct);
    }

    private static readonly string RefreshSql = $"""
        with stale as (delete from work_orders.metrics_rollup_stale returning company_id, month),
        keys as (select distinct company_id, month from stale),
        gone as (delete from work_orders.metrics_rollup m using keys k where m.company_id = k.company_id and m.month = k.month),
        cells as (
          select r.company_id, r.project_id, r.zone_id, r.category, r.technician_user_id, r.opened_month as month,
                 case when r.closed_at is not null then {MinutesSql} end as minutes,
                 count(*) as created,
                 count(*) filter (where r.closed_at is not null) as closed,
                 count(*) filter (where r.completed_at is not null) as completed,
                 count(*) filter (where r.closed_at is not null and r.completion_on_time is not null) as closed_with_limit,
                 count(*) filter (where r.closed_at is not null and r.completion_on_time) as closed_on_time,
                 count(*) filter (where r.response_on_time is not null) as response_known,
                 count(*) filter (where r.response_on_time) as response_on_time,
                 count(*) filter (where r.arrival_on_time is not null) as arrival_known,
                 count(*) filter (where r.arrival_on_time) as arrival_on_time,
                 count(*) filter (where r.visited) as visited,
                 count(*) filter (where r.satisfied is not null) as rated,
                 count(*) filter (where r.satisfied) as satisfied,
                 count(*) filter (where r.first_satisfied is not null) as first_rated,
                 count(*) filter (where r.first_satisfied) as first_satisfied,
                 count(*) filter (where r.closed_at is not null and r.rework_count = 0) as first_time_fix,
                 count(*) filter (where r.rework_count > 0) as reworked
            from work_orders.service_request r
            join keys k on r.company_id = k.company_id and r.opened_month = k.month
           where r.status <> 'Merged'
           group by 1, 2, 3, 4, 5, 6, 7)
        insert into work_orders.metrics_rollup (id, company_id, project_id, zone_id, category, technician_user_id, month,
            created, closed, completed, closed_with_limit, closed_on_time, response_known, response_on_time, arrival_known, arrival_on_time,
            visited, rated, satisfied, first_time_fix, reworked, close_minutes, close_counts, first_rated, first_satisfied)
        select gen_random_uuid(), company_id, project_id, zone_id, category, technician_user_id, month,
               sum(created)::int, sum(closed)::int, sum(completed)::int, sum(closed_with_limit)::int, sum(closed_on_time)::int,
               sum(response_known)::int, sum(response_on_time)::int, sum(arrival_known)::int, sum(arrival_on_time)::int,
               sum(visited)::int, sum(rated)::int, sum(satisfied)::int, sum(first_time_fix)::int, sum(reworked)::int,
               coalesce(array_agg(minutes order by minutes) filter (where minutes is not null), array[]::int[]),
               coalesce(array_agg(closed::int order by minutes) filter (where minutes is not null), array[]::int[]),
               sum(first_rated)::int, sum(first_satisfied)::int
          from cells
         group by company_id, project_id, zone_id, category, technician_user_id, month
        """;
}
