using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.SafetyIndicators;

internal sealed record SafetyEventDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    SafetyEventKind Kind,
    string KindName,
    bool Major,
    DateTimeOffset OccurredAt,
    string? Location,
    string Description,
    Guid? IncidentId,
    string RecordedByName
);

/// <summary>One indicator: its source (001, or 002 with its number), the count, the rate in percent of the households (null for a
/// per-year count), the target, and whether it is met.</summary>
internal sealed record SafetyIndicatorDto(string Code, string Name, int Count, decimal? RatePercent, string Target, bool Met);

internal sealed record ProjectSafetyDto(
    Guid ProjectId,
    string Project,
    int Year,
    int Households,
    IReadOnlyList<SafetyIndicatorDto> Indicators
);

/// <summary>
/// The safety log and the indicators computed from it per project and year (China time): 001 年治安事件发生率 &lt; 0.5%;
/// 002 篇4 no.13 重大刑事案件发生率 0, no.14 治安案件 ≤ 1 a year, no.16 火警发生率 ≤ 1%, no.17 火灾发生率 0%. A rate is the year's
/// records of the kind over the project's households (its units in the master data), in percent, rounded to four places.
/// </summary>
internal sealed class SafetyReads(WuyeDb db)
{
    public const string Link = "/emergencies/safety";

    public IQueryable<SafetyEvent> Events(Guid? projectId, int? year, SafetyEventKind? kind)
    {
        var q = db.Set<SafetyEvent>()
            .AsNoTracking()
            .Where(e => (projectId == null || e.ProjectId == projectId) && (kind == null || e.Kind == kind));
        if (year is { } y)
        {
            var (from, to) = YearRange(y);
            q = q.Where(e => e.OccurredAt >= from && e.OccurredAt < to);
        }
        return q.OrderByDescending(e => e.OccurredAt).ThenBy(e => e.Id);
    }

    public static (DateTimeOffset From, DateTimeOffset To) YearRange(int year) =>
        (ChinaTime.StartOf(new DateOnly(year, 1, 1)).ToUniversalTime(), ChinaTime.StartOf(new DateOnly(year + 1, 1, 1)).ToUniversalTime());

    public async Task<List<SafetyEventDto>> ListAsync(IQueryable<SafetyEvent> events, CancellationToken ct) =>
        [
            .. (
                await (
                    from e in events
                    join p in db.ProjectRefs() on e.ProjectId equals p.Id
                    select new { e, Project = p.Name }
                ).ToListAsync(ct)
            ).Select(r => new SafetyEventDto(
                r.e.Id,
                r.e.ProjectId,
                r.Project,
                r.e.Kind,
                SafetyEvent.KindName(r.e.Kind, r.e.Major),
                r.e.Major,
                r.e.OccurredAt,
                r.e.Location,
                r.e.Description,
                r.e.IncidentId,
                r.e.RecordedByName
            )),
        ];

    public async Task<SafetyEventDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<SafetyEvent>().AsNoTracking().Where(e => e.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("safety event");

    /// <summary>The indicators of each project the reader may see (or of one) for the year.</summary>
    public async Task<List<ProjectSafetyDto>> IndicatorsAsync(Guid? projectId, int year, CancellationToken ct)
    {
        var projects = await db.ProjectRefs()
            .Where(p => p.ArchivedAt == null && (projectId == null || p.Id == projectId))
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(500)
            .Select(p => new { p.Id, p.Name })
            .ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var households = await db.UnitRefs()
            .Where(u => ids.Contains(u.ProjectId) && u.ArchivedAt == null)
            .GroupBy(u => u.ProjectId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var (from, to) = YearRange(year);
        var counts = await db.Set<SafetyEvent>()
            .Where(e => ids.Contains(e.ProjectId) && e.OccurredAt >= from && e.OccurredAt < to)
            .GroupBy(e => new
            {
                e.ProjectId,
                e.Kind,
                e.Major,
            })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.Kind,
                g.Key.Major,
                N = g.Count(),
            })
            .ToListAsync(ct);
        return
        [
            .. projects.Select(p =>
            {
                var h = households.GetValueOrDefault(p.Id);
                int N(SafetyEventKind k, bool? major = null) =>
                    counts.Where(c => c.ProjectId == p.Id && c.Kind == k && (major == null || c.Major == major)).Sum(c => c.N);
                return new ProjectSafetyDto(
                    p.Id,
                    p.Name,
                    year,
                    h,
                    Compute(
                        h,
                        N(SafetyEventKind.SecurityIncident),
                        N(SafetyEventKind.CriminalCase),
                        N(SafetyEventKind.CriminalCase, true),
                        N(SafetyEventKind.FireAlarm),
                        N(SafetyEventKind.Fire)
                    )
                );
            }),
        ];
    }

    public static decimal? Rate(int count, int households) => households == 0 ? null : Math.Round(count * 100m / households, 4);

    public static List<SafetyIndicatorDto> Compute(int households, int security, int criminal, int majorCriminal, int fireAlarms, int fires)
    {
        var securityRate = Rate(security, households);
        var alarmRate = Rate(fireAlarms, households);
        return
        [
            new(
                "001",
                Loc.T("年治安事件发生率", "Security incidents a year"),
                security,
                securityRate,
                "< 0.5%",
                (securityRate ?? 0) < 0.5m
            ),
            new(
                "002-13",
                Loc.T("重大刑事案件发生率", "Major criminal cases"),
                majorCriminal,
                Rate(majorCriminal, households),
                "0",
                majorCriminal == 0
            ),
            new(
                "002-14",
                Loc.T("治安案件发生率", "Security cases a year"),
                security,
                null,
                Loc.T("≤ 1 起/年", "≤ 1 a year"),
                security <= 1
            ),
            new("002-16", Loc.T("火警发生率", "Fire alarm rate"), fireAlarms, alarmRate, "≤ 1%", (alarmRate ?? 0) <= 1m),
            new("002-17", Loc.T("火灾发生率", "Fire rate"), fires, Rate(fires, households), "0%", fires == 0),
            new("criminal", Loc.T("刑事案件（全部）", "Criminal cases (all)"), criminal, Rate(criminal, households), "—", true),
        ];
    }
}

/// <summary>The safety log and the indicators, for the people on duty, the quality inspectors and the regulator.</summary>
internal static class SafetyEndpoints
{
    public static readonly string[] Readers = [.. EmergencyRoles.Readers, Roles.Regulator];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/safety-events", async (SafetyReads reads, Guid? projectId, int? year, SafetyEventKind? kind, CancellationToken ct) =>
                TypedResults.Ok(
                    await reads.ListAsync(reads.Events(projectId, year is >= 2000 and <= 2100 ? year : null, kind).Take(500), ct)
                )
            )
            .WithTags("Emergencies")
            .RequireRoles(Readers)
            .WithSummary("The safety log: security incidents, criminal cases, fire alarms and fires, newest first");
        api.MapGet(
                "/safety-indicators",
                async Task<Ok<List<ProjectSafetyDto>>> (
                    SafetyReads reads,
                    TimeProvider clock,
                    Guid? projectId,
                    int? year,
                    CancellationToken ct
                ) =>
                {
                    if (year is < 2000 or > 2100)
                        throw ValidationException.For("year", "年份须在 2000–2100 之间", "The year must be 2000–2100");
                    return TypedResults.Ok(await reads.IndicatorsAsync(projectId, year ?? ChinaTime.Now(clock).Year, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(Readers)
            .WithSummary(
                "Safety indicators per project and year (001 security incident rate; 002 nos. 13, 14, 16, 17) from the safety log"
            );
    }
}
