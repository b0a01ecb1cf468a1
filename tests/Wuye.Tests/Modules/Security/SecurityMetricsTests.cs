using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Security metrics (issue 13 item 10) for 锦绣花园's demo records: each month's figures equal a scan of the records in SQL — rounds
/// ended and those with every checkpoint scanned or excused, roll-calls and answers with their median response, hidden tokens decided
/// and found, violations, handled, repeat violators. Bad months are answered field by field; a guard may not read them.
/// </summary>
public sealed class SecurityMetricsTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<long> ScalarAsync(string sql, params object[] args) =>
        await _app.DbAsync(db => db.Database.SqlQueryRaw<long>(sql, args).SingleAsync());

    [Fact]
    public async Task Each_months_figures_equal_a_scan_of_the_records()
    {
        var pm = await _app.As("pm");
        var from = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddMonths(-2).ToString("yyyy-MM");
        var result = await pm.GetJsonAsync($"/api/v1/security-metrics?projectId={_project}&from={from}");
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(1.0, result.GetProperty("handlingRateTarget").GetDouble());
        foreach (var row in rows)
        {
            var month = row.GetProperty("month").GetString()!;
            var first = DateOnly.ParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            var end = new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            var rounds = await ScalarAsync(
                """
                select count(*) as "Value" from security.patrol_round r
                where r.project_id = {0} and r.ends_at < now() and r.ends_at >= {1} and r.ends_at < {2}
                """,
                _project,
                start,
                end
            );
            var completed = await ScalarAsync(
                """
                select count(*) as "Value" from security.patrol_round r where r.project_id = {0} and r.ends_at < now()
                and r.ends_at >= {1} and r.ends_at < {2}
                and not exists (select 1 from security.patrol_checkpoint c where c.patrol_route_id = r.patrol_route_id
                and not exists (select 1 from security.patrol_scan s where s.patrol_round_id = r.id and s.patrol_checkpoint_id = c.id)
                and not exists (select 1 from security.patrol_excuse e where e.patrol_round_id = r.id and e.patrol_checkpoint_id = c.id))
                """,
                _project,
                start,
                end
            );
            var calls = await ScalarAsync(
                """
                select count(*) as "Value" from security.roll_call c
                where c.project_id = {0} and c.called_at >= {1} and c.called_at < {2}
                """,
                _project,
                start,
                end
            );
            var answered = await ScalarAsync(
                """
                select count(*) as "Value" from security.roll_call c
                where c.project_id = {0} and c.answered_at is not null and c.called_at >= {1} and c.called_at < {2}
                """,
                _project,
                start,
                end
            );
            var median = await _app.DbAsync(db =>
                db.Database.SqlQueryRaw<double?>(
                        """
                        select percentile_cont(0.5) within group
                            (order by round(extract(epoch from c.answered_at - c.called_at))) as "Value"
                        from security.roll_call c where c.project_id = {0} and c.answered_at is not null
                        and c.called_at >= {1} and c.called_at < {2}
                        """,
                        _project,
                        start,
                        end
                    )
                    .SingleAsync()
            );
            var tokens = await ScalarAsync(
                """
                select count(*) as "Value" from security.hidden_token t
                where t.project_id = {0} and (t.found_at is not null or t.due_at <= now()) and t.hidden_at >= {1} and t.hidden_at < {2}
                """,
                _project,
                start,
                end
            );
            var found = await ScalarAsync(
                """
                select count(*) as "Value" from security.hidden_token t
                where t.project_id = {0} and t.found_at is not null and t.hidden_at >= {1} and t.hidden_at < {2}
                """,
                _project,
                start,
                end
            );
            var violations = await ScalarAsync(
                """
                select count(*) as "Value" from security.parking_violation v
                where v.project_id = {0} and v.recorded_at >= {1} and v.recorded_at < {2}
                """,
                _project,
                start,
                end
            );
            var handled = await ScalarAsync(
                """
                select count(*) as "Value" from security.parking_violation v
                where v.project_id = {0} and v.closed_at is not null and v.recorded_at >= {1} and v.recorded_at < {2}
                """,
                _project,
                start,
                end
            );
            var repeaters = await ScalarAsync(
                """
                select count(distinct v.plate) as "Value" from security.parking_violation v
                where v.project_id = {0} and v.recorded_at >= {1} and v.recorded_at < {2}
                and (select count(*) from security.parking_violation o where o.project_id = v.project_id and o.plate = v.plate
                     and o.recorded_at <= v.recorded_at and o.recorded_at > v.recorded_at - interval '90 days') >= 3
                """,
                _project,
                start,
                end
            );
            Assert.Equal(
                (rounds, completed, calls, answered, tokens, found, violations, handled, repeaters),
                (
                    row.GetProperty("rounds").GetInt64(),
                    row.GetProperty("roundsCompleted").GetInt64(),
                    row.GetProperty("calls").GetInt64(),
                    row.GetProperty("answered").GetInt64(),
                    row.GetProperty("tokens").GetInt64(),
                    row.GetProperty("tokensFound").GetInt64(),
                    row.GetProperty("violations").GetInt64(),
                    row.GetProperty("handled").GetInt64(),
                    row.GetProperty("repeatViolators").GetInt64()
                )
            );
            var apiMedian = row.GetProperty("medianResponseSeconds");
            Assert.Equal(median, apiMedian.ValueKind == JsonValueKind.Null ? null : apiMedian.GetDouble());
            if (violations > 0)
                Assert.Equal((double)handled / violations, row.GetProperty("handlingRate").GetDouble(), 6);
        }
        Assert.Contains(rows, r => r.GetProperty("rounds").GetInt32() > 0 && r.GetProperty("calls").GetInt32() > 0);

        async Task<HashSet<string>> ErrorsAsync(string query)
        {
            var res = await pm.GetAsync($"/api/v1/security-metrics?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            return [.. (await res.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }
        Assert.Equal(["from", "to"], (await ErrorsAsync("from=2026-13&to=x")).Order());
        Assert.Equal(["to"], await ErrorsAsync("from=2026-05&to=2026-04"));
        Assert.Equal(["to"], await ErrorsAsync("from=2023-01&to=2026-01"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("guard")).GetAsync("/api/v1/security-metrics")).StatusCode);
        var page = await pm.GetStringAsync($"/security/metrics?projectId={_project}");
        Assert.Contains("security-metrics-chart", page);
    }
}
