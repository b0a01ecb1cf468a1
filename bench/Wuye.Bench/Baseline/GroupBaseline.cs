using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wuye.Modules.Facilities.Features.GenerateMaintenanceTasks;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Bench.Baseline;

/// <summary>
/// The raw side of the <c>rates</c> and <c>energy</c> scenarios (BenchGroup's company): the figures of GET /api/v1/collection-rates and
/// GET /api/v1/energy-analysis computed by plain SQL with the company's scope predicate, no framework.
/// </summary>
internal static class GroupBaseline
{
    private static readonly Guid[] Empty = [];

    // The scope predicate EF Core adds for a company manager, on a table with company, project, zone and unit ids.
    private const string Scope =
        "(@g OR {0}.company_id = ANY (@c) OR {0}.project_id = ANY (@fp) OR ({0}.zone_id IS NOT NULL AND {0}.zone_id = ANY (@z)) "
        + "OR {0}.unit_id = ANY (@un) OR ({0}.zone_id IS NULL AND {0}.unit_id IS NULL AND {0}.project_id = ANY (@sp)) "
        + "OR ({0}.project_id IS NULL AND {0}.company_id = ANY (@sc)))";

    public static void Map(RouteGroupBuilder g)
    {
        // The scenarios' company, added once (BenchGroup); the seeding run of the bench's size says how big.
        g.MapPost("/group-setup", async (NpgsqlDataSource db, SetupBody body) =>
            Results.Ok(new { added = await BenchGroup.EnsureAsync(db, body.Size) })
        );

        // The period's two rates by project: this period's bills (billed, collected by the end, settled bills) and the old arrears
        // (owed at the start, recovered during the period, households all of whose old bills were recovered), each by project.
        g.MapGet("/collection-rates", async (NpgsqlDataSource db, TimeProvider clock, Guid companyId) =>
        {
            var today = ChinaTime.Today(clock);
            var p = today.Year * 100 + today.Month;
            var args = new
            {
                g = false,
                c = new[] { companyId },
                fp = Empty,
                z = Empty,
                un = Empty,
                sp = Empty,
                sc = Empty,
                p,
            };
            await using var conn = await db.OpenConnectionAsync();
            // The statement the app's handler sends (CollectionRatesHandler.FiguresAsync): the collection tally (folded rows and the
            // changes not yet folded) of the periods up to this one, summed by building.
            var sums = await conn.QueryAsync<(
                Guid ProjectId,
                Guid BuildingId,
                decimal Billed,
                decimal Collected,
                long Households,
                long Settled,
                decimal Owed,
                decimal Recovered,
                long Owing,
                long Cleared
            )>(
                $"""
                select t.project_id, t.building_id,
                       sum(case when t.period = @p then t.billed - t.credited else 0 end),
                       sum(case when t.period = @p then t.paid else 0 end),
                       sum(case when t.period = @p then t.households else 0 end),
                       sum(case when t.period = @p then t.settled_households else 0 end),
                       sum(t.open_old - case when t.period = @p then t.credited_old else 0 end),
                       sum(case when t.period = @p then t.recovered else 0 end),
                       sum(t.owing_households),
                       sum(case when t.period = @p then t.cleared_households else 0 end)
                  from (select project_id, company_id, zone_id, building_id, period, billed, paid, credited, recovered, credited_old,
                               open_old, households, settled_households, owing_households, cleared_households, null::uuid as unit_id
                          from fees.collection_tally where period <= @p
                        union all
                        select project_id, company_id, zone_id, building_id, period, billed, paid, credited, recovered, credited_old,
                               open_old, households, settled_households, owing_households, cleared_households, null::uuid
                          from fees.collection_tally_change where period <= @p) t
                 where {string.Format(Scope, "t")}
                 group by t.project_id, t.building_id
                """,
                args
            );
            var names = (
                await conn.QueryAsync<(Guid Id, string Name)>(
                    "select id, name from master_data.project where company_id = @c",
                    new { c = companyId }
                )
            ).ToDictionary(x => x.Id, x => x.Name);
            return Results.Ok(
                new
                {
                    period = p,
                    rows = sums.GroupBy(r => r.ProjectId)
                        .Select(g => new
                        {
                            projectId = g.Key,
                            label = names.GetValueOrDefault(g.Key),
                            billed = g.Sum(r => r.Billed),
                            collected = g.Sum(r => r.Collected),
                            households = g.Sum(r => r.Households),
                            settled = g.Sum(r => r.Settled),
                            owed = g.Sum(r => r.Owed),
                            recovered = g.Sum(r => r.Recovered),
                        })
                        .OrderBy(r => r.label, StringComparer.Ordinal),
                    old = sums.GroupBy(r => r.ProjectId)
                        .Select(g => new
                        {
                            projectId = g.Key,
                            households = g.Sum(r => r.Owing),
                            recoveredHouseholds = g.Sum(r => r.Cleared),
                        }),
                }
            );
        });

        // The maintenance bench (issue 15): 300 plans on 300 assets in each of the company's projects, made once; every run starts with
        // no task and no plan generated yet.
        g.MapPost("/maintenance-setup", async (NpgsqlDataSource db) => Results.Ok(new { plans = await BenchGroup.MaintenanceAsync(db) }));

        // A month of tasks for every plan of the company (lead days 30), by the job's own generator as the system; timed here.
        g.MapPost("/maintenance-generate", async (IServiceScopeFactory scopes, NpgsqlDataSource db) =>
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            await using var conn = await db.OpenConnectionAsync();
            const string Lsn = "select pg_current_wal_lsn()::text";
            var start = await conn.ExecuteScalarAsync<string>(Lsn);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var tasks = await scope.ServiceProvider.GetRequiredService<TaskGenerator>().GenerateAsync(null, default);
            var ms = sw.ElapsedMilliseconds;
            // The WAL the run wrote (what decides whether PostgreSQL must checkpoint during it).
            var wal = await conn.ExecuteScalarAsync<long>("select (pg_current_wal_lsn() - @start::pg_lsn)::bigint", new { start });
            return Results.Ok(
                new
                {
                    tasks,
                    milliseconds = ms,
                    walBytes = wal,
                }
            );
        });

        // A project's energy use: its meters, the consumption per meter and month of this year and last, the buildings' names and the
        // abnormal readings still open.
        g.MapGet("/energy-analysis", async (NpgsqlDataSource db, Guid companyId, Guid projectId, int year) =>
        {
            var args = new
            {
                g = false,
                c = new[] { companyId },
                fp = Empty,
                z = Empty,
                un = Empty,
                projectId,
                from = (year - 1) * 100 + 1,
                to = year * 100 + 12,
            };
            const string MeterScope = "(@g OR m.company_id = ANY (@c) OR m.project_id = ANY (@fp))";
            await using var conn = await db.OpenConnectionAsync();
            var meters = (
                await conn.QueryAsync<(Guid Id, string Code, string Name, string Kind, Guid? BuildingId, Guid? MasterMeterId)>(
                    $"""
                    select id, code, name, kind, building_id, master_meter_id from facilities.meter m
                     where {MeterScope} and m.project_id = @projectId and m.archived_at is null
                    """,
                    args
                )
            ).ToList();
            var use = (
                await conn.QueryAsync<(Guid MeterId, int Period, decimal Used)>(
                    $"""
                    select m.meter_id, m.period, sum(coalesce(m.consumption, 0)) from facilities.meter_reading m
                     where {MeterScope} and m.project_id = @projectId and m.period >= @from and m.period <= @to and m.consumption > 0
                     group by m.meter_id, m.period
                    """,
                    args
                )
            ).ToLookup(u => u.MeterId);
            var buildings = meters.Where(m => m.BuildingId != null).Select(m => m.BuildingId!.Value).Distinct().ToArray();
            var names = (
                await conn.QueryAsync<(Guid Id, string Name)>(
                    "select id, name from master_data.building b where b.company_id = any(@c) and b.id = any(@ids)",
                    new { args.c, ids = buildings }
                )
            ).ToDictionary(x => x.Id, x => x.Name);
            var open = await conn.ExecuteScalarAsync<int>(
                $"""
                select count(*)::int from facilities.meter_reading m
                 where {MeterScope} and m.project_id = @projectId and m.assignee_user_id is not null and m.resolved_at is null
                """,
                args
            );
            decimal[] Months(Guid meter, int y) =>
                [.. Enumerable.Range(1, 12).Select(mo => use[meter].Where(u => u.Period == y * 100 + mo).Sum(u => u.Used))];
            return Results.Ok(
                new
                {
                    meters = meters.Select(m => new
                    {
                        m.Id,
                        m.Code,
                        m.Name,
                        m.Kind,
                        building = m.BuildingId is { } b ? names.GetValueOrDefault(b) : null,
                        months = Months(m.Id, year),
                        lastYear = Months(m.Id, year - 1),
                    }),
                    open,
                }
            );
        });
    }

    internal sealed record SetupBody(string Size);
}
