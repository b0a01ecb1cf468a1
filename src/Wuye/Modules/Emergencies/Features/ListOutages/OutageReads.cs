using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.ListOutages;

internal enum OutageEventKind
{
    Planned,
    Notice,
    Started,
    TemporaryWater,
    Ended,
    Cancelled,
}

internal sealed record OutageEventDto(DateTimeOffset At, OutageEventKind Kind, string Text, string? ByName, bool Late);

internal sealed record OutageUnitDto(Guid Id, string Label);

internal sealed record OutageDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    OutageKind Kind,
    string KindName,
    IReadOnlyList<string> Buildings,
    IReadOnlyList<string> Units,
    int AffectedUnits,
    DateTimeOffset StartsAt,
    DateTimeOffset ExpectedEndAt,
    string Reason,
    bool NeedsTemporaryWater,
    string? TemporaryWater,
    DateTimeOffset? TemporaryWaterReadyAt,
    string PlannedByName,
    DateTimeOffset PlannedAt,
    DateTimeOffset NoticeDueBy,
    bool EnteredLate,
    DateTimeOffset? FirstNoticeAt,
    bool NoticeLate,
    int UnitsTold,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? CancelledAt,
    string State,
    IReadOnlyList<OutageEventDto> Timeline
);

/// <summary>Outages as the pages and the API show them: area, deadline, the notices (late flagged), start, end.</summary>
internal sealed class OutageReads(WuyeDb db, TimeProvider clock)
{
    public const string ListLink = "/emergencies/outages";

    public static string Link(Guid id) => $"/emergencies/outages/{id}";

    /// <summary>The state's badge: neutral once cancelled, green once restored, red when the notice is late, else blue.</summary>
    public static string Badge(OutageDto o) =>
        o.CancelledAt is not null ? "bg-secondary-lt"
        : o.EndedAt is not null ? "bg-green-lt"
        : o.NoticeLate ? "bg-red-lt"
        : "bg-blue-lt";

    /// <summary>The units of the outage's area (its whole buildings and its single units).</summary>
    public IQueryable<UnitRef> AreaUnits(PlannedOutage o) =>
        db.UnitRefs()
            .Where(u =>
                u.ProjectId == o.ProjectId && u.ArchivedAt == null && (o.BuildingIds.Contains(u.BuildingId) || o.UnitIds.Contains(u.Id))
            );

    public async Task<List<OutageDto>> ListAsync(IQueryable<PlannedOutage> outages, CancellationToken ct)
    {
        var rows = await (
            from o in outages
            join p in db.ProjectRefs() on o.ProjectId equals p.Id
            select new { Outage = o, Project = p.Name }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Outage.Id).ToList();
        var buildingIds = rows.SelectMany(r => r.Outage.BuildingIds).Distinct().ToList();
        var unitIds = rows.SelectMany(r => r.Outage.UnitIds).Distinct().ToList();
        var buildings = await db.BuildingRefs().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var units = await db.UnitRefs().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Label, ct);
        var counts = await db.UnitRefs()
            .Where(u => u.ArchivedAt == null && buildingIds.Contains(u.BuildingId))
            .GroupBy(u => u.BuildingId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var notices = (
            await db.Set<OutageNotice>()
                .AsNoTracking()
                .Where(n => ids.Contains(n.PlannedOutageId))
                .OrderBy(n => n.At)
                .ThenBy(n => n.Id)
                .ToListAsync(ct)
        ).ToLookup(n => n.PlannedOutageId);
        var now = clock.GetUtcNow();
        return [.. rows.Select(r => Dto(r.Outage, r.Project, buildings, units, counts, notices[r.Outage.Id].ToList(), now))];
    }

    private static OutageDto Dto(
        PlannedOutage o,
        string project,
        Dictionary<Guid, string> buildings,
        Dictionary<Guid, string> units,
        Dictionary<Guid, int> counts,
        List<OutageNotice> notices,
        DateTimeOffset now
    )
    {
        var kind = EmergencyText.Outage(o.Kind);
        var timeline = new List<OutageEventDto>
        {
            new(
                o.PlannedAt,
                OutageEventKind.Planned,
                Loc.T($"计划{kind}：{o.Reason}", $"Planned: {o.Reason}"),
                o.PlannedByName,
                o.EnteredLate
            ),
        };
        timeline.AddRange(
            notices.Select(n => new OutageEventDto(
                n.At,
                OutageEventKind.Notice,
                Loc.T(
                    $"通知 {n.UnitIds.Length} 户（{n.Recipients} 人）{(n.Late ? "，晚于规定时间" : "")}",
                    $"Told {n.UnitIds.Length} units ({n.Recipients} people){(n.Late ? ", late" : "")}"
                ),
                n.ByName,
                n.Late
            ))
        );
        if (o.StartedAt is { } s)
            timeline.Add(new(s, OutageEventKind.Started, Loc.T($"开始{kind}", "Outage started"), null, false));
        if (o.TemporaryWaterReadyAt is { } w)
            timeline.Add(
                new(w, OutageEventKind.TemporaryWater, Loc.T("临时供水到位", "Temporary water in place"), o.TemporaryWaterReadyBy, false)
            );
        if (o.CancelledAt is { } c)
            timeline.Add(
                new(c, OutageEventKind.Cancelled, Loc.T($"取消：{o.CancelReason}", $"Cancelled: {o.CancelReason}"), o.EndedByName, false)
            );
        else if (o.EndedAt is { } e)
            timeline.Add(new(e, OutageEventKind.Ended, Loc.T("恢复供应", "Supply restored"), o.EndedByName, e > o.ExpectedEndAt));
        var told = notices.SelectMany(n => n.UnitIds).Distinct().Count();
        var state =
            o.CancelledAt is not null ? Loc.T("已取消", "Cancelled")
            : o.EndedAt is not null ? Loc.T("已恢复", "Restored")
            : o.StartsAt <= now ? Loc.T("停水停电中", "In progress")
            : o.FirstNoticeAt is null ? Loc.T("待通知", "To announce")
            : Loc.T("已通知", "Announced");
        return new OutageDto(
            o.Id,
            o.ProjectId,
            project,
            o.Kind,
            kind,
            [.. o.BuildingIds.Select(b => buildings.GetValueOrDefault(b, "?"))],
            [.. o.UnitIds.Select(u => units.GetValueOrDefault(u, "?"))],
            o.BuildingIds.Sum(b => counts.GetValueOrDefault(b)) + o.UnitIds.Length,
            o.StartsAt,
            o.ExpectedEndAt,
            o.Reason,
            o.NeedsTemporaryWater,
            o.TemporaryWater,
            o.TemporaryWaterReadyAt,
            o.PlannedByName,
            o.PlannedAt,
            o.NoticeDueBy,
            o.EnteredLate,
            o.FirstNoticeAt,
            o.NoticeLate || (o.FirstNoticeAt is null && now > o.NoticeDueBy),
            told,
            o.StartedAt,
            o.EndedAt,
            o.CancelledAt,
            state,
            [.. timeline.OrderBy(t => t.At).ThenBy(t => t.Kind)]
        );
    }

    public async Task<OutageDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<PlannedOutage>().AsNoTracking().Where(o => o.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("planned outage");

    /// <summary>The current outages (not restored, or restored within a week) and then the past ones, soonest first.</summary>
    public IQueryable<PlannedOutage> Recent(Guid? projectId, bool? current)
    {
        var since = clock.GetUtcNow().AddDays(-7);
        return db.Set<PlannedOutage>()
            .AsNoTracking()
            .Where(o =>
                (projectId == null || o.ProjectId == projectId) && (current == null || (o.EndedAt == null || o.EndedAt > since) == current)
            )
            .OrderBy(o => o.EndedAt != null)
            .ThenByDescending(o => o.StartsAt)
            .ThenBy(o => o.Id);
    }
}

/// <summary>The planned outages of the projects the reader may see; one outage with its timeline.</summary>
internal static class ListOutagesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/planned-outages").WithTags("Emergencies");
        g.MapGet("/", async (OutageReads reads, Guid? projectId, bool? current, CancellationToken ct) =>
                TypedResults.Ok(await reads.ListAsync(reads.Recent(projectId, current).Take(100), ct))
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Planned outages, those not yet restored first, with their notice deadline and whether told late");
        g.MapGet("/{id:guid}", async (OutageReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("One planned outage: its area, deadline and timeline (planned, notices, start, temporary water, end)");
    }
}
