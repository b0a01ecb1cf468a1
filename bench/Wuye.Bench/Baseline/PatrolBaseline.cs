using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Audit;

namespace Wuye.Bench.Baseline;

/// <summary>
/// The patrol scenario's bench data and raw baseline. The data (made once, idempotent, on every start of the scenario): N guards of
/// the project (accounts with the manager's password, a guard's role there), a route each with ten checkpoints whose plan starts a
/// 12-hour round a minute ago, and that open round, so every guard walks their own round while the run lasts. The raw scan does what
/// a hand-written handler on plain Npgsql would do for the same answer: read the label (the same data-protection check), read the
/// round in the guard's scope, the checkpoint, the guard's name and what the round's conformance needs in one round trip, write the
/// same rows (the scan, the walker on the first scan, a history row each) in a second, COMMIT, and answer the round's conformance
/// computed by the same domain code. Mapped only by the bench host.
/// </summary>
internal static class PatrolBaseline
{
    public const int PointsPerRoute = 10;

    internal sealed record SetupBody(Guid ProjectId, int Guards);

    internal sealed record GuardRound(string UserName, Guid UserId, Guid RoundId, string[] Payloads, double Latitude, double Longitude);

    internal sealed record RawScan(Guid ProjectId, Guid UserId, string Payload, double? Latitude, double? Longitude);

    // The read rule of DataScope for a row with company and project keys, as EF Core writes it for a guard of one project.
    private static string Scope(string a) =>
        $"(@g OR {a}.company_id = ANY (@c) OR {a}.project_id = ANY (@fp) OR {a}.project_id = ANY (@sp))";

    private static void AddScope(NpgsqlParameterCollection p, Guid projectId)
    {
        p.AddWithValue("g", false);
        p.AddWithValue("c", Array.Empty<Guid>());
        p.AddWithValue("fp", new[] { projectId });
        p.AddWithValue("sp", Array.Empty<Guid>());
    }

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/patrol-setup", async (NpgsqlDataSource db, CheckpointLabels labels, TimeProvider clock, SetupBody body) =>
        {
            var now = clock.GetUtcNow();
            // The plan's start: the China minute a minute ago; the round lasts 12 hours, longer than any run.
            var china = now.ToOffset(TimeSpan.FromHours(8)).AddMinutes(-1);
            var start = new DateTimeOffset(china.Year, china.Month, china.Day, china.Hour, china.Minute, 0, china.Offset).ToUniversalTime();
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (
                var cmd = new NpgsqlCommand(
                    """
                    insert into identity.user_account (id, display_name, culture, company_id, created_at, user_name, normalized_user_name,
                        email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled,
                        lockout_enabled, access_failed_count, must_change_password)
                    select gen_random_uuid(), '压测巡逻员' || lpad(g::text, 3, '0'), m.culture, p.company_id, @now,
                           'bench-guard-' || lpad(g::text, 3, '0'), upper('bench-guard-' || lpad(g::text, 3, '0')), false,
                           m.password_hash, gen_random_uuid()::text, gen_random_uuid()::text, false, false, false, 0, false
                      from generate_series(0, @n - 1) g
                      cross join (select culture, password_hash from identity.user_account where normalized_user_name = 'MANAGER') m
                      cross join (select company_id from master_data.project where id = @p) p
                    on conflict (normalized_user_name) do nothing;
                    insert into identity.role_assignment (id, user_id, role, company_id, project_id, created_at, updated_at)
                    select gen_random_uuid(), u.id, 'security_guard', p.company_id, p.id, @now, @now
                      from identity.user_account u cross join master_data.project p
                     where p.id = @p and u.normalized_user_name like 'BENCH-GUARD-%'
                       and not exists (select 1 from identity.role_assignment r
                                        where r.user_id = u.id and r.role = 'security_guard' and r.project_id = p.id);
                    insert into security.patrol_route (id, company_id, project_id, name, start_times, duration_minutes, created_at,
                        updated_at)
                    select gen_random_uuid(), p.company_id, p.id, '压测路线 ' || lpad(g::text, 3, '0'), @times, 720, @now, @now
                      from generate_series(0, @n - 1) g cross join master_data.project p where p.id = @p
                    on conflict (project_id, name) do nothing;
                    update security.patrol_route set start_times = @times, updated_at = @now
                     where project_id = @p and name like '压测路线 %';
                    insert into security.patrol_checkpoint (id, company_id, project_id, patrol_route_id, position, name, due_minute,
                        tolerance_minutes, latitude, longitude, radius_meters, code, created_at, updated_at)
                    select gen_random_uuid(), r.company_id, r.project_id, r.id, k, '压测点 ' || k, k * 30, 15,
                           31.2 + k * 0.0005, 121.4 + substr(r.name, 6)::int * 0.001, 50,
                           'B' || lpad(substr(r.name, 6), 3, '0') || lpad(k::text, 2, '0'), @now, @now
                      from security.patrol_route r cross join generate_series(1, 10) k
                     where r.project_id = @p and r.name like '压测路线 %'
                    on conflict (patrol_route_id, position) do nothing;
                    insert into security.patrol_round (id, company_id, project_id, patrol_route_id, starts_at, ends_at, created_at,
                        updated_at)
                    select gen_random_uuid(), r.company_id, r.project_id, r.id, @start, @start + interval '720 minutes', @now, @now
                      from security.patrol_route r where r.project_id = @p and r.name like '压测路线 %'
                    on conflict (patrol_route_id, starts_at) do nothing;
                    """,
                    conn,
                    tx
                )
            )
            {
                cmd.Parameters.AddWithValue("n", body.Guards);
                cmd.Parameters.AddWithValue("p", body.ProjectId);
                cmd.Parameters.AddWithValue("now", now);
                cmd.Parameters.AddWithValue("start", start);
                cmd.Parameters.AddWithValue("times", china.ToString("HH:mm"));
                await cmd.ExecuteNonQueryAsync();
            }
            // Guard g walks route g: its round of this start and its checkpoints in order.
            var guards = new List<GuardRound>();
            await using (
                var read = new NpgsqlCommand(
                    """
                    select u.user_name, u.id, r.id,
                           array(select c.id from security.patrol_checkpoint c where c.patrol_route_id = r.patrol_route_id
                                  order by c.position),
                           (select c.latitude from security.patrol_checkpoint c where c.patrol_route_id = r.patrol_route_id
                             order by c.position limit 1),
                           (select c.longitude from security.patrol_checkpoint c where c.patrol_route_id = r.patrol_route_id
                             order by c.position limit 1)
                      from security.patrol_route t
                      join security.patrol_round r on r.patrol_route_id = t.id and r.starts_at = @start
                      join identity.user_account u on u.normalized_user_name = 'BENCH-GUARD-' || substr(t.name, 6)
                     where t.project_id = @p and t.name like '压测路线 %' and substr(t.name, 6)::int < @n
                     order by t.name
                    """,
                    conn,
                    tx
                )
            )
            {
                read.Parameters.AddWithValue("p", body.ProjectId);
                read.Parameters.AddWithValue("start", start);
                read.Parameters.AddWithValue("n", body.Guards);
                await using var r = await read.ExecuteReaderAsync();
                while (await r.ReadAsync())
                    guards.Add(
                        new GuardRound(
                            r.GetString(0),
                            r.GetGuid(1),
                            r.GetGuid(2),
                            [.. r.GetFieldValue<Guid[]>(3).Select(c => labels.Payload(body.ProjectId, c))],
                            r.GetDouble(4),
                            r.GetDouble(5)
                        )
                    );
            }
            await tx.CommitAsync();
            return Results.Ok(guards);
        });

        g.MapPost(
            "/patrol-rounds/{id:guid}/scans",
            async (
                NpgsqlDataSource db,
                CheckpointLabels labels,
                TimeProvider clock,
                IOptions<SecurityOptions> options,
                Guid id,
                RawScan body
            ) =>
            {
                var (labelProject, checkpointId) = labels.Read(body.Payload);
                var now = clock.GetUtcNow();
                await using var conn = await db.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using var reads = new NpgsqlBatch(conn, tx)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            $"""
                            select r.company_id, r.project_id, r.patrol_route_id, r.starts_at, r.ends_at, r.walker_user_id, r.walker_name,
                                   t.name, p.name, r.plan
                              from security.patrol_round r
                              join security.patrol_route t on t.id = r.patrol_route_id and {Scope("t")}
                              join master_data.project p on p.id = r.project_id
                             where r.id = @id and {Scope("r")} limit 1
                            """
                        ),
                        new NpgsqlBatchCommand(
                            $"""
                            select c.id, c.project_id, c.patrol_route_id, c.position, c.name, c.due_minute, c.tolerance_minutes, c.latitude,
                                   c.longitude, c.radius_meters, c.id = @cp
                              from security.patrol_checkpoint c
                             where (c.patrol_route_id = (select patrol_route_id from security.patrol_round where id = @id) or c.id = @cp)
                               and {Scope("c")}
                             order by c.position
                            """
                        ),
                        new NpgsqlBatchCommand("select coalesce(display_name, user_name, '') from identity.user_account where id = @user"),
                        new NpgsqlBatchCommand(
                            $"""
                            select s.patrol_checkpoint_id, s.scanned_at, s.latitude, s.longitude, s.typed, s.id, s.note, s.photo_id,
                                   s.hazard, s.hazard_request_id, s.hazard_request_number
                              from security.patrol_scan s where s.patrol_round_id = @id and {Scope("s")} order by s.scanned_at, s.id
                            """
                        ),
                        new NpgsqlBatchCommand(
                            $"select e.patrol_checkpoint_id from security.patrol_excuse e where e.patrol_round_id = @id and {Scope("e")}"
                        ),
                    },
                };
                foreach (NpgsqlBatchCommand c in reads.BatchCommands)
                {
                    AddScope(c.Parameters, body.ProjectId);
                    c.Parameters.AddWithValue("id", id);
                    c.Parameters.AddWithValue("cp", checkpointId);
                    c.Parameters.AddWithValue("user", body.UserId);
                }
                PatrolRound round;
                string routeName,
                    projectName,
                    userName;
                var planned = new List<PatrolCheckpoint>();
                PatrolCheckpoint? point = null;
                var scans = new List<ScanFact>();
                var excused = new HashSet<Guid>();
                await using (var r = await reads.ExecuteReaderAsync())
                {
                    if (!await r.ReadAsync())
                        return Results.NotFound();
                    round = new PatrolRound
                    {
                        Id = id,
                        CompanyId = r.GetGuid(0),
                        ProjectId = r.GetGuid(1),
                        PatrolRouteId = r.GetGuid(2),
                        StartsAt = r.GetFieldValue<DateTimeOffset>(3),
                        EndsAt = r.GetFieldValue<DateTimeOffset>(4),
                        WalkerUserId = r.IsDBNull(5) ? null : r.GetGuid(5),
                        WalkerName = r.IsDBNull(6) ? null : r.GetString(6),
                        Plan = r.IsDBNull(9) ? null : r.GetString(9),
                    };
                    routeName = r.GetString(7);
                    projectName = r.GetString(8);
                    await r.NextResultAsync();
                    while (await r.ReadAsync())
                    {
                        var c = new PatrolCheckpoint
                        {
                            Id = r.GetGuid(0),
                            ProjectId = r.GetGuid(1),
                            PatrolRouteId = r.GetGuid(2),
                            Position = r.GetInt32(3),
                            Name = r.GetString(4),
                            DueMinute = r.GetInt32(5),
                            ToleranceMinutes = r.GetInt32(6),
                            Latitude = r.IsDBNull(7) ? null : r.GetDouble(7),
                            Longitude = r.IsDBNull(8) ? null : r.GetDouble(8),
                            RadiusMeters = r.GetInt32(9),
                            Code = "",
                        };
                        if (c.PatrolRouteId == round.PatrolRouteId)
                            planned.Add(c);
                        if (r.GetBoolean(10))
                            point = c;
                    }
                    await r.NextResultAsync();
                    await r.ReadAsync();
                    userName = r.GetString(0);
                    await r.NextResultAsync();
                    while (await r.ReadAsync())
                        scans.Add(
                            new ScanFact(
                                r.GetGuid(0),
                                r.GetFieldValue<DateTimeOffset>(1),
                                r.IsDBNull(2) ? null : r.GetDouble(2),
                                r.IsDBNull(3) ? null : r.GetDouble(3),
                                r.GetBoolean(4)
                            )
                        );
                    await r.NextResultAsync();
                    while (await r.ReadAsync())
                        excused.Add(r.GetGuid(0));
                }
                if (point is null)
                    return Results.BadRequest();
                var firstScan = round.WalkerUserId is null;
                // The same checks as the domain's (other project, outside the round's window).
                var scan = round.Scan(labelProject, point, now, body.Latitude, body.Longitude, null, body.UserId, userName, false);
                scan.CreatedAt = scan.UpdatedAt = now;
                await using var writes = new NpgsqlBatch(conn, tx)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            """
                            insert into security.patrol_scan (id, company_id, project_id, patrol_round_id, patrol_checkpoint_id, scanned_at,
                                latitude, longitude, note, user_id, typed, created_at, updated_at)
                            values (@sid, @company, @project, @id, @cp, @now, @lat, @lng, null, @user, false, @now, @now)
                            """
                        ),
                        new NpgsqlBatchCommand(
                            """
                            insert into audit.change_log (id, at, user_id, user_name, entity_type, entity_id, action, before, after,
                                company_id, project_id)
                            values (@log, @now, @user, @uname, 'PatrolScan', @sid, 'Created', null, @after::jsonb, @company, @project)
                            """
                        ),
                    },
                };
                var after = JsonSerializer.Serialize(
                    new Dictionary<string, object?>
                    {
                        ["id"] = scan.Id,
                        ["companyId"] = scan.CompanyId,
                        ["projectId"] = scan.ProjectId,
                        ["patrolRoundId"] = id,
                        ["patrolCheckpointId"] = point.Id,
                        ["scannedAt"] = now,
                        ["latitude"] = body.Latitude,
                        ["longitude"] = body.Longitude,
                        ["note"] = null,
                        ["userId"] = body.UserId,
                        ["typed"] = false,
                        ["photoId"] = null,
                        ["hazard"] = null,
                        ["hazardRequestId"] = null,
                        ["hazardRequestNumber"] = null,
                    },
                    AuditRows.Json
                );
                if (firstScan)
                {
                    writes.BatchCommands.Add(
                        new NpgsqlBatchCommand(
                            "update security.patrol_round set walker_user_id = @user, walker_name = @uname, updated_at = @now "
                                + "where id = @id"
                        )
                    );
                    writes.BatchCommands.Add(
                        new NpgsqlBatchCommand(
                            """
                            insert into audit.change_log (id, at, user_id, user_name, entity_type, entity_id, action, before, after,
                                company_id, project_id)
                            values (@log2, @now, @user, @uname, 'PatrolRound', @id, 'Updated', '{"walkerUserId":null,"walkerName":null}',
                                @walker::jsonb, @company, @project)
                            """
                        )
                    );
                }
                var walker = JsonSerializer.Serialize(
                    new Dictionary<string, object?> { ["walkerUserId"] = body.UserId, ["walkerName"] = userName },
                    AuditRows.Json
                );
                foreach (NpgsqlBatchCommand c in writes.BatchCommands)
                {
                    c.Parameters.AddWithValue("sid", scan.Id);
                    c.Parameters.AddWithValue("company", round.CompanyId);
                    c.Parameters.AddWithValue("project", round.ProjectId);
                    c.Parameters.AddWithValue("id", id);
                    c.Parameters.AddWithValue("cp", point.Id);
                    c.Parameters.AddWithValue("now", now);
                    c.Parameters.AddWithValue("lat", NpgsqlTypes.NpgsqlDbType.Double, (object?)body.Latitude ?? DBNull.Value);
                    c.Parameters.AddWithValue("lng", NpgsqlTypes.NpgsqlDbType.Double, (object?)body.Longitude ?? DBNull.Value);
                    c.Parameters.AddWithValue("user", body.UserId);
                    c.Parameters.AddWithValue("uname", userName);
                    c.Parameters.AddWithValue("log", Guid.CreateVersion7());
                    c.Parameters.AddWithValue("log2", Guid.CreateVersion7());
                    c.Parameters.AddWithValue("after", after);
                    c.Parameters.AddWithValue("walker", walker);
                }
                await writes.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                scans.Add(new ScanFact(point.Id, now, body.Latitude, body.Longitude, false));
                // The grading and the answer are the app's own (RoundViews.Evaluate, RoundViews.Dto), not a copy: a change there is a
                // change to both sides of the bench.
                var conf = RoundViews.Evaluate(round, planned, scans, excused, now, options.Value.MaxWalkingSpeed);
                return Results.Created($"/api/v1/patrol-rounds/{id}", RoundViews.Dto(round, routeName, projectName, conf, planned, []));
            }
        );
    }
}
