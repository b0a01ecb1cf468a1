using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.AssetIntactness;

internal sealed record IntactnessLine(AssetCategory Category, string Name, int Assets, double TotalHours, double DownHours, decimal Rate);

internal sealed record IntactnessDto(
    Guid ProjectId,
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Goal,
    int Assets,
    double TotalHours,
    double DownHours,
    decimal Rate,
    List<IntactnessLine> Classes,
    List<IntactnessIndicator> Indicators
);

/// <summary>
/// A project's equipment intactness for a month (to now, for the current month), by asset class: each failed maintenance item, and each
/// fault reported on an asset, keeps it out of order from the report to the completion of the work order it opened.
/// </summary>
internal sealed class IntactnessReader(WuyeDb db, TimeProvider clock, IServiceRequests requests)
{
    /// <summary>
    /// A month's measured span as UTC instants (Npgsql writes only UTC to timestamptz): the whole China month, or to now; and the
    /// month's end.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To, DateTimeOffset End) Window(DateOnly month, DateTimeOffset now)
    {
        var start = ChinaTime.StartOf(new DateOnly(month.Year, month.Month, 1));
        var from = start.ToUniversalTime();
        var end = start.AddMonths(1).ToUniversalTime();
        var to = end < now ? end : now;
        return (from, to < from ? from : to, end);
    }

    public async Task<IntactnessDto> ReadAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        var (from, to, end) = Window(month, clock.GetUtcNow());
        var assets = await db.AssetRefs()
            .AsNoTracking()
            .Where(a => a.ProjectId == projectId && (a.ArchivedAt == null || a.ArchivedAt > from))
            .Select(a => new { a.Id, a.Category })
            .ToListAsync(ct);
        var outages = await OutagesAsync(projectId, end, ct);
        var down = Intactness.DownHours(outages, from, to);
        var hours = (to - from).TotalHours;
        var classes = new List<ClassHours>();
        var lines = assets
            .GroupBy(a => a.Category)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var d = g.Sum(a => down.GetValueOrDefault(a.Id));
                classes.Add(new ClassHours(g.Key, g.Count(), g.Count() * hours, d));
                return new IntactnessLine(
                    g.Key,
                    AssetText.CategoryName(g.Key),
                    g.Count(),
                    g.Count() * hours,
                    Math.Round(d, 2),
                    Intactness.Rate(g.Count(), d, from, to)
                );
            })
            .ToList();
        var all = lines.Sum(l => l.DownHours);
        return new IntactnessDto(
            projectId,
            $"{month:yyyy-MM}",
            from,
            to,
            Intactness.Goal,
            assets.Count,
            assets.Count * hours,
            all,
            Intactness.Rate(assets.Count, all, from, to),
            lines,
            IntactnessIndicators.From(classes)
        );
    }

    /// <summary>The outages of a project's assets reported before <paramref name="end"/>: each failed maintenance item with its work
    /// order, and each fault reported on an asset, from the order's opening to its fix (open: not fixed yet).</summary>
    public async Task<List<Outage>> OutagesAsync(Guid projectId, DateTimeOffset end, CancellationToken ct)
    {
        var failures = await (
            from r in db.Set<MaintenanceTaskResult>()
            join t in db.Set<MaintenanceTask>() on r.MaintenanceTaskId equals t.Id
            where t.ProjectId == projectId && r.Failed && r.ServiceRequestId != null && t.DoneAt < end
            select new { t.AssetId, RequestId = r.ServiceRequestId!.Value }
        ).ToListAsync(ct);
        // Faults reported on an asset by a request (报修到设备), not in a maintenance round.
        failures.AddRange(
            await db.Set<AssetFault>()
                .AsNoTracking()
                .Where(f => f.ProjectId == projectId && f.ReportedAt < end)
                .Select(f => new { f.AssetId, RequestId = f.ServiceRequestId })
                .ToListAsync(ct)
        );
        var described = (await requests.DescribeAsync([.. failures.Select(f => f.RequestId).Distinct()], ct)).ToDictionary(r => r.Id);
        return
        [
            .. failures
                .Where(f => described.ContainsKey(f.RequestId))
                .Select(f =>
                {
                    var r = described[f.RequestId];
                    return new Outage(f.AssetId, r.OpenedAt, FacilitiesViews.IsFixed(r) ? r.CompletedAt ?? r.OpenedAt : null);
                }),
        ];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(
                "/asset-intactness",
                async (WuyeDb db, IntactnessReader reader, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
                {
                    var v = new Validator().Required("projectId", projectId, "项目", "Project");
                    DateOnly m = ChinaTime.Today(clock);
                    if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out m))
                        v.Add("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
                    v.ThrowIfAny();
                    if (!await db.ProjectRefs().AnyAsync(p => p.Id == projectId, ct))
                        throw new NotFoundException("project");
                    return TypedResults.Ok(await reader.ReadAsync(projectId!.Value, m, ct));
                }
            )
            .WithTags("Facilities")
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary(
                "Equipment intactness of a project for a month (yyyy-MM), by asset class and as the 002 indicators (street lights, fire "
                    + "facilities, sports facilities, car parks: available / total asset-hours), from failed items and their fixes"
            );
    }
}
