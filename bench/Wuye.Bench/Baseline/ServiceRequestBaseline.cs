using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;

namespace Wuye.Bench.Baseline;

/// <summary>
/// Raw baselines of the service-request hot paths: what a hand-written handler on plain Npgsql
/// would send for the same result (same rows read and written, the scope predicate EF Core adds
/// included), in as few round trips as the work allows. Mapped only by the bench host.
/// </summary>
internal static class ServiceRequestBaseline
{
    // The read rule of DataScope for a row with company, project, zone and unit keys, as EF Core writes it.
    private static string Scope(string a) =>
        $"(@g OR {a}.company_id = ANY (@c) OR {a}.project_id = ANY (@fp) OR ({a}.zone_id IS NOT NULL AND {a}.zone_id = ANY (@z)) "
        + $"OR ({a}.unit_id IS NOT NULL AND {a}.unit_id = ANY (@un)) OR ({a}.zone_id IS NULL AND {a}.unit_id IS NULL AND {a}.project_id "
        + $"= ANY (@sp)))";

    private static readonly string UnitScope =
        "(@g OR u.company_id = ANY (@c) OR u.project_id = ANY (@fp) OR (u.zone_id IS NOT NULL AND u.zone_id = ANY (@z)) OR u.id = ANY "
        + "(@un))";
    private static readonly string BuildingScope =
        "(@g OR b.company_id = ANY (@c) OR b.project_id = ANY (@fp) OR (b.zone_id IS NOT NULL AND b.zone_id = ANY (@z)) OR (b.zone_id IS "
        + "NULL AND b.project_id = ANY (@sp)))";

    private static readonly string Columns = $"""
        s.id, s.number, s.project_id, s.zone_id, s.unit_id,
        (select b.name || ' ' || u.number from master_data.unit u join master_data.building b on b.id = u.building_id and {BuildingScope}
          where u.id = s.unit_id and {UnitScope} limit 1) as unit_label,
        s.location, s.channel, s.category, s.urgency, s.status, s.description, s.reporter_name, s.photo_ids, s.visit_from, s.visit_to,
            s.opened_at,
        s.completion_due_at, s.completed_at, s.closed_at, s.rework_count, s.satisfied, s.score, s.merged_into_id
        """;

    private static void AddScope(NpgsqlParameterCollection p, Guid companyId)
    {
        Guid[] empty = [];
        p.AddWithValue("g", false);
        p.AddWithValue("c", new[] { companyId });
        p.AddWithValue("fp", empty);
        p.AddWithValue("z", empty);
        p.AddWithValue("un", empty);
        p.AddWithValue("sp", empty);
    }

    private static Dictionary<string, object?> Row(NpgsqlDataReader r)
    {
        var row = new Dictionary<string, object?>(r.FieldCount);
        for (var i = 0; i < r.FieldCount; i++)
            row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
        return row;
    }

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(NpgsqlDataReader r)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (await r.ReadAsync())
            rows.Add(Row(r));
        return rows;
    }

    public static void Map(RouteGroupBuilder g)
    {
        // GET /api/v1/service-requests?projectId&status: the count and a page, newest first.
        g.MapGet(
            "/service-requests",
            async (NpgsqlDataSource db, Guid companyId, Guid? projectId, string? status, int? page, int? pageSize) =>
            {
                var size = pageSize ?? 20;
                // Conditions only for the filters given, as EF Core composes them (an "@p is null or" form would keep the planner off the
                // index).
                var where =
                    Scope("s") + (status is null ? "" : " and s.status = @st") + (projectId is null ? "" : " and s.project_id = @p");
                await using var conn = await db.OpenConnectionAsync();
                await using var batch = new NpgsqlBatch(conn)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand($"select count(*)::int from work_orders.service_request s where {where}"),
                        new NpgsqlBatchCommand(
                            $"select {Columns} from work_orders.service_request s where {where} order by s.opened_at desc limit @size "
                                + $"offset @offset"
                        ),
                    },
                };
                foreach (NpgsqlBatchCommand c in batch.BatchCommands)
                {
                    AddScope(c.Parameters, companyId);
                    c.Parameters.AddWithValue("st", NpgsqlTypes.NpgsqlDbType.Text, (object?)status ?? DBNull.Value);
                    c.Parameters.AddWithValue("p", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)projectId ?? DBNull.Value);
                    c.Parameters.AddWithValue("size", size);
                    c.Parameters.AddWithValue("offset", ((page ?? 1) - 1) * size);
                }
                await using var r = await batch.ExecuteReaderAsync();
                await r.ReadAsync();
                var total = r.GetInt32(0);
                await r.NextResultAsync();
                var items = await RowsAsync(r);
                return Results.Ok(
                    new
                    {
                        items,
                        page = page ?? 1,
                        pageSize = size,
                        total,
                    }
                );
            }
        );

        // GET /api/v1/service-requests/{id}: the request, its work orders, timeline and return visits.
        g.MapGet("/service-requests/{id:guid}", async (NpgsqlDataSource db, Guid id, Guid companyId) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(conn)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(
                        $"select {Columns} from work_orders.service_request s where s.id = @id and {Scope("s")} limit 1"
                    ),
                    new NpgsqlBatchCommand(
                        $"""
                        select w.*, s.number, s.location, s.description,
                               (select b.name || ' ' || u.number from master_data.unit u join master_data.building b on b.id =
                                   u.building_id and {BuildingScope}
                                 where u.id = w.unit_id and {UnitScope} limit 1) as unit_label
                          from work_orders.work_order w join work_orders.service_request s on s.id = w.service_request_id and {Scope("s")}
                         where w.service_request_id = @id and {Scope("w")} order by w.clock_started_at
                        """
                    ),
                    new NpgsqlBatchCommand(
                        $"select e.* from work_orders.work_order_event e where e.service_request_id = @id and {Scope("e")} order by "
                            + $"e.at, e.seq"
                    ),
                    new NpgsqlBatchCommand(
                        $"""
                        select v.*, s.number, s.description, w.assignee_name, w.completed_at
                          from work_orders.return_visit v
                          join work_orders.service_request s on s.id = v.service_request_id and {Scope("s")}
                          join work_orders.work_order w on w.id = v.work_order_id and {Scope("w")}
                         where v.service_request_id = @id and {Scope("v")} order by v.due_at
                        """
                    ),
                },
            };
            foreach (NpgsqlBatchCommand c in batch.BatchCommands)
            {
                AddScope(c.Parameters, companyId);
                c.Parameters.AddWithValue("id", id);
            }
            await using var r = await batch.ExecuteReaderAsync();
            var request = await RowsAsync(r);
            await r.NextResultAsync();
            var orders = await RowsAsync(r);
            await r.NextResultAsync();
            var timeline = await RowsAsync(r);
            await r.NextResultAsync();
            var visits = await RowsAsync(r);
            return request.Count == 0
                ? Results.NotFound()
                : Results.Ok(
                    new
                    {
                        request = request[0],
                        workOrders = orders,
                        timeline,
                        visits,
                    }
                );
        });

        // POST /api/v1/service-requests for a unit: the same reads (unit in scope, reporter, time-limit
        // row, calendar, customer service to notify) in one round trip, the same rows written
        // (request, work order, timeline entry, stale-rollup marker, outbox messages, a history row
        // for each record) in a second, in one transaction.
        g.MapPost(
            "/service-requests",
            async (NpgsqlDataSource db, TimeProvider clock, Wuye.Modules.WorkOrders.Data.RequestNumbers numbers, RawNewRequest body) =>
            {
                var now = clock.GetUtcNow();
                // Numbers come from the same sequence blocks as the app's (unique per company). Taken
                // before this request holds a connection: a block refill needs one from the same pool,
                // and 32 requests each holding one of its 16 while waiting for it would starve it.
                var number = await numbers.NextAsync(now, "BX", default);
                await using var conn = await db.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using var reads = new NpgsqlBatch(conn, tx)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            $"select u.company_id, u.project_id, u.zone_id from master_data.unit u where u.id = @unit and u.archived_at "
                                + $"is null and {UnitScope} limit 1"
                        ),
                        new NpgsqlBatchCommand("select coalesce(display_name, user_name) from identity.user_account where id = @user"),
                        new NpgsqlBatchCommand(
                            """
                            select response_minutes, arrival_minutes, completion_minutes, around_the_clock from work_orders.sla_policy
                             where project_id = (select project_id from master_data.unit where id = @unit) and urgency = @urgency and
                                 (category = @category or category is null)
                             order by category is null limit 1
                            """
                        ),
                        new NpgsqlBatchCommand(
                            "select day_start, day_end, working_days, holidays, extra_workdays from work_orders.business_calendar where "
                                + "project_id = (select project_id from master_data.unit where id = @unit) limit 1"
                        ),
                        new NpgsqlBatchCommand(
                            """
                            select a.id, a.phone_number, a.email from identity.user_account a
                             where a.id in (select r.user_id from identity.role_assignment r join master_data.unit u on u.id = @unit
                                             where r.role = 'customer_service' and r.company_id = u.company_id and (r.project_id is null or
                                                 r.project_id = u.project_id))
                            """
                        ),
                    },
                };
                foreach (NpgsqlBatchCommand c in reads.BatchCommands)
                {
                    AddScope(c.Parameters, body.CompanyId);
                    c.Parameters.AddWithValue("unit", body.UnitId);
                    c.Parameters.AddWithValue("user", body.UserId);
                    c.Parameters.AddWithValue("urgency", "Normal");
                    c.Parameters.AddWithValue("category", body.Category);
                }
                Guid companyId,
                    projectId;
                Guid? zoneId;
                string reporter;
                (int Response, int Arrival, int Completion, bool AroundTheClock)? policy = null;
                BusinessCalendar? calendar = null;
                var desk = new List<(Guid Id, string? Phone, string? Email)>();
                await using (var r = await reads.ExecuteReaderAsync())
                {
                    if (!await r.ReadAsync())
                        return Results.BadRequest();
                    (companyId, projectId, zoneId) = (r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetGuid(2));
                    await r.NextResultAsync();
                    reporter = await r.ReadAsync() ? r.GetString(0) : "";
                    await r.NextResultAsync();
                    if (await r.ReadAsync())
                        policy = (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetBoolean(3));
                    await r.NextResultAsync();
                    if (await r.ReadAsync())
                        calendar = new BusinessCalendar
                        {
                            CompanyId = companyId,
                            ProjectId = projectId,
                            DayStart = r.GetFieldValue<TimeOnly>(0),
                            DayEnd = r.GetFieldValue<TimeOnly>(1),
                            WorkingDays = r.GetString(2),
                            Holidays = r.GetFieldValue<DateOnly[]>(3),
                            ExtraWorkdays = r.GetFieldValue<DateOnly[]>(4),
                        };
                    await r.NextResultAsync();
                    while (await r.ReadAsync())
                        desk.Add((r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
                }
                var time = policy is { AroundTheClock: true }
                    ? WorkingTime.AroundTheClock
                    : new WorkingTime(calendar ?? WorkingTime.DefaultCalendar(companyId, projectId));
                DateTimeOffset? Due(int? minutes) => minutes is { } m ? time.AddMinutes(now, m) : null;
                var (requestId, orderId, eventId) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
                var completionDue = Due(policy?.Completion);
                var month = ChinaTime.Month(now);

                await using var writes = new NpgsqlBatch(conn, tx);
                NpgsqlBatchCommand Add(string sql)
                {
                    var c = new NpgsqlBatchCommand(sql);
                    c.Parameters.AddWithValue("now", now);
                    c.Parameters.AddWithValue("rid", requestId);
                    c.Parameters.AddWithValue("co", companyId);
                    c.Parameters.AddWithValue("pr", projectId);
                    c.Parameters.AddWithValue("zo", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)zoneId ?? DBNull.Value);
                    c.Parameters.AddWithValue("un", body.UnitId);
                    writes.BatchCommands.Add(c);
                    return c;
                }
                var req = Add(
                    """
                    insert into work_orders.service_request (id, company_id, project_id, zone_id, unit_id, number, channel, category,
                        urgency, description,
                        reporter_name, reporter_user_id, photo_ids, status, opened_at, opened_month, completion_due_at, rework_count,
                            visited, created_at, updated_at)
                    values (@rid, @co, @pr, @zo, @un, @number, 'FrontDesk', @category, 'Normal', @description, @reporter, @user, '{}',
                        'Open', @now, @month, @due, 0, false, @now, @now)
                    """
                );
                req.Parameters.AddWithValue("number", number);
                req.Parameters.AddWithValue("category", body.Category);
                req.Parameters.AddWithValue("description", body.Description);
                req.Parameters.AddWithValue("reporter", reporter);
                req.Parameters.AddWithValue("user", body.UserId);
                req.Parameters.AddWithValue("month", month);
                req.Parameters.AddWithValue("due", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)completionDue ?? DBNull.Value);
                var wo = Add(
                    """
                    insert into work_orders.work_order (id, company_id, project_id, zone_id, unit_id, service_request_id, status, category,
                        urgency, around_the_clock,
                        clock_started_at, response_due_at, arrival_due_at, completion_due_at, paused_minutes, before_photo_ids,
                            after_photo_ids, charge_total, created_at, updated_at)
                    values (@wid, @co, @pr, @zo, @un, @rid, 'New', @category, 'Normal', @atc, @now, @resp, @arr, @due, 0, '{}', '{}', 0,
                        @now, @now)
                    """
                );
                wo.Parameters.AddWithValue("wid", orderId);
                wo.Parameters.AddWithValue("category", body.Category);
                wo.Parameters.AddWithValue("atc", time.IsAroundTheClock);
                wo.Parameters.AddWithValue("resp", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)Due(policy?.Response) ?? DBNull.Value);
                wo.Parameters.AddWithValue("arr", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)Due(policy?.Arrival) ?? DBNull.Value);
                wo.Parameters.AddWithValue("due", NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)completionDue ?? DBNull.Value);
                var ev = Add(
                    """
                    insert into work_orders.work_order_event (id, company_id, project_id, zone_id, unit_id, service_request_id,
                        work_order_id, seq, at, actor_user_id, actor_name, kind, note, created_at, updated_at)
                    values (@eid, @co, @pr, @zo, @un, @rid, @wid, @seq, @now, @user, @reporter, 'Created', @note, @now, @now)
                    """
                );
                ev.Parameters.AddWithValue("eid", eventId);
                ev.Parameters.AddWithValue("wid", orderId);
                ev.Parameters.AddWithValue("seq", DateTime.UtcNow.Ticks);
                ev.Parameters.AddWithValue("user", body.UserId);
                ev.Parameters.AddWithValue("reporter", reporter);
                ev.Parameters.AddWithValue(
                    "note",
                    "前台；完成时限 " + (completionDue is { } d ? ChinaTime.ToChina(d).ToString("yyyy-MM-dd HH:mm") : "—")
                );
                var stale = Add("insert into work_orders.metrics_rollup_stale (id, company_id, month) values (@sid, @co, @month)");
                stale.Parameters.AddWithValue("sid", Guid.CreateVersion7());
                stale.Parameters.AddWithValue("month", month);
                foreach (var (user, phone, email) in desk)
                foreach (var (channel, address) in new[] { ("InApp", null), ("Sms", phone), ("Email", email) })
                {
                    if (channel != "InApp" && string.IsNullOrWhiteSpace(address))
                        continue;
                    var o = Add(
                        """
                        insert into platform.outbox_message (id, channel, recipient_user_id, company_id, address, title, body, link,
                            status, attempts, next_attempt_at, created_at)
                        values (@oid, @channel, @to, @co, @address, @title, @description, @link, 'Pending', 0, @now, @now)
                        """
                    );
                    o.Parameters.AddWithValue("oid", Guid.CreateVersion7());
                    o.Parameters.AddWithValue("channel", channel);
                    o.Parameters.AddWithValue("to", user);
                    o.Parameters.AddWithValue("address", NpgsqlTypes.NpgsqlDbType.Text, (object?)address ?? DBNull.Value);
                    o.Parameters.AddWithValue("title", $"新报事 {number}");
                    o.Parameters.AddWithValue("description", body.Description);
                    o.Parameters.AddWithValue("link", $"/service-requests/{requestId}");
                }
                foreach (
                    var (type, id, after) in new (string, Guid, object)[]
                    {
                        (
                            "ServiceRequest",
                            requestId,
                            new
                            {
                                id = requestId,
                                companyId,
                                projectId,
                                zoneId,
                                unitId = body.UnitId,
                                number,
                                channel = "FrontDesk",
                                category = body.Category,
                                urgency = "Normal",
                                description = body.Description,
                                reporterName = reporter,
                                reporterUserId = body.UserId,
                                status = "Open",
                                openedAt = now,
                                openedMonth = month,
                                completionDueAt = completionDue,
                            }
                        ),
                        (
                            "WorkOrder",
                            orderId,
                            new
                            {
                                id = orderId,
                                companyId,
                                projectId,
                                zoneId,
                                unitId = body.UnitId,
                                serviceRequestId = requestId,
                                status = "New",
                                category = body.Category,
                                urgency = "Normal",
                                aroundTheClock = time.IsAroundTheClock,
                                clockStartedAt = now,
                                completionDueAt = completionDue,
                            }
                        ),
                        (
                            "WorkOrderEvent",
                            eventId,
                            new
                            {
                                id = eventId,
                                companyId,
                                projectId,
                                zoneId,
                                unitId = body.UnitId,
                                serviceRequestId = requestId,
                                workOrderId = orderId,
                                at = now,
                                actorUserId = body.UserId,
                                actorName = reporter,
                                kind = "Created",
                            }
                        ),
                    }
                )
                {
                    var log = Add(
                        """
                        insert into audit.change_log (id, at, user_id, user_name, entity_type, entity_id, action, before, after,
                            company_id, project_id, zone_id, unit_id)
                        values (@lid, @now, @user, 'bench', @type, @eid, 'Created', null, @after::jsonb, @co, @pr, @zo, @un)
                        """
                    );
                    log.Parameters.AddWithValue("lid", Guid.CreateVersion7());
                    log.Parameters.AddWithValue("user", body.UserId);
                    log.Parameters.AddWithValue("type", type);
                    log.Parameters.AddWithValue("eid", id);
                    log.Parameters.AddWithValue("after", JsonSerializer.Serialize(after));
                }
                await writes.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                return Results.Created(
                    $"/api/v1/service-requests/{requestId}",
                    new
                    {
                        id = requestId,
                        number,
                        projectId,
                        zoneId,
                        unitId = body.UnitId,
                        channel = "frontDesk",
                        category = body.Category,
                        urgency = "normal",
                        status = "open",
                        description = body.Description,
                        reporterName = reporter,
                        photoIds = Array.Empty<Guid>(),
                        openedAt = now,
                        completionDueAt = completionDue,
                        reworkCount = 0,
                    }
                );
            }
        );
    }

    internal sealed record RawNewRequest(Guid CompanyId, Guid UserId, Guid UnitId, string Category, string Description);
}
