using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorScorecards;

internal sealed record VendorScorecardDto(
    int Rank,
    Guid VendorId,
    string Name,
    string Service,
    DateOnly? ContractEnd,
    int? ContractDaysLeft,
    int Zones,
    int Staff,
    int TasksDue,
    int TasksDone,
    int Checks,
    int ChecksFailed,
    decimal DeductionPoints,
    int Complaints,
    int Fixes,
    int FixesOnTime,
    decimal Score,
    int OpenActions,
    int OverdueActions
);

/// <summary>
/// The monthly vendor scorecards (000#15–18), ranked: each live vendor's environment tasks due in the month in its zones (done of
/// due), the spot checks of them (failed) and the QPI deduction points their failed checks link, the complaints about its kind of
/// work (cleaning, greening) received in its projects, and the work orders on its assets (faults, failed maintenance items)
/// completed in the month (on time of all) — all counted from records under the reader's scope, scored by <see cref="VendorScore"/>.
/// </summary>
internal sealed class VendorScorecardReader(WuyeDb db, TimeProvider clock, IServiceRequests requests)
{
    public async Task<List<VendorScorecardDto>> MonthAsync(DateOnly month, Guid? projectId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(month.Year, month.Month, 1);
        var lastDay = first.AddMonths(1).AddDays(-1);
        var last = lastDay < today ? lastDay : today;
        var from = ChinaTime.StartOf(first).ToUniversalTime();
        var to = ChinaTime.StartOf(first.AddMonths(1)).ToUniversalTime();
        var vendors = await db.VendorRefs()
            .AsNoTracking()
            .Where(v => v.ArchivedAt == null)
            .OrderBy(v => v.Name)
            .ThenBy(v => v.Id)
            .Take(500)
            .ToListAsync(ct);
        var ids = vendors.Select(v => v.Id).ToList();
        var zones = await db.Set<EnvironmentZone>()
            .AsNoTracking()
            .Where(z => z.VendorId != null && ids.Contains(z.VendorId.Value) && z.ArchivedAt == null)
            .Where(z => projectId == null || z.ProjectId == projectId)
            .Select(z => new
            {
                VendorId = z.VendorId!.Value,
                z.ProjectId,
                z.Work,
            })
            .ToListAsync(ct);
        var tasks = await db.Set<EnvironmentTask>()
            .AsNoTracking()
            .Where(t => t.VendorId != null && ids.Contains(t.VendorId.Value) && t.DueOn >= first && t.DueOn <= last)
            .Where(t => projectId == null || t.ProjectId == projectId)
            .GroupBy(t => t.VendorId!.Value)
            .Select(g => new
            {
                g.Key,
                Due = g.Count(),
                Done = g.Count(t => t.Status == EnvironmentTaskStatus.Done),
                Checks = g.Count(t => t.CheckedAt != null),
                Failed = g.Count(t => t.CheckPassed == false),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        var linked = await db.Set<EnvironmentTask>()
            .AsNoTracking()
            .Where(t => t.VendorId != null && ids.Contains(t.VendorId.Value) && t.DueOn >= first && t.DueOn <= last && t.FindingId != null)
            .Where(t => projectId == null || t.ProjectId == projectId)
            .Select(t => new { VendorId = t.VendorId!.Value, FindingId = t.FindingId!.Value })
            .Distinct()
            .ToListAsync(ct);
        var findingIds = linked.Select(l => l.FindingId).Distinct().ToList();
        var points = await db.DeductionFindings().Where(f => findingIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Points, ct);
        var projectIds = zones.Select(z => z.ProjectId).Distinct().ToList();
        var complaints = await db.ComplaintTopics()
            .Where(c => c.Topic != ComplaintTopic.Other && projectIds.Contains(c.ProjectId) && c.ReceivedAt >= from && c.ReceivedAt < to)
            .GroupBy(c => new { c.ProjectId, c.Topic })
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.Topic,
                N = g.Count(),
            })
            .ToListAsync(ct);
        var teams = await db.TeamRefs()
            .Where(t => t.VendorId != null && ids.Contains(t.VendorId.Value) && t.ArchivedAt == null)
            .Where(t => projectId == null || t.ProjectId == projectId)
            .Select(t => new { t.Id, VendorId = t.VendorId!.Value })
            .ToListAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var staffByTeam = await db.StaffRefs()
            .Where(s => s.TeamId != null && teamIds.Contains(s.TeamId.Value) && s.ArchivedAt == null)
            .GroupBy(s => s.TeamId!.Value)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var fixes = await FixesAsync(ids, projectId, from, to, ct);
        var actions = await db.Set<VendorMeetingAction>()
            .Where(a => ids.Contains(a.VendorId) && a.DoneAt == null && (projectId == null || a.ProjectId == projectId))
            .GroupBy(a => a.VendorId)
            .Select(g => new
            {
                g.Key,
                Open = g.Count(),
                Overdue = g.Count(a => a.DueOn < today),
            })
            .ToDictionaryAsync(x => x.Key, ct);

        var cards = vendors
            .Select(v =>
            {
                var mine = zones.Where(z => z.VendorId == v.Id).ToList();
                var topics = mine.Select(z => (z.ProjectId, Topic(z.Work))).ToHashSet();
                var t = tasks.GetValueOrDefault(v.Id);
                var records = new VendorRecords(
                    t?.Due ?? 0,
                    t?.Done ?? 0,
                    t?.Checks ?? 0,
                    t?.Failed ?? 0,
                    linked.Where(l => l.VendorId == v.Id).Sum(l => points.GetValueOrDefault(l.FindingId)),
                    complaints.Where(c => topics.Contains((c.ProjectId, c.Topic))).Sum(c => c.N),
                    fixes.GetValueOrDefault(v.Id).Fixed,
                    fixes.GetValueOrDefault(v.Id).OnTime
                );
                return (
                    v,
                    mine.Count,
                    Staff: teams.Where(x => x.VendorId == v.Id).Sum(x => staffByTeam.GetValueOrDefault(x.Id)),
                    records,
                    Score: VendorScore.Of(records)
                );
            })
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.v.Name)
            .ToList();
        return
        [
            .. cards.Select(
                (c, i) =>
                    new VendorScorecardDto(
                        i + 1,
                        c.v.Id,
                        c.v.Name,
                        c.v.Service,
                        c.v.ContractEnd,
                        c.v.ContractEnd is { } end ? end.DayNumber - today.DayNumber : null,
                        c.Count,
                        c.Staff,
                        c.records.TasksDue,
                        c.records.TasksDone,
                        c.records.Checks,
                        c.records.ChecksFailed,
                        c.records.DeductionPoints,
                        c.records.Complaints,
                        c.records.Fixes,
                        c.records.FixesOnTime,
                        c.Score,
                        actions.GetValueOrDefault(c.v.Id)?.Open ?? 0,
                        actions.GetValueOrDefault(c.v.Id)?.Overdue ?? 0
                    )
            ),
        ];
    }

    private static ComplaintTopic Topic(EnvironmentWork w) =>
        w == EnvironmentWork.Cleaning ? ComplaintTopic.Cleaning : ComplaintTopic.Greening;

    /// <summary>Per vendor: work orders on its assets (reported faults, failed maintenance items) completed in [from, to), and of
    /// those the ones on time.</summary>
    private async Task<Dictionary<Guid, (int Fixed, int OnTime)>> FixesAsync(
        List<Guid> vendorIds,
        Guid? projectId,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var assets = await db.AssetRefs()
            .Where(a => a.VendorId != null && vendorIds.Contains(a.VendorId.Value))
            .Where(a => projectId == null || a.ProjectId == projectId)
            .ToDictionaryAsync(a => a.Id, a => a.VendorId!.Value, ct);
        if (assets.Count == 0)
            return [];
        var assetIds = assets.Keys.ToList();
        var since = from.AddMonths(-6);
        var faults = await db.Set<AssetFault>()
            .Where(f => assetIds.Contains(f.AssetId) && f.ReportedAt >= since && f.ReportedAt < to)
            .Select(f => new { f.AssetId, f.ServiceRequestId })
            .ToListAsync(ct);
        var failed = await (
            from r in db.Set<MaintenanceTaskResult>()
            join t in db.Set<MaintenanceTask>() on r.MaintenanceTaskId equals t.Id
            where r.ServiceRequestId != null && assetIds.Contains(t.AssetId) && t.DoneAt >= since && t.DoneAt < to
            select new { t.AssetId, ServiceRequestId = r.ServiceRequestId!.Value }
        ).ToListAsync(ct);
        var byRequest = faults
            .Select(f => (f.ServiceRequestId, f.AssetId))
            .Concat(failed.Select(f => (f.ServiceRequestId, f.AssetId)))
            .GroupBy(x => x.ServiceRequestId)
            .ToDictionary(g => g.Key, g => assets[g.First().AssetId]);
        if (byRequest.Count == 0)
            return [];
        var described = await requests.DescribeAsync([.. byRequest.Keys], ct);
        return described
            .Where(r => r.CompletedAt >= from && r.CompletedAt < to)
            .GroupBy(r => byRequest[r.Id])
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(r => r.CompletionOnTime == true)));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(
                "/vendor-scorecards",
                async (VendorScorecardReader reader, TimeProvider clock, string? month, Guid? projectId, CancellationToken ct) =>
                {
                    var m = ChinaTime.Today(clock);
                    if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out m))
                        throw ValidationException.For("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
                    return TypedResults.Ok(await reader.MonthAsync(m, projectId, ct));
                }
            )
            .WithTags("Facilities")
            .RequireRoles(FacilitiesRoles.VendorReaders)
            .WithSummary(
                "Outsourced vendors' monthly scorecards (yyyy-MM), ranked: tasks done, spot checks, QPI deductions, complaints, fixes; "
                    + "their open and overdue meeting actions"
            );
    }
}
