using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wuye.Platform.Identity;

namespace Wuye.Bench.Baseline;

/// <summary>
/// The raw baseline of the benchmarks: the same SQL as the real handlers, written with plain
/// Npgsql and no framework (no auth, no scope resolution, no EF), in the same process, so each
/// benchmark figure is a ratio that survives a noisy machine. They live in the bench assembly,
/// never in the product: only the bench's own host (`Wuye.Bench.dll host`) maps them, beside the
/// app. These endpoints skip sign-in.
/// </summary>
internal sealed class BaselineEndpoints : IHostEndpoints
{
    public void Map(WebApplication app)
    {
        var g = app.MapGroup("/bench/raw").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        ServiceRequestBaseline.Map(g);
        PatrolBaseline.Map(g);
        GroupBaseline.Map(g);

        // The SQL EF Core generates for GET /api/v1/units as a company manager (scope predicate included):
        // count, then a page with the building name.
        g.MapGet("/units", async (NpgsqlDataSource db, Guid companyId, Guid? projectId, int? page, int? pageSize) =>
        {
            var size = pageSize ?? 20;
            var offset = ((page ?? 1) - 1) * size;
            await using var conn = await db.OpenConnectionAsync();
            var args = new
            {
                g = false,
                c = new[] { companyId },
                fp = Empty,
                z = Empty,
                un = Empty,
                sp = Empty,
                an = Empty,
                p = projectId,
                size,
                offset,
            };
            var total = await conn.ExecuteScalarAsync<int>(
                """
                select count(*)::int from master_data.unit u
                  join master_data.building b on b.id = u.building_id and (@g OR b.company_id = ANY (@c) OR b.project_id = ANY (@fp) OR
                      (b.zone_id IS NOT NULL AND b.zone_id = ANY (@z)) OR (b.zone_id IS NULL AND b.project_id = ANY (@sp)) OR b.id = ANY
                      (@an))
                 where (@g OR u.company_id = ANY (@c) OR u.project_id = ANY (@fp) OR (u.zone_id IS NOT NULL AND u.zone_id = ANY (@z)) OR
                     u.id = ANY (@un)) and u.archived_at is null and (@p::uuid is null or u.project_id = @p)
                """,
                args
            );
            var items = await conn.QueryAsync<UnitRow>(
                """
                select u.id, u.project_id as ProjectId, u.zone_id as ZoneId, u.building_id as BuildingId, b.name as BuildingName,
                       u.number, u.floor, u.area, u.unit_type as UnitType, u.handover_date as HandoverDate, u.warranty_end as WarrantyEnd,
                       u.archived_at is not null as Archived, u.xmin as Version
                  from master_data.unit u
                  join master_data.building b on b.id = u.building_id and (@g OR b.company_id = ANY (@c) OR b.project_id = ANY (@fp) OR
                      (b.zone_id IS NOT NULL AND b.zone_id = ANY (@z)) OR (b.zone_id IS NULL AND b.project_id = ANY (@sp)) OR b.id = ANY
                      (@an))
                 where (@g OR u.company_id = ANY (@c) OR u.project_id = ANY (@fp) OR (u.zone_id IS NOT NULL AND u.zone_id = ANY (@z)) OR
                     u.id = ANY (@un)) and u.archived_at is null and (@p::uuid is null or u.project_id = @p)
                 order by b.name, u.number limit @size offset @offset
                """,
                args
            );
            return Results.Ok(
                new
                {
                    items,
                    page = page ?? 1,
                    pageSize = size,
                    total,
                }
            );
        });

        g.MapGet("/units/{id:guid}", async (NpgsqlDataSource db, Guid id, Guid companyId) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            var row = await conn.QueryFirstOrDefaultAsync<UnitRow>(
                """
                select u.id, u.project_id as ProjectId, u.zone_id as ZoneId, u.building_id as BuildingId, b.name as BuildingName,
                       u.number, u.floor, u.area, u.unit_type as UnitType, u.handover_date as HandoverDate, u.warranty_end as WarrantyEnd,
                       u.archived_at is not null as Archived, u.xmin as Version
                  from master_data.unit u
                  join master_data.building b on b.id = u.building_id and (@g OR b.company_id = ANY (@c) OR b.project_id = ANY (@fp) OR
                      (b.zone_id IS NOT NULL AND b.zone_id = ANY (@z)) OR (b.zone_id IS NULL AND b.project_id = ANY (@sp)) OR b.id = ANY
                      (@an))
                 where (@g OR u.company_id = ANY (@c) OR u.project_id = ANY (@fp) OR (u.zone_id IS NOT NULL AND u.zone_id = ANY (@z)) OR
                     u.id = ANY (@un)) and u.id = @id limit 1
                """,
                new
                {
                    g = false,
                    c = new[] { companyId },
                    fp = Empty,
                    z = Empty,
                    un = Empty,
                    sp = Empty,
                    an = Empty,
                    id,
                }
            );
            return row is null ? Results.NotFound() : Results.Ok(row);
        });

        // Same writes as POST /api/v1/projects: the duplicate check, the row and its audit entry, in one transaction.
        g.MapPost("/projects", async (NpgsqlDataSource db, ProjectBody body, TimeProvider clock) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            var check = await conn.QueryFirstOrDefaultAsync<(string Name, bool Duplicate)>(
                """
                select c.name, exists(select 1 from master_data.project p where p.company_id = c.id and p.name = @n)
                  from master_data.company c where c.id = @c and c.id = any(@scope)
                """,
                new
                {
                    c = body.CompanyId,
                    n = body.Name,
                    scope = new[] { body.CompanyId },
                },
                tx
            );
            if (check.Name is null)
                return Results.BadRequest();
            if (check.Duplicate)
                return Results.Conflict();
            var id = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            await conn.ExecuteAsync(
                """
                insert into master_data.project(id, company_id, name, kind, address, created_at, updated_at)
                values (@id, @c, @n, @k, @a, @now, @now)
                """,
                new
                {
                    id,
                    c = body.CompanyId,
                    n = body.Name,
                    k = body.Kind,
                    a = body.Address,
                    now,
                },
                tx
            );
            await conn.ExecuteAsync(
                """
                insert into audit.change_log(id, at, user_id, user_name, entity_type, entity_id, action, before, after, company_id,
                    project_id)
                values (@log, @now, null, 'bench', 'Project', @id, 'Created', null, @after::jsonb, @c, @id)
                """,
                new
                {
                    log = Guid.CreateVersion7(),
                    now,
                    id,
                    c = body.CompanyId,
                    after = JsonSerializer.Serialize(body),
                },
                tx
            );
            await tx.CommitAsync();
            return Results.Created(
                $"/api/v1/projects/{id}",
                new
                {
                    id,
                    body.CompanyId,
                    body.Name,
                    body.Kind,
                    body.Address,
                }
            );
        });

        // The work-order metrics by project for a company, as one SQL statement: the counts and both
        // percentiles computed in PostgreSQL, with a total row (grouping sets).
        g.MapGet("/work-order-metrics", async (NpgsqlDataSource db, Guid companyId, TimeProvider clock) =>
        {
            var china = Wuye.Platform.Web.ChinaTime.Now(clock);
            var from = new DateTimeOffset(china.Year, china.Month, 1, 0, 0, 0, Wuye.Platform.Web.ChinaTime.Offset).AddMonths(-11);
            var to = new DateTimeOffset(china.Date, Wuye.Platform.Web.ChinaTime.Offset).AddDays(1);
            await using var conn = await db.OpenConnectionAsync();
            var rows = await conn.QueryAsync(
                """
                select r.project_id as key, max(p.name) as label, count(*)::int as created,
                       count(*) filter (where r.closed_at is not null)::int as closed,
                       count(*) filter (where r.completed_at is not null)::int as completed,
                       count(*) filter (where r.closed_at is not null and r.completion_on_time is not null)::int as closed_with_limit,
                       count(*) filter (where r.closed_at is not null and r.completion_on_time)::int as closed_on_time,
                       count(*) filter (where r.response_on_time is not null)::int as response_known,
                       count(*) filter (where r.response_on_time)::int as response_on_time,
                       count(*) filter (where r.arrival_on_time is not null)::int as arrival_known,
                       count(*) filter (where r.arrival_on_time)::int as arrival_on_time,
                       count(*) filter (where r.visited)::int as visited,
                       count(*) filter (where r.satisfied is not null)::int as rated,
                       count(*) filter (where r.satisfied)::int as satisfied,
                       count(*) filter (where r.closed_at is not null and r.rework_count = 0)::int as first_time_fix,
                       count(*) filter (where r.rework_count > 0)::int as reworked,
                       percentile_cont(0.5) within group (order by extract(epoch from r.closed_at - r.opened_at) / 3600) filter (where
                           r.closed_at is not null) as median_hours,
                       percentile_cont(0.9) within group (order by extract(epoch from r.closed_at - r.opened_at) / 3600) filter (where
                           r.closed_at is not null) as p90_hours
                  from work_orders.service_request r
                  join master_data.project p on p.id = r.project_id
                 where r.company_id = any(@c) and r.status <> 'Merged' and r.opened_at >= @from and r.opened_at < @to
                 group by grouping sets ((r.project_id), ())
                """,
                new
                {
                    c = new[] { companyId },
                    from = from.ToUniversalTime(),
                    to = to.ToUniversalTime(),
                }
            );
            return Results.Ok(rows);
        });

        // Same work as POST /api/v1/auth/token minus the framework: find the user, verify the password hash.
        g.MapPost("/token", async (NpgsqlDataSource db, TokenBody body) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            var user = await conn.QueryFirstOrDefaultAsync<(Guid Id, string PasswordHash)>(
                "select id, password_hash from identity.user_account where normalized_user_name = @n",
                new { n = body.UserName.ToUpperInvariant() }
            );
            if (user.PasswordHash is null)
                return Results.Unauthorized();
            var ok =
                new PasswordHasher<AppUser>().VerifyHashedPassword(null!, user.PasswordHash, body.Password)
                != PasswordVerificationResult.Failed;
            return ok
                ? Results.Ok(
                    new
                    {
                        tokenType = "Bearer",
                        accessToken = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
                        expiresIn = 28800,
                    }
                )
                : Results.Unauthorized();
        });
    }

    private static readonly Guid[] Empty = [];

    internal sealed record UnitRow(
        Guid Id,
        Guid ProjectId,
        Guid? ZoneId,
        Guid BuildingId,
        string BuildingName,
        string Number,
        int? Floor,
        decimal? Area,
        string? UnitType,
        DateOnly? HandoverDate,
        DateOnly? WarrantyEnd,
        bool Archived,
        uint Version
    );

    internal sealed record ProjectBody(Guid CompanyId, string Name, string Kind, string? Address);

    internal sealed record TokenBody(string UserName, string Password);
}
