using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ComplaintWarnings;

internal enum WarningKind
{
    CategoryRise,
    BuildingRise,
    HouseholdRepeat,
    TopicRepeat,
}

internal sealed record ComplaintWarning(
    WarningKind Kind,
    Guid ProjectId,
    string ProjectName,
    string Subject,
    int Count,
    double? Baseline,
    string Message,
    Guid[] ComplaintIds
)
{
    /// <summary>The complaints behind the warning with their numbers, newest first, for links a person can read.</summary>
    public WarningComplaint[] Complaints { get; init; } = [];
}

internal sealed record WarningComplaint(Guid Id, string Number, DateTimeOffset ReceivedAt);

/// <summary>GET /complaint-metrics/warnings (the metrics page and the managers' home panel): the early warnings.</summary>
internal sealed class ComplaintWarningsHandler(WuyeDb db, TimeProvider clock)
{
    public const int BaselineMonths = 3;
    public const int MinimumCount = 3;
    public const int RepeatDays = 30;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaint-metrics").WithTags("Complaints");
        g.MapGet("/warnings", async (ComplaintWarningsHandler m, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await m.WarningsAsync(projectId, ct))
            )
            .RequireRoles(ComplaintRoles.MetricsReaders)
            .WithSummary(
                "Early warnings: a category or building above its 3-month baseline; a household or topic complaining twice in 30 days"
            );
    }

    /// <summary>
    /// 投诉预警 (seed 000 #74). A category or building of a project warns when this month's effective
    /// complaints reach <see cref="MinimumCount"/> and exceed the mean of the previous
    /// <see cref="BaselineMonths"/> months by more than max(2, half that mean). A household (unit)
    /// or a topic (the same category in the same building) warns when it complained twice or more
    /// in the last <see cref="RepeatDays"/> days.
    /// </summary>
    public async Task<List<ComplaintWarning>> WarningsAsync(Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var since = Utc(monthStart.AddMonths(-BaselineMonths));
        var q = db.Set<Complaint>().AsNoTracking().Where(c => c.Effective && c.ReceivedAt >= since);
        if (projectId is { } p)
            q = q.Where(c => c.ProjectId == p);
        var rows = await q.Select(c => new Hit(
                c.Id,
                c.Number,
                c.ProjectId,
                c.BuildingId,
                c.UnitId,
                c.Category,
                c.ReceivedMonth,
                c.ReceivedAt
            ))
            .ToListAsync(ct);
        var thisMonth = monthStart.Year * 100 + monthStart.Month;
        var previous = Enumerable
            .Range(1, BaselineMonths)
            .Select(i => monthStart.AddMonths(-i))
            .Select(d => d.Year * 100 + d.Month)
            .ToHashSet();
        var projectIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        var projectNames = await db.ProjectRefs()
            .AsNoTracking()
            .Where(x => projectIds.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var buildingIds = rows.Where(r => r.BuildingId != null).Select(r => r.BuildingId!.Value).Distinct().ToList();
        var buildings = await db.BuildingRefs()
            .AsNoTracking()
            .Where(b => buildingIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.Number,
                u.BuildingId,
            })
            .ToDictionaryAsync(u => u.Id, ct);
        var warnings = new List<ComplaintWarning>();

        void Rise<TKey>(WarningKind kind, Func<Hit, TKey> key, Func<TKey, string> name)
            where TKey : notnull
        {
            foreach (
                var g in rows.Where(r => kind != WarningKind.BuildingRise || r.BuildingId != null).GroupBy(r => (r.ProjectId, Key: key(r)))
            )
            {
                var current = g.Where(r => r.ReceivedMonth == thisMonth).ToList();
                var baseline = g.Count(r => previous.Contains(r.ReceivedMonth)) / (double)BaselineMonths;
                if (current.Count < MinimumCount || current.Count <= baseline + Math.Max(2, baseline / 2))
                    continue;
                var subject = name(g.Key.Key);
                warnings.Add(
                    new ComplaintWarning(
                        kind,
                        g.Key.ProjectId,
                        projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "",
                        subject,
                        current.Count,
                        Math.Round(baseline, 1),
                        Loc.T(
                            $"{subject} 本月有效投诉 {current.Count} 件，高于前 {BaselineMonths} 个月月均 {baseline:0.#} 件",
                            $"{subject}: {current.Count} effective complaints this month, above the {BaselineMonths}-month mean of "
                                + $"{baseline:0.#}"
                        ),
                        [.. current.Select(r => r.Id)]
                    )
                    {
                        Complaints = Links(current),
                    }
                );
            }
        }
        Rise(WarningKind.CategoryRise, r => r.Category, ComplaintText.CategoryName);
        Rise(WarningKind.BuildingRise, r => r.BuildingId!.Value, b => buildings.GetValueOrDefault(b) ?? "?");

        var recent = rows.Where(r => r.ReceivedAt >= now.AddDays(-RepeatDays)).ToList();
        foreach (var g in recent.GroupBy(r => (r.ProjectId, r.UnitId)).Where(g => g.Count() >= 2))
        {
            var u = units.GetValueOrDefault(g.Key.UnitId);
            var subject = u is null ? "?" : $"{buildings.GetValueOrDefault(u.BuildingId) ?? ""} {u.Number}".Trim();
            warnings.Add(
                new ComplaintWarning(
                    WarningKind.HouseholdRepeat,
                    g.Key.ProjectId,
                    projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "",
                    subject,
                    g.Count(),
                    null,
                    Loc.T(
                        $"{subject} 近 {RepeatDays} 天投诉 {g.Count()} 次",
                        $"{subject} complained {g.Count()} times in {RepeatDays} days"
                    ),
                    [.. g.Select(r => r.Id)]
                )
                {
                    Complaints = Links(g),
                }
            );
        }
        foreach (
            var g in recent
                .Where(r => r.BuildingId != null)
                .GroupBy(r => (r.ProjectId, r.BuildingId, r.Category))
                .Where(g => g.Count() >= 2 && g.Select(r => r.UnitId).Distinct().Count() >= 2)
        )
        {
            var subject = $"{buildings.GetValueOrDefault(g.Key.BuildingId!.Value) ?? ""} {ComplaintText.CategoryName(g.Key.Category)}";
            warnings.Add(
                new ComplaintWarning(
                    WarningKind.TopicRepeat,
                    g.Key.ProjectId,
                    projectNames.GetValueOrDefault(g.Key.ProjectId) ?? "",
                    subject,
                    g.Count(),
                    null,
                    Loc.T(
                        $"{subject} 近 {RepeatDays} 天被 {g.Select(r => r.UnitId).Distinct().Count()} 户重复投诉 {g.Count()} 次",
                        $"{subject}: {g.Count()} complaints from {g.Select(r => r.UnitId).Distinct().Count()} households in {RepeatDays} "
                            + $"days"
                    ),
                    [.. g.Select(r => r.Id)]
                )
                {
                    Complaints = Links(g),
                }
            );
        }
        return [.. warnings.OrderBy(w => w.ProjectName).ThenBy(w => w.Kind).ThenByDescending(w => w.Count)];
    }

    private sealed record Hit(
        Guid Id,
        string Number,
        Guid ProjectId,
        Guid? BuildingId,
        Guid UnitId,
        ComplaintCategory Category,
        int ReceivedMonth,
        DateTimeOffset ReceivedAt
    );

    private static WarningComplaint[] Links(IEnumerable<Hit> hits) =>
        [.. hits.OrderByDescending(h => h.ReceivedAt).Select(h => new WarningComplaint(h.Id, h.Number, h.ReceivedAt))];

    private static DateTimeOffset Utc(DateOnly d) => ChinaTime.StartOf(d).ToUniversalTime();
}
