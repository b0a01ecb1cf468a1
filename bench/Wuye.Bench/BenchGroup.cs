using Npgsql;

namespace Wuye.Bench;

/// <summary>
/// The data of the fee and energy scenarios (issues 15 and 18): a sixth company, 基准集团物业, of 200 projects (large; 10 small)
/// with 500 units each (large; 40 small), a management fee item per project, 12 months of bills (one line each, written month by
/// month as the monthly run writes them) with the payments a company collecting ~94 % would have (90 % paid in their month, 6 %
/// one to three months late, the rest owed), and 5,000 meters (large; 60 small) read monthly for 36 months, a fifth of them in
/// one office complex. Written by INSERT … SELECT once per database (the bench host's <c>/bench/raw/group-setup</c>);
/// deterministic from the ids' hashes. The demo account <c>manager2</c> becomes this company's manager (it managed the second
/// company before, which no other scenario reads).
/// </summary>
public static class BenchGroup
{
    public const string CompanyName = "基准集团物业服务有限公司";
    public const string Manager = "manager2";

    /// <summary>Adds the company unless it is there already (by name); true when it was added.</summary>
    public static async Task<bool> EnsureAsync(NpgsqlDataSource db, string size)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var exists = new NpgsqlCommand("select count(*) from master_data.company where name = @n", conn))
        {
            exists.Parameters.AddWithValue("n", CompanyName);
            if ((long)(await exists.ExecuteScalarAsync())! > 0)
                return false;
        }
        var large = size == "large";
        var (projects, units, meters) = large ? (200, 500, 5000) : (10, 40, 60);
        Console.WriteLine($"Adding {CompanyName}: {projects} projects, {projects * units:N0} units, {meters:N0} meters (once)…");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync();
        var company = Guid.CreateVersion7();
        // The office complex holding a fifth of the meters; the others share the rest evenly.
        var perProject = (meters - meters / 5) / (projects - 1);
        var big = meters - perProject * (projects - 1);
        await using (var cmd = new NpgsqlCommand(Sql, conn, tx) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("company", company);
            cmd.Parameters.AddWithValue("projects", projects);
            cmd.Parameters.AddWithValue("units", units);
            cmd.Parameters.AddWithValue("big", big);
            cmd.Parameters.AddWithValue("per", perProject);
            cmd.Parameters.AddWithValue("manager", Manager);
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        // Settled before anything is timed: visibility maps, statistics, and no checkpoint due in the middle of a run.
        await SettleAsync(
            conn,
            "fees.bill",
            "fees.bill_line",
            "fees.payment",
            "fees.payment_allocation",
            "facilities.meter",
            "facilities.meter_reading",
            "master_data.unit"
        );
        Console.WriteLine($"  added in {sw.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    /// <summary>
    /// 300 maintenance plans per project of the company, each on its own asset (60,000 on the large data), made once; their
    /// tasks removed and their marks set to yesterday on every call, so each generation run makes the same month ahead. The mix
    /// of a real plan book: 20 daily rounds, 40 weekly checks, 180 monthly, 40 quarterly, 20 yearly (statutory); each with the
    /// company's manager as the responsible person (one message per person per run) and 30 lead days.
    /// </summary>
    public static async Task<int> MaintenanceAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(MaintenanceSql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("name", CompanyName);
        var plans = (int)(long)(await cmd.ExecuteScalarAsync())!;
        // The reset leaves 200,000 deleted tasks and history rows and 60,000 updated plans behind, and several hundred MB of WAL:
        // a real night's run finds neither. Settled here (not timed), so each round starts as that night would.
        await SettleAsync(
            conn,
            "facilities.maintenance_task",
            "audit.change_log",
            "facilities.maintenance_plan",
            "platform.outbox_message"
        );
        return plans;
    }

    /// <summary>VACUUM (ANALYZE) of the tables, then a CHECKPOINT: what a set-up wrote is not paid for inside a timed run.</summary>
    private static async Task SettleAsync(NpgsqlConnection conn, params string[] tables)
    {
        foreach (var table in tables)
        {
            await using var settle = new NpgsqlCommand($"vacuum (analyze) {table}", conn) { CommandTimeout = 0 };
            await settle.ExecuteNonQueryAsync();
        }
        await using var checkpoint = new NpgsqlCommand("checkpoint", conn) { CommandTimeout = 0 };
        await checkpoint.ExecuteNonQueryAsync();
    }

    private const string MaintenanceSql = """
        do $$
        declare c uuid := (select id from master_data.company where name = '基准集团物业服务有限公司');
        begin
          if not exists (select 1 from facilities.maintenance_plan where company_id = c) then
            create temp table bm_asset on commit drop as
              select gen_random_uuid() as id, p.id as project_id, k,
                     (array['Elevator','Pump','FireSystem','Lighting','AccessControl','Cctv'])[1 + k % 6] as category
                from master_data.project p cross join generate_series(1, 300) k where p.company_id = c;
            insert into master_data.asset (id, company_id, project_id, code, name, category, created_at, updated_at)
              select id, c, project_id, 'A' || lpad(k::text, 4, '0'), '设备 ' || k, category, now() - interval '1 year', now()
                from bm_asset;
            insert into facilities.maintenance_plan (id, company_id, project_id, name, asset_id, rule, starts_on, skip_non_working_days,
                responsible_user_id, lead_days, statutory, created_at, updated_at)
              select gen_random_uuid(), c, project_id, '保养计划 ' || k, id,
                     case when k <= 20 then 'FREQ=DAILY'
                          when k <= 60 then 'FREQ=WEEKLY;BYDAY=MO'
                          when k <= 240 then 'FREQ=MONTHLY;BYMONTHDAY=' || (1 + k % 28)
                          when k <= 280 then 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10'
                          else 'FREQ=YEARLY' end,
                     (now() at time zone 'Asia/Shanghai')::date - (k % 60), false,
                     (select r.user_id from identity.role_assignment r where r.company_id = c and r.role = 'company_manager' limit 1),
                     30, k > 280, now() - interval '1 year', now()
                from bm_asset;
          end if;
          delete from facilities.maintenance_task where company_id = c;
          delete from audit.change_log where company_id = c and entity_type = 'MaintenanceTask';
          delete from platform.outbox_message where company_id = c and title like '%保养任务%';
          -- As if the daily job had run until yesterday: this run makes the month ahead (30 lead days), nothing before today.
          update facilities.maintenance_plan set generated_through = (now() at time zone 'Asia/Shanghai')::date - 1 where company_id = c;
        end $$;
        select count(*) from facilities.maintenance_plan p join master_data.company c on c.id = p.company_id where c.name = @name;
        """;

    private const string Sql = """
        create temp table bg_project on commit drop as
          select g as n, gen_random_uuid() as id, gen_random_uuid() as zone_id,
                 case when g % 10 = 9 then 'Office' else 'Residential' end as kind
            from generate_series(0, @projects - 1) g;
        insert into master_data.company (id, regulator_id, name, credit_code, contact_phone, created_at, updated_at)
          values (@company, (select regulator_id from master_data.company where regulator_id is not null order by created_at, id limit 1),
                  '基准集团物业服务有限公司', '91330824MA2BENCH0X', '0570-6099999', now(), now());
        insert into master_data.project (id, company_id, name, kind, address, created_at, updated_at)
          select id, @company, '基准' || case when kind = 'Office' then '大厦' else '花园' end || lpad((n + 1)::text, 3, '0') || '号', kind,
                 '开化县基准路 ' || (n + 1) || ' 号', now(), now()
            from bg_project;
        insert into master_data.zone (id, company_id, project_id, name, created_at, updated_at)
          select zone_id, @company, id, '一区', now(), now() from bg_project;
        create temp table bg_building on commit drop as
          select p.id as project_id, p.zone_id, b as n, gen_random_uuid() as id
            from bg_project p cross join generate_series(1, (@units + 99) / 100) b;
        insert into master_data.building (id, company_id, project_id, zone_id, name, floors, created_at, updated_at)
          select id, @company, project_id, zone_id, n || '幢', 20, now(), now() from bg_building;
        create temp table bg_unit on commit drop as
          select gen_random_uuid() as id, b.project_id, b.zone_id, b.id as building_id, (b.n - 1) * 100 + k as n, (k - 1) / 5 + 1 as floor,
                 (k - 1) % 5 + 1 as door, (70 + ((b.n - 1) * 100 + k) % 90 + 0.37)::numeric(14,2) as area
            from bg_building b cross join generate_series(1, 100) k
           where (b.n - 1) * 100 + k <= @units;
        insert into master_data.unit (id, company_id, project_id, zone_id, building_id, number, floor, area, unit_type, handover_date,
            created_at, updated_at)
          select id, @company, project_id, zone_id, building_id, floor || lpad(door::text, 2, '0'), floor, area, '三室两厅',
                 date '2021-06-30', now(), now()
            from bg_unit;
        update identity.user_account set company_id = @company where user_name = @manager;
        update identity.role_assignment set company_id = @company
         where role = 'company_manager' and user_id = (select id from identity.user_account where user_name = @manager);

        -- Fees: one management fee item per project, 12 months of bills, payments and their allocations.
        create temp table bg_item on commit drop as select gen_random_uuid() as id, id as project_id from bg_project;
        insert into fees.fee_item (id, company_id, project_id, name, kind, unit_price, rounding, due_day, grace_days, late_fee_daily_rate,
            late_fee_cap, cycle_months, created_at, updated_at)
          select id, @company, project_id, '物业管理费', 'AreaBased', 2.3, 'HalfUp', 15, 15, 0.0005, 0.2, 1, now() - interval '400 days',
                 now()
            from bg_item;
        create temp table bg_bill on commit drop as
          select gen_random_uuid() as id, gen_random_uuid() as line_id, gen_random_uuid() as payment_id, u.id as unit_id, u.project_id,
                 u.zone_id, u.building_id, i.id as item_id, u.area, m.first as month_start,
                 (extract(year from m.first) * 100 + extract(month from m.first))::int as period,
                 round(u.area * 2.3, 2) as amount, abs(hashtext(u.id::text || m.first::text)) % 100 as h,
                 null::timestamptz as paid_at
            from bg_unit u
            join bg_item i on i.project_id = u.project_id
           cross join (select (date_trunc('month', now() at time zone 'Asia/Shanghai') - k * interval '1 month')::date as first
                         from generate_series(0, 11) k) m;
        update bg_bill set paid_at = case
            when h < 90 then (month_start + (h % 25) * interval '1 day' + interval '10 hours') at time zone 'Asia/Shanghai'
            when h < 96 then (month_start + (h % 3 + 1) * interval '1 month' + (h % 20) * interval '1 day' + interval '10 hours')
                             at time zone 'Asia/Shanghai'
            end;
        update bg_bill set paid_at = null where paid_at > now();
        insert into fees.bill (id, company_id, project_id, zone_id, unit_id, building_id, period, issued_at, due_date, amount, paid,
            created_at, updated_at, kind, settled_period)
          select id, @company, project_id, zone_id, unit_id, building_id, period,
                 (month_start + interval '1 hour') at time zone 'Asia/Shanghai',
                 month_start + 14, amount, case when paid_at is null then 0 else amount end,
                 (month_start + interval '1 hour') at time zone 'Asia/Shanghai', coalesce(paid_at, now()), 'Periodic',
                 coalesce(to_char(paid_at at time zone 'Asia/Shanghai', 'YYYYMM')::int, 999999)
            from bg_bill order by period, unit_id;
        insert into fees.bill_line (id, company_id, project_id, zone_id, unit_id, bill_id, seq, period, fee_item_id, fee_item_name, kind,
            quantity, unit_price, basis, amount, paid, due_date, grace_days, late_fee_daily_rate, late_fee_cap, created_at, updated_at)
          select line_id, @company, project_id, zone_id, unit_id, id, 1, period, item_id, '物业管理费', 'AreaBased', area, 2.3,
                 area || ' m² × 2.30 元/m²·月', amount, case when paid_at is null then 0 else amount end, month_start + 14, 15, 0.0005,
                 0.2, now(), now()
            from bg_bill order by period, unit_id;
        insert into fees.payment (id, company_id, project_id, zone_id, unit_id, receipt_number, method, amount, allocated, paid_at,
            received_by_name, created_at, updated_at)
          select payment_id, @company, project_id, zone_id, unit_id, 'BENCH' || lpad((row_number() over (order by id))::text, 10, '0'),
                 'Transfer', amount, amount, paid_at, '基准财务', paid_at, paid_at
            from bg_bill where paid_at is not null order by paid_at;
        insert into fees.payment_allocation (id, company_id, project_id, zone_id, unit_id, payment_id, bill_id, bill_line_id, bill_period,
            amount, at, credit_note, created_at, updated_at)
          select gen_random_uuid(), @company, project_id, zone_id, unit_id, payment_id, id, line_id, period, amount, paid_at, false,
                 paid_at, paid_at
            from bg_bill where paid_at is not null order by paid_at;
        -- The collection tally the triggers appended to, folded as the tally job would.
        select fees.fold_collection_tally();

        -- Meters: per project an electricity and a water master meter, the rest sub-meters of them in the buildings; read at each
        -- month's end for the last 36 months.
        create temp table bg_meter on commit drop as
          select gen_random_uuid() as id, p.id as project_id, p.n as pn, k,
                 case when k % 2 = 1 then 'Electricity' else 'Water' end as kind
            from bg_project p cross join generate_series(1, case when p.n = 9 then @big else @per end) k;
        insert into facilities.meter (id, company_id, project_id, building_id, code, name, kind, master_meter_id, multiplier, created_at,
            updated_at)
          select m.id, @company, m.project_id,
                 case when m.k > 2 then (select b.id from bg_building b where b.project_id = m.project_id
                                          order by b.n offset (m.k % ((@units + 99) / 100)) limit 1) end,
                 case when m.kind = 'Electricity' then 'E' else 'W' end || lpad(m.k::text, 5, '0'),
                 case when m.k <= 2 then '总表' else '分表 ' || m.k end || case when m.kind = 'Electricity' then '（电）' else '（水）' end,
                 m.kind,
                 case when m.k > 2 then (select x.id from bg_meter x where x.project_id = m.project_id and x.k = 2 - m.k % 2) end,
                 1, now() - interval '4 years', now()
            from bg_meter m;
        insert into facilities.meter_reading (id, company_id, project_id, meter_id, period, read_on, value, consumption, source, anomalies,
            created_at, updated_at)
          select gen_random_uuid(), @company, project_id, id, period, read_on,
                 1000 + sum(used) over (partition by id order by period), used, 'Hand', '{}', now(), now()
            from (select m.id, m.project_id, (extract(year from d) * 100 + extract(month from d))::int as period,
                         (d + interval '1 month' - interval '1 day')::date as read_on,
                         (case when m.k <= 2 then 4000 else 100 end + abs(hashtext(m.id::text || d::text)) % 300)::numeric as used
                    from bg_meter m
                   cross join (select (date_trunc('month', now() at time zone 'Asia/Shanghai') - k * interval '1 month')::date as d
                                 from generate_series(1, 36) k) months) r;
        """;
}
