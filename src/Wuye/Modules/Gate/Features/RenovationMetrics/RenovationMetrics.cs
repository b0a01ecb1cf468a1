using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RenovationMetrics;

internal sealed record RenovationMetricsDto(
    DateOnly From,
    DateOnly To,
    Dictionary<string, int> ByState,
    int Applied,
    int Permits,
    decimal? AverageDaysToPermit,
    int Violations,
    int ViolationsRectified,
    decimal? ViolationHandlingRate,
    decimal? ViolationsPerPermit,
    int AfterHoursRefused,
    int MissedChecks,
    decimal DepositsHeld,
    decimal DepositsRefunded,
    decimal Deductions
);

/// <summary>
/// 装修指标, over the renovations applied for in a period (default the last 12 months) that the reader may see: by state, average days
/// from application to permit, violations (found on checks, plus after-hours entries refused) per permit and how many were put
/// right, after-hours attempts refused, missed checks, deposits still held and refunded.
/// </summary>
internal static class RenovationMetricsReads
{
    public static async Task<RenovationMetricsDto> ComputeAsync(
        WuyeDb db,
        Guid? projectId,
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    )
    {
        var start = ChinaTime.StartOf(from).ToUniversalTime();
        var end = ChinaTime.StartOf(to.AddDays(1)).ToUniversalTime();
        var rs = db.Set<Renovation>()
            .Where(r => (projectId == null || r.ProjectId == projectId) && r.CreatedAt >= start && r.CreatedAt < end);
        var events = db.Set<RenovationEvent>();
        var rows = await rs.Select(r => new
            {
                r.State,
                CreatedAt = events.Where(e => e.RenovationId == r.Id && e.Action == "apply").Min(e => (DateTimeOffset?)e.At) ?? r.CreatedAt,
                r.PermittedAt,
                r.Deposit,
                r.Deductions,
                r.Refunded,
            })
            .ToListAsync(ct);
        var ids = rs.Select(r => r.Id);
        var checks = db.Set<RenovationCheck>().Where(c => ids.Contains(c.RenovationId));
        var found = await checks.CountAsync(c => c.Violation, ct);
        var rectified = await checks.CountAsync(c => c.Violation && c.RectifiedAt != null, ct);
        var missed = await checks.CountAsync(c => c.Missed, ct);
        var refused = await db.Set<RenovationEvent>()
            .CountAsync(e => ids.Contains(e.RenovationId) && e.Action == "refused_after_hours", ct);
        var permitted = rows.Where(r => r.PermittedAt is not null).ToList();
        var violations = found + refused;
        var held = new[]
        {
            RenovationState.FeesPaid,
            RenovationState.Permitted,
            RenovationState.AwaitingAcceptance,
            RenovationState.Accepted,
            RenovationState.Failed,
        };
        return new RenovationMetricsDto(
            from,
            to,
            rows.GroupBy(r => r.State)
                .OrderBy(g => g.Key)
                .ToDictionary(g => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(g.Key.ToString()), g => g.Count()),
            rows.Count,
            permitted.Count,
            permitted.Count == 0 ? null : Math.Round((decimal)permitted.Average(r => (r.PermittedAt!.Value - r.CreatedAt).TotalDays), 1),
            violations,
            rectified,
            found == 0 ? null : Math.Round(100m * rectified / found, 1),
            permitted.Count == 0 ? null : Math.Round((decimal)violations / permitted.Count, 2),
            refused,
            missed,
            rows.Where(r => held.Contains(r.State)).Sum(r => r.Deposit - r.Deductions),
            rows.Sum(r => r.Refunded ?? 0),
            rows.Sum(r => r.Deductions)
        );
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(
                "/renovation-metrics",
                async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                {
                    // Dates far outside the records' years would overflow the day bounds (a 500): a field error instead.
                    static bool Odd(DateOnly? d) => d is { Year: < 2000 or > 2100 };
                    if (Odd(from) || Odd(to))
                        throw ValidationException.For(
                            Odd(from) ? "from" : "to",
                            "日期须在 2000–2100 年之间",
                            "The date must be within 2000–2100"
                        );
                    var last = to ?? ChinaTime.Today(clock);
                    var first = from ?? last.AddYears(-1).AddDays(1);
                    if (first > last)
                        throw ValidationException.For("from", "开始日期不能晚于结束日期", "The start cannot be after the end");
                    return TypedResults.Ok(await ComputeAsync(db, projectId, first, last, ct));
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Readers)
            .WithSummary("Renovation figures for a period (default the last 12 months): by state, days to permit, violations, deposits");
    }
}
