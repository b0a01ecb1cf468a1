using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.RecordPatrolScan;

/// <summary>
/// The scan's two reads, as compiled queries (the busiest write of the module: a query written inline is walked and its closure
/// values compiled on every call, which the patrol bench's profile showed). The query filters still apply: they read the scope off
/// the context each time.
/// </summary>
internal static class ScanReads
{
    internal sealed record RoundRead(PatrolRound Round, string Route, string Project, List<PatrolCheckpoint> Points);

    /// <summary>
    /// The round (attached: the first scan names its walker) with its route's and project's names, its route's points and the
    /// scanned one (which may be off the route), in one query.
    /// </summary>
    public static async Task<RoundRead> RoundAsync(WuyeDb db, Guid roundId, Guid? checkpointId, string? code, CancellationToken ct)
    {
        var row = await RoundWithPoints(db, roundId, checkpointId, code, ct) ?? throw new NotFoundException("patrol round");
        // Tracked from here on, alone: the points and scans are only read.
        db.Attach(row.Round);
        return new RoundRead(row.Round, row.Route ?? "", row.Project ?? "", row.Points);
    }

    /// <summary>
    /// The round's scans in order (as conformance facts; those with a note, photo or hazard also as scans, for the answer's findings)
    /// and its excused points: one query (the excuses ride along as rows of their own).
    /// </summary>
    public static async Task<(List<ScanFact> Facts, List<PatrolScan> Findings, HashSet<Guid> Excused)> FactsAsync(
        WuyeDb db,
        Guid roundId,
        CancellationToken ct
    )
    {
        var rows = new List<FactRow>();
        var excused = new HashSet<Guid>();
        await foreach (var r in Facts(db, roundId).WithCancellation(ct))
            if (r.Excuse)
                excused.Add(r.PatrolCheckpointId);
            else
                rows.Add(r);
        rows.Sort((x, y) => x.ScannedAt != y.ScannedAt ? x.ScannedAt.CompareTo(y.ScannedAt) : x.Id.CompareTo(y.Id));
        var facts = new List<ScanFact>(rows.Count + 1);
        var findings = new List<PatrolScan>();
        foreach (var r in rows)
        {
            facts.Add(new ScanFact(r.PatrolCheckpointId, r.ScannedAt, r.Latitude, r.Longitude, r.Typed));
            if (r.Note != null || r.PhotoId != null || r.Hazard != null)
                findings.Add(
                    new PatrolScan
                    {
                        Id = r.Id,
                        PatrolRoundId = roundId,
                        PatrolCheckpointId = r.PatrolCheckpointId,
                        ScannedAt = r.ScannedAt,
                        Latitude = r.Latitude,
                        Longitude = r.Longitude,
                        Typed = r.Typed,
                        Note = r.Note,
                        PhotoId = r.PhotoId,
                        Hazard = r.Hazard,
                        HazardRequestId = r.HazardRequestId,
                        HazardRequestNumber = r.HazardRequestNumber,
                        UserId = r.UserId,
                    }
                );
        }
        return (facts, findings, excused);
    }

    private sealed class RoundRow
    {
        public required PatrolRound Round { get; init; }
        public string? Route { get; init; }
        public string? Project { get; init; }
        public required List<PatrolCheckpoint> Points { get; init; }
    }

    private static readonly Func<WuyeDb, Guid, Guid?, string?, CancellationToken, Task<RoundRow?>> RoundWithPoints = EF.CompileAsyncQuery(
        (WuyeDb db, Guid roundId, Guid? checkpointId, string? code, CancellationToken ct) =>
            db.Set<PatrolRound>()
                .AsNoTracking()
                .Where(r => r.Id == roundId)
                .Select(r => new RoundRow
                {
                    Round = r,
                    Route = db.Set<PatrolRoute>().Where(t => t.Id == r.PatrolRouteId).Select(t => t.Name).FirstOrDefault(),
                    Project = db.ProjectRefs().Where(p => p.Id == r.ProjectId).Select(p => p.Name).FirstOrDefault(),
                    Points = db.Set<PatrolCheckpoint>()
                        .Where(c =>
                            c.PatrolRouteId == r.PatrolRouteId
                            || (checkpointId != null && c.Id == checkpointId)
                            || (code != null && c.ProjectId == r.ProjectId && c.Code == code)
                        )
                        .OrderBy(c => c.Position)
                        .ThenBy(c => c.Id)
                        .ToList(),
                })
                .FirstOrDefault()
    );

    private sealed class FactRow
    {
        public bool Excuse { get; init; }
        public Guid Id { get; init; }
        public Guid PatrolCheckpointId { get; init; }
        public DateTimeOffset ScannedAt { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public bool Typed { get; init; }
        public string? Note { get; init; }
        public Guid? PhotoId { get; init; }
        public string? Hazard { get; init; }
        public Guid? HazardRequestId { get; init; }
        public string? HazardRequestNumber { get; init; }
        public Guid UserId { get; init; }
    }

    private static readonly Func<WuyeDb, Guid, IAsyncEnumerable<FactRow>> Facts = EF.CompileAsyncQuery(
        (WuyeDb db, Guid roundId) =>
            db.Set<PatrolScan>()
                .Where(s => s.PatrolRoundId == roundId)
                .Select(s => new FactRow
                {
                    Excuse = false,
                    Id = s.Id,
                    PatrolCheckpointId = s.PatrolCheckpointId,
                    ScannedAt = s.ScannedAt,
                    Latitude = s.Latitude,
                    Longitude = s.Longitude,
                    Typed = s.Typed,
                    Note = s.Note,
                    PhotoId = s.PhotoId,
                    Hazard = s.Hazard,
                    HazardRequestId = s.HazardRequestId,
                    HazardRequestNumber = s.HazardRequestNumber,
                    UserId = s.UserId,
                })
                .Concat(
                    db.Set<PatrolExcuse>()
                        .Where(e => e.PatrolRoundId == roundId)
                        .Select(e => new FactRow
                        {
                            Excuse = true,
                            Id = e.Id,
                            PatrolCheckpointId = e.PatrolCheckpointId,
                            ScannedAt = e.ExcusedAt,
                            Latitude = null,
                            Longitude = null,
                            Typed = false,
                            Note = null,
                            PhotoId = null,
                            Hazard = null,
                            HazardRequestId = null,
                            HazardRequestNumber = null,
                            UserId = e.ExcusedBy,
                        })
                )
    );
}
