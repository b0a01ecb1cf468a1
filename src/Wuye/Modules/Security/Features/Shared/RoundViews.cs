using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Security.Features.Shared;

internal sealed record PointDto(
    Guid CheckpointId,
    int Position,
    string Name,
    DateTimeOffset Due,
    PointState State,
    DateTimeOffset? ScannedAt,
    PointTiming? Timing,
    double? DistanceMeters,
    bool OutOfRadius,
    bool OutOfOrder,
    bool ImpossibleTravel,
    bool Unverified,
    bool NoPlannedPosition
);

internal sealed record RoundDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    Guid PatrolRouteId,
    string Route,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? WalkerName,
    string? DutyName,
    RoundState State,
    RoundGrade Grade,
    int Score,
    int Points,
    int Done,
    int Missed,
    int Overdue,
    int Excused,
    int Extra,
    int OutOfOrder,
    int Late,
    int Early,
    int OutOfRadius,
    int ImpossibleTravel,
    int Unverified,
    int NoPlannedPosition,
    IReadOnlyList<PointDto>? Checkpoints,
    IReadOnlyList<ScanFindingDto>? Findings = null
);

/// <summary>What a guard left at a point besides the scan: a note, a photo, a hazard and the service request it opened.</summary>
internal sealed record ScanFindingDto(
    Guid ScanId,
    Guid CheckpointId,
    string Checkpoint,
    DateTimeOffset ScannedAt,
    string? Note,
    string? PhotoUrl,
    string? Hazard,
    Guid? HazardRequestId,
    string? HazardRequestNumber
);

/// <summary>Rounds with their conformance, computed from the plan, the scans and the excuses in three queries for any number of
/// rounds.</summary>
internal sealed class RoundViews(WuyeDb db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public async Task<List<RoundDto>> ToDtosAsync(IReadOnlyList<PatrolRound> rounds, bool withPoints, CancellationToken ct)
    {
        if (rounds.Count == 0)
            return [];
        var routeIds = rounds.Select(r => r.PatrolRouteId).Distinct().ToList();
        var roundIds = rounds.Select(r => r.Id).ToList();
        var projectIds = rounds.Select(r => r.ProjectId).Distinct().ToList();
        var routes = await db.Set<PatrolRoute>().AsNoTracking().Where(r => routeIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var points = (
            await db.Set<PatrolCheckpoint>().AsNoTracking().Where(c => routeIds.Contains(c.PatrolRouteId)).ToListAsync(ct)
        ).ToLookup(c => c.PatrolRouteId);
        var scans = (
            await db.Set<PatrolScan>()
                .AsNoTracking()
                .Where(s => roundIds.Contains(s.PatrolRoundId))
                .Select(s => new
                {
                    s.PatrolRoundId,
                    Fact = new ScanFact(s.PatrolCheckpointId, s.ScannedAt, s.Latitude, s.Longitude, s.Typed),
                })
                .ToListAsync(ct)
        ).ToLookup(s => s.PatrolRoundId, s => s.Fact);
        var excuses = (
            await db.Set<PatrolExcuse>()
                .AsNoTracking()
                .Where(e => roundIds.Contains(e.PatrolRoundId))
                .Select(e => new { e.PatrolRoundId, e.PatrolCheckpointId })
                .ToListAsync(ct)
        ).ToLookup(e => e.PatrolRoundId, e => e.PatrolCheckpointId);
        var projects = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var findings = withPoints
            ? (
                await db.Set<PatrolScan>()
                    .AsNoTracking()
                    .Where(s => roundIds.Contains(s.PatrolRoundId) && (s.Note != null || s.PhotoId != null || s.Hazard != null))
                    .OrderBy(s => s.ScannedAt)
                    .ThenBy(s => s.Id)
                    .ToListAsync(ct)
            ).ToLookup(s => s.PatrolRoundId)
            : null;
        var now = clock.GetUtcNow();
        return
        [
            .. rounds.Select(r =>
                Build(
                    r,
                    routes.TryGetValue(r.PatrolRouteId, out var route) ? route.Name : "",
                    projects.GetValueOrDefault(r.ProjectId, ""),
                    [.. points[r.PatrolRouteId]],
                    [.. scans[r.Id]],
                    excuses[r.Id].ToHashSet(),
                    findings is null ? null : [.. findings[r.Id]],
                    now
                )
            ),
        ];
    }

    /// <summary>
    /// One round's answer from what is already in hand: its route's points, its scans' facts, its excused points and, with the
    /// points, the scans carrying a note, photo or hazard (null: without points). The scan endpoint calls it with what it read before
    /// writing, so its answer needs no read after the commit.
    /// </summary>
    public RoundDto Build(
        PatrolRound r,
        string route,
        string project,
        IReadOnlyList<PatrolCheckpoint> points,
        IReadOnlyList<ScanFact> scans,
        IReadOnlySet<Guid> excused,
        IReadOnlyList<PatrolScan>? findings,
        DateTimeOffset now
    ) => Dto(r, route, project, Evaluate(r, points, scans, excused, now, options.Value.MaxWalkingSpeed), points, findings);

    /// <summary>
    /// The answer for a round graded <paramref name="c"/>. The patrol bench's raw baseline (bench/Wuye.Bench/Baseline/PatrolBaseline.cs)
    /// grades with <see cref="Evaluate"/> and answers with this too, so a change to the grading or the answer here is a change to both
    /// sides of the bench; keep them calling these two rather than copying them there.
    /// </summary>
    public static RoundDto Dto(
        PatrolRound r,
        string route,
        string project,
        RoundConformance c,
        IReadOnlyList<PatrolCheckpoint> points,
        IReadOnlyList<PatrolScan>? findings
    )
    {
        var withPoints = findings is not null;
        return new RoundDto(
            r.Id,
            r.ProjectId,
            project,
            r.PatrolRouteId,
            route,
            r.StartsAt,
            r.EndsAt,
            r.WalkerName,
            r.DutyName,
            c.State,
            c.Grade,
            c.Score,
            c.Points.Count,
            c.Done,
            c.Missed,
            c.Overdue,
            c.Excused,
            c.Extra,
            c.OutOfOrder,
            c.Late,
            c.Early,
            c.OutOfRadius,
            c.ImpossibleTravel,
            c.Unverified,
            c.NoPlannedPosition,
            withPoints
                ?
                [
                    .. c.Points.Select(p => new PointDto(
                        p.CheckpointId,
                        p.Position,
                        p.Name,
                        p.Due,
                        p.State,
                        p.ScannedAt,
                        p.Timing,
                        p.DistanceMeters,
                        p.OutOfRadius,
                        p.OutOfOrder,
                        p.ImpossibleTravel,
                        p.Unverified,
                        p.NoPlannedPosition
                    )),
                ]
                : null,
            findings is null
                ? null
                :
                [
                    .. findings.Select(s => new ScanFindingDto(
                        s.Id,
                        s.PatrolCheckpointId,
                        points.FirstOrDefault(p => p.Id == s.PatrolCheckpointId)?.Name ?? "",
                        s.ScannedAt,
                        s.Note,
                        s.PhotoId is { } photo ? $"/api/v1/files/{photo}" : null,
                        s.Hazard,
                        s.HazardRequestId,
                        s.HazardRequestNumber
                    )),
                ]
        );
    }

    public static RoundConformance Evaluate(
        PatrolRound round,
        IEnumerable<PatrolCheckpoint> points,
        IReadOnlyList<ScanFact> scans,
        IReadOnlySet<Guid> excused,
        DateTimeOffset now,
        double maxSpeed
    ) =>
        PatrolConformance.Evaluate(
            round.StartsAt,
            round.EndsAt,
            round.FrozenPlan()
                ??
                [
                    .. points.Select(p => new PlannedPoint(
                        p.Id,
                        p.Position,
                        p.Name,
                        p.DueMinute,
                        p.ToleranceMinutes,
                        p.Latitude,
                        p.Longitude,
                        p.RadiusMeters
                    )),
                ],
            scans,
            excused,
            now,
            maxSpeed
        );
}
