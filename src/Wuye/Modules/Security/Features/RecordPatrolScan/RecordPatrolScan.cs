using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.RecordPatrolScan;

internal sealed record ScanInput(
    string? Payload,
    string? Code,
    double? Latitude,
    double? Longitude,
    string? Note,
    Guid? PhotoId = null,
    string? Hazard = null,
    RequestCategory? HazardCategory = null,
    bool? HazardUrgent = null
) : IValidatable
{
    public void Validate(Validator v)
    {
        if (string.IsNullOrWhiteSpace(Payload) == string.IsNullOrWhiteSpace(Code))
            v.Add(
                "code",
                "请扫描巡更点二维码，或输入标签下方的编码（二选一）",
                "Scan the checkpoint's QR code or type its code (one of them)"
            );
        v.MaxLength("payload", Payload, 1000, "二维码内容", "QR payload")
            .MaxLength("code", Code, 12, "巡更点编码", "Checkpoint code")
            .MaxLength("note", Note, 500, "备注", "Note")
            .MaxLength("hazard", Hazard, 500, "隐患描述", "Hazard")
            .Range("latitude", (decimal?)Latitude, -90, 90, "纬度", "Latitude")
            .Range("longitude", (decimal?)Longitude, -180, 180, "经度", "Longitude");
        if (Latitude is null != Longitude is null)
            v.Add("latitude", "经纬度须同时提供", "Give both latitude and longitude");
        if (string.IsNullOrWhiteSpace(Hazard) && (HazardCategory is not null || HazardUrgent == true))
            v.Add("hazard", "请描述发现的隐患", "Describe the hazard you found");
    }
}

/// <summary>A committed scan, and the round's answer to build from what was read with it.</summary>
internal sealed record RecordedScan(PatrolScan Scan, Func<RoundDto> Answer);

/// <summary>
/// A guard scans a checkpoint in a round (or types its code): the label is checked (signed, this project's), the time is the server's
/// and must fall in the round's window. The scan is kept even when it is off the route, late or far away: conformance says so. A photo
/// of the point may go with it, and a hazard found there (隐患, 000#76) opens a public-area service request in the work-order loop, in
/// the same transaction as the scan.
/// </summary>
internal sealed class RecordPatrolScanHandler(
    WuyeDb db,
    TimeProvider clock,
    CheckpointLabels labels,
    RoundViews views,
    IServiceRequests requests,
    UserNames names
)
{
    /// <summary>The scan, committed, and the round's answer built from what was read before the write (no read after the
    /// commit).</summary>
    public async Task<RoundDto> ScanAsync(Guid roundId, ScanInput input, CancellationToken ct) =>
        (await RecordAsync(roundId, input, ct)).Answer();

    /// <summary>
    /// Checks and writes the scan and commits it; what it returns builds the round's answer without touching the database. A caller
    /// that must undo something when the scan is refused (the page discards the photo it stored) wraps only this: once it returns,
    /// the scan is committed.
    /// </summary>
    public async Task<RecordedScan> RecordAsync(Guid roundId, ScanInput input, CancellationToken ct)
    {
        // The label is read before anything else (no database): a forged or copied payload is refused at once.
        Guid? labelProject = null;
        Guid? checkpointId = null;
        string? code = null;
        if (!string.IsNullOrWhiteSpace(input.Payload))
        {
            var (project, id) = labels.Read(input.Payload);
            (labelProject, checkpointId) = (project, id);
        }
        else
            code = input.Code!.Trim().ToUpperInvariant();
        // One connection and one transaction for the whole scan (a read outside it would take a pooled connection of its own, and
        // under load wait for it again), and two reads: what the checks need, then what the answer needs.
        var own = db.Database.CurrentTransaction is null;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // In a transaction of its own a failed save rolls everything back, so EF's savepoint around the save (a SAVEPOINT and a
        // RELEASE, two more round trips) buys nothing; in a joined one (Idempotency-Key) the outer owner keeps it.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = savepoints && !own;
        try
        {
            var read = await ScanReads.RoundAsync(db, roundId, checkpointId, code, ct);
            var round = read.Round;
            if (labelProject is { } lp && lp != round.ProjectId)
                throw new RuleException(
                    "patrol_scan.other_project",
                    "这是其他项目的巡更点标签，不能用于本轮巡逻",
                    "This label belongs to another project's checkpoint"
                );
            var point = read.Points.FirstOrDefault(c =>
                checkpointId is { } cp ? c.Id == cp : c.ProjectId == round.ProjectId && c.Code == code
            );
            if (point is null)
                throw ValidationException.For(
                    string.IsNullOrWhiteSpace(input.Payload) ? "code" : "payload",
                    "没有这个巡更点（可能已删除），请核对标签",
                    "No such checkpoint (perhaps removed); check the label"
                );
            var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
            var name = await names.NameAsync(user, ct) ?? "";
            var now = clock.GetUtcNow();
            var scan = round.Scan(
                labelProject ?? round.ProjectId,
                point,
                now,
                input.Latitude,
                input.Longitude,
                input.Note,
                user,
                name,
                code is not null
            );
            if (input.PhotoId is { } photo)
                await FileStore.RequireOwnAsync(db, [photo], FilePlace.Project(round.CompanyId, round.ProjectId), "photoId", ct);
            scan.PhotoId = input.PhotoId;
            // What the answer needs, read in the scan's transaction: the round's earlier scans and its excused points, in one query.
            var (facts, findings, excused) = await ScanReads.FactsAsync(db, roundId, ct);
            db.Add(scan);
            if (!string.IsNullOrWhiteSpace(input.Hazard))
            {
                var hazard = input.Hazard.Trim();
                var created = await requests.CreateForPublicAreaAsync(
                    new CreatePublicAreaRequest(
                        round.ProjectId,
                        $"巡更点 {point.Name}",
                        input.HazardCategory ?? RequestCategory.PublicFacility,
                        input.HazardUrgent == true,
                        $"巡逻发现隐患（{point.Name}）：{hazard}",
                        name
                    ),
                    ct
                );
                scan.ReportHazard(hazard, created.Id, created.Number);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            facts.Add(new ScanFact(scan.PatrolCheckpointId, scan.ScannedAt, scan.Latitude, scan.Longitude, scan.Typed));
            if (scan.Note != null || scan.PhotoId != null || scan.Hazard != null)
                findings.Add(scan);
            var points = read.Points.Where(c => c.PatrolRouteId == round.PatrolRouteId).ToList();
            return new RecordedScan(scan, () => views.Build(round, read.Route, read.Project, points, facts, excused, findings, now));
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/patrol-rounds/{id:guid}/scans",
                async Task<Created<RoundDto>> (RecordPatrolScanHandler handler, Guid id, ScanInput body, CancellationToken ct) =>
                    TypedResults.Created($"/api/v1/patrol-rounds/{id}", await handler.ScanAsync(id, body, ct))
            )
            .WithTags("Security")
            .RequireRoles(SecurityRoles.Guards)
            .WithSummary(
                "Scan a checkpoint (signed QR payload or typed code) in a patrol round, with an optional note, photo (photoId from POST "
                    + "/api/v1/files) and hazard {hazard, hazardCategory?, hazardUrgent?} that opens a public-area service request; "
                    + "answers the round's conformance"
            );
    }
}
