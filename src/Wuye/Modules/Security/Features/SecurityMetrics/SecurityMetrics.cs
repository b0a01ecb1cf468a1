using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ParkingViolations;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.SecurityMetrics;

/// <summary>
/// One project's month, computed from the records. Rates are null when there is nothing to divide by. Patrols: rounds closed in the
/// month (ended by now); completed = no point missed (every point scanned or excused); conforming = graded good or pass. Roll-calls:
/// calls of the month; answered; median seconds from the first call to the answer. Hidden tokens: hidden in the month and decided
/// (found, or their shift over); found. Violations recorded in the month; repeat violators = plates with a violation in the month
/// that counted <see cref="SecurityOptions.RepeatViolations"/> or more in the window up to it; handled = closed.
/// </summary>
internal sealed record SecurityMonthDto(
    Guid ProjectId,
    string ProjectName,
    string Month,
    int Rounds,
    int RoundsCompleted,
    int RoundsConforming,
    double? CompletionRate,
    double? ConformanceRate,
    double? MeanScore,
    int Calls,
    int Answered,
    double? AnswerRate,
    double? MedianResponseSeconds,
    int Tokens,
    int TokensFound,
    double? FoundRate,
    int Violations,
    int RepeatViolators,
    int Handled,
    double? HandlingRate
);

internal sealed record SecurityMetricsDto(
    string From,
    string To,
    double HandlingRateTarget,
    List<string> Months,
    List<SecurityMonthDto> Rows
);

/// <summary>Security metrics by project and month (issue 13 item 10; seed 002 indicator 19: 违章处理率 100%).</summary>
internal sealed class SecurityMetricsHandler(
    WuyeDb db,
    TimeProvider clock,
    RoundViews rounds,
    Microsoft.Extensions.Options.IOptions<SecurityOptions> options
)
{
    public const string Page = "/security/metrics";

    /// <summary>Seed 002 indicator 19: 违章处理率 100%.</summary>
    public const double HandlingRateTarget = 1.0;

    public static bool TryMonth(string? text, out DateOnly month)
    {
        month = default;
        if (!DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return false;
        month = new DateOnly(d.Year, d.Month, 1);
        return true;
    }

    /// <summary>The months [from, to] (yyyy-MM; the last six up to this one by default), checked field by field.</summary>
    public (DateOnly From, DateOnly To) Range(string? from, string? to)
    {
        var v = new Validator();
        var today = ChinaTime.Today(clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        DateOnly f = thisMonth.AddMonths(-5),
            t = thisMonth;
        if (from is not null && !TryMonth(from, out f))
            v.Add("from", "开始月份格式应为 yyyy-MM", "from is a month, yyyy-MM");
        if (to is not null && !TryMonth(to, out t))
            v.Add("to", "结束月份格式应为 yyyy-MM", "to is a month, yyyy-MM");
        if (!v.HasErrors && t < f)
            v.Add("to", "结束月份不能早于开始月份", "to is before from");
        if (!v.HasErrors && (t.Year - f.Year) * 12 + t.Month - f.Month >= 24)
            v.Add("to", "最多查询 24 个月", "At most 24 months");
        v.ThrowIfAny();
        return (f, t);
    }

    private static string MonthOf(DateTimeOffset t) => ChinaTime.ToChina(t).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    public static double? Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0)
            return null;
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2.0;
    }

    public async Task<SecurityMetricsDto> ComputeAsync(Guid? projectId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = ChinaTime.StartOf(from).ToUniversalTime();
        var end = ChinaTime.StartOf(to.AddMonths(1)).ToUniversalTime();
        var now = clock.GetUtcNow();
        var until = end < now ? end : now;
        var months = new List<string>();
        for (var m = from; m <= to; m = m.AddMonths(1))
            months.Add(m.ToString("yyyy-MM", CultureInfo.InvariantCulture));

        var roundRows = await db.Set<PatrolRound>()
            .AsNoTracking()
            .Where(r => (projectId == null || r.ProjectId == projectId) && r.EndsAt >= start && r.EndsAt < until)
            .OrderBy(r => r.EndsAt)
            .ThenBy(r => r.Id)
            .Take(50_000)
            .ToListAsync(ct);
        var graded = await rounds.ToDtosAsync(roundRows, false, ct);
        var calls = await db.Set<RollCall>()
            .AsNoTracking()
            .Where(c => (projectId == null || c.ProjectId == projectId) && c.CalledAt >= start && c.CalledAt < until)
            .Select(c => new
            {
                c.ProjectId,
                c.CalledAt,
                c.AnsweredAt,
            })
            .ToListAsync(ct);
        var tokens = await db.Set<HiddenToken>()
            .AsNoTracking()
            .Where(t => (projectId == null || t.ProjectId == projectId) && t.HiddenAt >= start && t.HiddenAt < until)
            .Where(t => t.FoundAt != null || t.DueAt <= now)
            .Select(t => new
            {
                t.ProjectId,
                t.HiddenAt,
                Found = t.FoundAt != null,
            })
            .ToListAsync(ct);
        var violations = await db.Set<ParkingViolation>()
            .AsNoTracking()
            .Where(v => (projectId == null || v.ProjectId == projectId) && v.RecordedAt >= start && v.RecordedAt < until)
            .OrderBy(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .ToListAsync(ct);
        var counts = await ParkingViolationHandler.WindowCountsAsync(db, violations, options.Value.RepeatViolationDays, ct);
        var threshold = options.Value.RepeatViolations;

        var keys = graded
            .Select(r => (r.ProjectId, Month: MonthOf(r.EndsAt)))
            .Concat(calls.Select(c => (c.ProjectId, Month: MonthOf(c.CalledAt))))
            .Concat(tokens.Select(t => (t.ProjectId, Month: MonthOf(t.HiddenAt))))
            .Concat(violations.Select(v => (v.ProjectId, Month: MonthOf(v.RecordedAt))))
            .Distinct()
            .ToList();
        var projectIds = keys.Select(k => k.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var rows = keys.Select(k =>
            {
                var rs = graded.Where(r => r.ProjectId == k.ProjectId && MonthOf(r.EndsAt) == k.Month).ToList();
                var cs = calls.Where(c => c.ProjectId == k.ProjectId && MonthOf(c.CalledAt) == k.Month).ToList();
                var answered = cs.Where(c => c.AnsweredAt != null).ToList();
                var ts = tokens.Where(t => t.ProjectId == k.ProjectId && MonthOf(t.HiddenAt) == k.Month).ToList();
                var vs = violations.Where(v => v.ProjectId == k.ProjectId && MonthOf(v.RecordedAt) == k.Month).ToList();
                var completed = rs.Count(r => r.Missed == 0);
                var conforming = rs.Count(r => r.Grade != RoundGrade.Fail);
                var found = ts.Count(t => t.Found);
                var handled = vs.Count(v => v.ClosedAt != null);
                return new SecurityMonthDto(
                    k.ProjectId,
                    names.GetValueOrDefault(k.ProjectId, "?"),
                    k.Month,
                    rs.Count,
                    completed,
                    conforming,
                    Rate(completed, rs.Count),
                    Rate(conforming, rs.Count),
                    rs.Count == 0 ? null : Math.Round(rs.Average(r => r.Score), 1),
                    cs.Count,
                    answered.Count,
                    Rate(answered.Count, cs.Count),
                    Median([
                        .. answered.Select(c =>
                            (int)Math.Round((c.AnsweredAt!.Value - c.CalledAt).TotalSeconds, MidpointRounding.AwayFromZero)
                        ),
                    ]),
                    ts.Count,
                    found,
                    Rate(found, ts.Count),
                    vs.Count,
                    vs.Where(v => counts[v.Id] >= threshold).Select(v => v.Plate).Distinct().Count(),
                    handled,
                    Rate(handled, vs.Count)
                );
            })
            .OrderBy(r => r.ProjectName)
            .ThenBy(r => r.ProjectId)
            .ThenBy(r => r.Month)
            .ToList();
        return new(months[0], months[^1], HandlingRateTarget, months, rows);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/security-metrics")
            .WithTags("Security")
            .MapGet("/", async (SecurityMetricsHandler h, Guid? projectId, string? from, string? to, CancellationToken ct) =>
            {
                var (f, t) = h.Range(from, to);
                return TypedResults.Ok(await h.ComputeAsync(projectId, f, t, ct));
            })
            .RequireRoles(SecurityRoles.MetricsReaders)
            .WithSummary(
                "Security metrics by project and month (from, to: yyyy-MM, the last six months by default, at most 24), computed from "
                    + "the records: patrol completion and conformance, roll-call answer rate and median response, hidden-token found "
                    + "rate, violations, repeat violators, handling rate (target 100%, seed 002 indicator 19)"
            );
    }
}
