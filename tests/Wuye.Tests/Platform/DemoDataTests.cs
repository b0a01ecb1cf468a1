using Npgsql;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// The demo data never crosses companies (issue 12, item 4) and its geography is coherent
/// (issue 21, item 17). The walk is generic: every table with a company_id, every column naming a
/// user (a uuid column ending in user_id, staff_id or _by) or a person by name (a text column ending
/// in _name whose value is a staff member's display name), so the next module's seed is checked too.
/// </summary>
public sealed class DemoDataTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private async Task<List<object?[]>> QueryAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    // A user's companies: their account's, their role assignments', and those of the person records linked to them.
    private const string UserCompanies = """
        create temp table demo_user_company as
        select id as user_id, company_id from identity.user_account where company_id is not null
        union select user_id, company_id from identity.role_assignment where company_id is not null
        union select user_id, company_id from master_data.person where user_id is not null
        """;

    [Fact]
    public async Task Every_seeded_row_names_only_users_and_staff_of_its_own_company()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand(UserCompanies, conn))
            await cmd.ExecuteNonQueryAsync();
        var columns = await QueryAsync(
            conn,
            """
            select c.table_schema, c.table_name, c.column_name, c.data_type
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type =
                'BASE TABLE'
            where c.table_schema not in ('pg_catalog', 'information_schema', 'identity') and c.table_schema not like 'pg_temp%'
              and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema and k.table_name = c.table_name
                  and k.column_name = 'company_id')
              and ((c.data_type = 'uuid' and (c.column_name like '%user_id' or c.column_name like '%staff_id' or c.column_name like
                  '%\_by'))
                or (c.data_type in ('text', 'character varying') and c.column_name like '%\_name'))
            order by 1, 2, 3
            """
        );
        Assert.Contains(columns, c => (string)c[2]! == "owner_staff_id");
        Assert.Contains(columns, c => (string)c[2]! == "edited_by_name");

        var crossings = new List<string>();
        var checkedRows = 0L;
        foreach (var c in columns)
        {
            var (schema, table, column, type) = ((string)c[0]!, (string)c[1]!, (string)c[2]!, (string)c[3]!);
            var user =
                type == "uuid"
                    ? $"t.\"{column}\""
                    // A name column names a staff member when it holds one's display name.
                    : $"(select u.id from identity.user_account u where u.display_name = t.\"{column}\" and exists (select 1 from "
                        + $"demo_user_company d where d.user_id = u.id) limit 1)";
            var rows = await QueryAsync(
                conn,
                $"""
                with named as (select t.company_id, {user} as user_id, t."{column}"::text as value from "{schema}"."{table}" t where
                    t."{column}" is not null and t.company_id is not null)
                select (select count(*) from named where user_id is not null),
                       (select string_agg(distinct value, ', ') from named n
                        where n.user_id is not null
                          and exists (select 1 from demo_user_company d where d.user_id = n.user_id)
                          and not exists (select 1 from demo_user_company d where d.user_id = n.user_id and d.company_id = n.company_id))
                """
            );
            checkedRows += (long)rows[0][0]!;
            if (rows[0][1] is string bad)
                crossings.Add($"{schema}.{table}.{column}: {bad}");
        }
        Assert.True(checkedRows > 100, $"the walk found the seeded rows ({checkedRows})");
        Assert.True(crossings.Count == 0, "Rows naming another company's user:\n" + string.Join("\n", crossings));
    }

    [Fact]
    public async Task The_demo_regulator_oversees_companies_whose_projects_are_in_its_county()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var rows = await QueryAsync(
            conn,
            """
            select r.name, p.name, p.address
            from master_data.project p
            join master_data.company c on c.id = p.company_id
            join master_data.regulator r on r.id = c.regulator_id
            where p.address is not null
            """
        );
        Assert.NotEmpty(rows);
        var wrong = rows.Where(r =>
            {
                var regulator = (string)r[0]!;
                var county = regulator[..(regulator.IndexOfAny(['县', '市', '区']) + 1)];
                return county.Length == 0 || !((string)r[2]!).StartsWith(county, StringComparison.Ordinal);
            })
            .Select(r => $"{r[1]} ({r[2]}) under {r[0]}")
            .ToList();
        Assert.True(wrong.Count == 0, "Projects outside their regulator's county:\n" + string.Join("\n", wrong));
    }
}
