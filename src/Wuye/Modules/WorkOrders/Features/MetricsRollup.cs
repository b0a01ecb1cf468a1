using Wuye.Modules.WorkOrders.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Features;

/// <summary>
/// The work-order figures of one company × project × zone × category × technician × month
/// (month the request was opened, China time): every count the metrics need, and the minutes
/// from opening to closing as a histogram (<see cref="CloseMinutes"/>[i] occurred
/// <see cref="CloseCounts"/>[i] times), so medians and p90 over any set of rows merge exactly to
/// the minute. Rebuilt from the requests by <see cref="MetricsRollupRefresher"/>; never edited.
/// Scoped like the requests it sums (company, project, zone), so the central filters apply.
/// </summary>
public sealed class MetricsRollup : IScoped
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public RequestCategory Category { get; set; }
    public Guid? TechnicianUserId { get; set; }
    /// <summary>yyyyMM, as <see cref="ServiceRequest.OpenedMonth"/>.</summary>
    public int Month { get; set; }
    public int Created { get; set; }
    public int Closed { get; set; }
    public int Completed { get; set; }
    public int ClosedWithLimit { get; set; }
    public int ClosedOnTime { get; set; }
    public int ResponseKnown { get; set; }
    public int ResponseOnTime { get; set; }
    public int ArrivalKnown { get; set; }
    public int ArrivalOnTime { get; set; }
    public int Visited { get; set; }
    public int Rated { get; set; }
    public int Satisfied { get; set; }
    public int FirstTimeFix { get; set; }
    public int Reworked { get; set; }
    public int[] CloseMinutes { get; set; } = [];
    public int[] CloseCounts { get; set; } = [];
}

/// <summary>
/// A (company, month) whose rollup rows no longer match the requests. Written in the same
/// transaction as the request change (see <see cref="MetricsRollupModel.BeforeSave"/>), consumed
/// by the refresh: a marker can therefore never be lost between a change and its recompute.
/// Append-only, so concurrent writers never wait on each other's marker.
/// </summary>
public sealed class MetricsRollupStale
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public int Month { get; set; }
}

internal sealed class MetricsRollupModel : IModelContributor, ISaveContributor
{
    public void Configure(ModelBuilder mb)
    {
        mb.Entity<MetricsRollup>(b =>
        {
            b.ToTable("metrics_rollup", WorkOrdersModel.Schema);
            b.HasIndex(x => new { x.CompanyId, x.Month });
        });
        mb.Entity<MetricsRollupStale>(b => b.ToTable("metrics_rollup_stale", WorkOrdersModel.Schema));
        // The metrics check whether a period's partial first or last month holds any request: a range probe.
        mb.Entity<ServiceRequest>().HasIndex(x => x.OpenedAt);
        // The request list by project and status, newest first, and its count: one index range, not the project's every request.
        // It carries the other scope columns so the count (scope predicate included) is answered from the index alone.
        mb.Entity<ServiceRequest>().HasIndex(x => new { x.ProjectId, x.Status, x.OpenedAt }).IncludeProperties(x => new { x.CompanyId, x.ZoneId, x.UnitId });
    }

    public void BeforeSave(WuyeDb db)
    {
        HashSet<(Guid, int)>? stale = null;
        foreach (var e in db.ChangeTracker.Entries<ServiceRequest>())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            stale ??= [];
            stale.Add((e.Entity.CompanyId, e.Entity.OpenedMonth));
            if (e.State == EntityState.Modified)
                stale.Add(((Guid)e.Property(nameof(ServiceRequest.CompanyId)).OriginalValue!, (int)e.Property(nameof(ServiceRequest.OpenedMonth)).OriginalValue!));
        }
        foreach (var (company, month) in stale ?? [])
            db.Add(new MetricsRollupStale { Id = Guid.CreateVersion7(), CompanyId = company, Month = month });
    }
}

/// <summary>
/// Recomputes the rollup rows of every stale (company, month) from the requests, in one SQL
/// statement (one snapshot: the markers it consumes and the requests it reads agree). Refreshes
/// are serialised by an advisory lock; a marker written while one runs stays for the next.
/// </summary>
public sealed class MetricsRollupRefresher(NpgsqlDataSource dataSource)
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
        await using (var cmd = dataSource.CreateCommand("""
            insert into work_orders.metrics_rollup_stale (id, company_id, month)
            select gen_random_uuid(), company_id, opened_month from work_orders.service_request group by company_id, opened_month
            """))
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
                 count(*) filter (where r.closed_at is not null and r.rework_count = 0) as first_time_fix,
                 count(*) filter (where r.rework_count > 0) as reworked
            from work_orders.service_request r
            join keys k on r.company_id = k.company_id and r.opened_month = k.month
           where r.status <> 'Merged'
           group by 1, 2, 3, 4, 5, 6, 7)
        insert into work_orders.metrics_rollup (id, company_id, project_id, zone_id, category, technician_user_id, month,
            created, closed, completed, closed_with_limit, closed_on_time, response_known, response_on_time, arrival_known, arrival_on_time,
            visited, rated, satisfied, first_time_fix, reworked, close_minutes, close_counts)
        select gen_random_uuid(), company_id, project_id, zone_id, category, technician_user_id, month,
               sum(created)::int, sum(closed)::int, sum(completed)::int, sum(closed_with_limit)::int, sum(closed_on_time)::int,
               sum(response_known)::int, sum(response_on_time)::int, sum(arrival_known)::int, sum(arrival_on_time)::int,
               sum(visited)::int, sum(rated)::int, sum(satisfied)::int, sum(first_time_fix)::int, sum(reworked)::int,
               coalesce(array_agg(minutes order by minutes) filter (where minutes is not null), array[]::int[]),
               coalesce(array_agg(closed::int order by minutes) filter (where minutes is not null), array[]::int[])
          from cells
         group by company_id, project_id, zone_id, category, technician_user_id, month
        """;
}

/// <summary>
/// Keeps the rollup close behind the records, so a metrics read seldom has to refresh first
/// (it does when anything is stale, so figures are never behind).
/// </summary>
public sealed class MetricsRollupJob(IServiceScopeFactory scopes, ILogger<MetricsRollupJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var refresher = services.GetRequiredService<MetricsRollupRefresher>();
        return await refresher.AnyStaleAsync(ct) ? await refresher.RefreshAsync(ct) : 0;
    }
}
