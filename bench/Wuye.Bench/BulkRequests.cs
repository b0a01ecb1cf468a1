using Npgsql;

namespace Wuye.Bench;

/// <summary>
/// Puts N service requests (with their closing figures) into the first company of the bench
/// data, in one INSERT … SELECT, so the metrics scenario has the volume the goal names.
/// Deterministic: request g gets its unit, times and outcomes from g alone.
/// </summary>
public static class BulkRequests
{
    public static async Task EnsureAsync(string connectionString, int count, string markerDir)
    {
        var marker = Path.Combine(markerDir, $"requests-{count}");
        if (count <= 0)
            return;
        if (File.Exists(marker))
        {
            await MarkRollupStaleAsync(connectionString, markerDir);
            return;
        }
        Console.WriteLine($"Adding {count:N0} service requests for the metrics scenario (once)…");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            create temp table bench_units as
              select row_number() over (order by u.id) - 1 as rn, u.id, u.company_id, u.project_id, u.zone_id
                from master_data.unit u
               where u.company_id = (select id from master_data.company order by created_at, id limit 1);
            create index on bench_units (rn);
            insert into work_orders.service_request (id, company_id, project_id, zone_id, unit_id, number, channel, category, urgency,
                description,
                photo_ids, status, opened_at, opened_month, completion_due_at, completed_at, closed_at, response_on_time, arrival_on_time,
                completion_on_time, rework_count, visited, satisfied, score, source, created_at, updated_at)
            select gen_random_uuid(), u.company_id, u.project_id, u.zone_id, u.id, 'BENCH-' || lpad(g::text, 8, '0'),
                   (array['FrontDesk','Hotline','MonitoringCenter','Patrol','OwnerPortal'])[1 + g % 5],
                   (array['Plumbing','Electrical','DoorWindow','Elevator','PublicFacility','Cleaning','Greening','Security','Other'])[1 + g
                       % 9],
                   case when g % 10 = 0 then 'Urgent' else 'Normal' end,
                   '压测报修 ' || g, '{}',
                   case when g % 20 = 0 then 'Open' when g % 20 = 1 then 'Completed' else 'Closed' end,
                   t.opened,
                   (extract(year from t.opened at time zone 'Asia/Shanghai') * 100 + extract(month from t.opened at time zone
                       'Asia/Shanghai'))::int,
                   t.opened + interval '48 hours',
                   case when g % 20 = 0 then null else t.opened + (g % 72) * interval '1 hour' + (g % 60) * interval '1 minute' end,
                   case when g % 20 in (0, 1) then null else t.opened + (g % 96) * interval '1 hour' + (g % 60) * interval '1 minute' end,
                   g % 7 <> 0, g % 11 <> 0,
                   case when g % 20 in (0, 1) then null else g % 96 < 48 end,
                   case when g % 25 = 0 then 1 else 0 end,
                   g % 20 > 2,
                   case when g % 20 > 2 then g % 13 <> 0 end,
                   case when g % 20 > 2 then 3 + g % 3 end,
                   'bench', t.opened, t.opened
              from generate_series(1, @n) g
              cross join lateral (select now() - (g % 360) * interval '1 day' - (g % 1440) * interval '1 minute' as opened) t
              join bench_units u on u.rn = g % (select count(*) from bench_units);
            """,
            conn
        )
        {
            CommandTimeout = 0,
        };
        cmd.Parameters.AddWithValue("n", count);
        await cmd.ExecuteNonQueryAsync();
        // Settle the million rows before anything is timed: the visibility map (so counts can be
        // answered from the index), fresh statistics, and the checkpoint that would otherwise
        // flush a gigabyte in the middle of the first scenario (commits stalled seconds on it).
        foreach (var sql in new[] { "vacuum (analyze) work_orders.service_request", "checkpoint" })
        {
            await using var settle = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            await settle.ExecuteNonQueryAsync();
        }
        await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
        Console.WriteLine($"  added in {sw.Elapsed.TotalSeconds:0.0} s");
        await MarkRollupStaleAsync(connectionString, markerDir);
    }

    /// <summary>
    /// Bulk SQL bypasses the app, which marks a month's metrics rollup stale with every change it
    /// saves: mark every month of the bench data stale once, so the app recomputes it.
    /// </summary>
    private static async Task MarkRollupStaleAsync(string connectionString, string markerDir)
    {
        var marker = Path.Combine(markerDir, "rollup-marked");
        if (File.Exists(marker))
            return;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            """
            insert into work_orders.metrics_rollup_stale (id, company_id, month)
            select gen_random_uuid(), company_id, opened_month from work_orders.service_request group by company_id, opened_month
            """,
            conn
        )
        {
            CommandTimeout = 0,
        };
        await cmd.ExecuteNonQueryAsync();
        await File.WriteAllTextAsync(marker, DateTime.UtcNow.ToString("O"));
    }
}
