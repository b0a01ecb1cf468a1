using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ParkingViolations;

internal sealed record RecordViolationInput(
    Guid? ProjectId,
    string? Plate,
    string? Place,
    ViolationKind? Kind,
    string? Note,
    Guid[]? PhotoIds
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("plate", Plate, "车牌号", "Plate")
            .MaxLength("plate", Plate, 12, "车牌号", "Plate")
            .Plate("plate", Plate)
            .Required("place", Place, "违停地点", "Place")
            .MaxLength("place", Place, 200, "违停地点", "Place")
            .Required("kind", Kind, "违章类型", "Kind")
            .MaxLength("note", Note, 500, "备注", "Note");
        if (PhotoIds is { Length: > 6 })
            v.Add("photoIds", "照片最多 6 张", "At most 6 photos");
    }
}

internal sealed record CloseViolationInput(ViolationOutcome? Outcome, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("outcome", Outcome, "处理结果", "Outcome").MaxLength("note", Note, 500, "处理说明", "Note");
}

internal sealed record ParkingViolationDto(
    Guid Id,
    Guid ProjectId,
    string Number,
    string Plate,
    string Place,
    ViolationKind Kind,
    string KindName,
    string? Note,
    Guid[] PhotoIds,
    DateTimeOffset RecordedAt,
    string RecordedByName,
    bool RegisteredVehicle,
    bool OwnerNotified,
    int CountInWindow,
    bool Repeat,
    DateTimeOffset? EscalatedAt,
    string State,
    DateTimeOffset? ClosedAt,
    ViolationOutcome? Outcome,
    string? OutcomeName,
    string? OutcomeNote
);

/// <summary>A plate with <see cref="SecurityOptions.RepeatViolations"/> or more violations in the last
/// <see cref="SecurityOptions.RepeatViolationDays"/> days.</summary>
internal sealed record RepeaterDto(
    Guid ProjectId,
    string Plate,
    int Count,
    DateTimeOffset LastAt,
    int Open,
    bool Escalated,
    ViolationStepKind? Step = null,
    string? StepName = null,
    DateTimeOffset? StepAt = null,
    string? StepByName = null,
    ViolationStepKind? NextStep = null,
    bool PassSuspended = false,
    Guid? SuspensionId = null
);

/// <summary>The violations ledger (万科#15, 000#32): record, look up the owner and tell them, close; repeat violators computed.</summary>
internal sealed class ParkingViolationHandler(
    WuyeDb db,
    TimeProvider clock,
    Notifier notifier,
    UserNames names,
    Microsoft.Extensions.Options.IOptions<SecurityOptions> options
)
{
    public const string Page = "/security/parking/violations";
    public const string RepeatersPage = "/security/parking/violations?view=repeaters";
    public int Threshold => options.Value.RepeatViolations;
    public int Days => options.Value.RepeatViolationDays;

    public static string KindName(ViolationKind k) =>
        k switch
        {
            ViolationKind.FireLane => Loc.T("占用消防通道", "Blocking a fire lane"),
            ViolationKind.OthersSpace => Loc.T("占用他人车位", "In someone else's space"),
            ViolationKind.TwoSpaces => Loc.T("一车占两位", "Across two spaces"),
            ViolationKind.WrongWay => Loc.T("逆向停放", "Parked the wrong way"),
            ViolationKind.Blocking => Loc.T("堵塞出入口/通道", "Blocking an entrance or road"),
            _ => Loc.T("其他", "Other"),
        };

    public static string OutcomeName(ViolationOutcome o) =>
        o switch
        {
            ViolationOutcome.Moved => Loc.T("车辆已移走", "Car moved"),
            ViolationOutcome.Warned => Loc.T("已警告教育", "Warned"),
            ViolationOutcome.OwnerContacted => Loc.T("已联系车主", "Owner contacted"),
            ViolationOutcome.PassSuspended => Loc.T("停用通行证", "Pass suspended"),
            _ => Loc.T("其他", "Other"),
        };

    public static ParkingViolationDto Dto(ParkingViolation v, int countInWindow, int threshold) =>
        new(
            v.Id,
            v.ProjectId,
            v.Number,
            v.Plate,
            v.Place,
            v.Kind,
            KindName(v.Kind),
            v.Note,
            v.PhotoIds,
            v.RecordedAt,
            v.RecordedByName,
            v.VehicleId is not null,
            v.OwnerNotifiedAt is not null,
            countInWindow,
            countInWindow >= threshold,
            v.EscalatedAt,
            v.ClosedAt is null ? "open" : "closed",
            v.ClosedAt,
            v.Outcome,
            v.Outcome is { } o ? OutcomeName(o) : null,
            v.OutcomeNote
        );

    /// <summary>For each violation, how many of its plate's violations in its project fell in the <paramref name="days"/> days up to
    /// it (itself     /// included).</summary>
    public static async Task<Dictionary<Guid, int>> WindowCountsAsync(
        WuyeDb db,
        IReadOnlyCollection<ParkingViolation> list,
        int days,
        CancellationToken ct
    )
    {
        if (list.Count == 0)
            return [];
        var window = TimeSpan.FromDays(days);
        var plates = list.Select(v => v.Plate).Distinct().ToList();
        var projects = list.Select(v => v.ProjectId).Distinct().ToList();
        var from = list.Min(v => v.RecordedAt) - window;
        var to = list.Max(v => v.RecordedAt);
        var all = await db.Set<ParkingViolation>()
            .AsNoTracking()
            .Where(o => plates.Contains(o.Plate) && projects.Contains(o.ProjectId) && o.RecordedAt > from && o.RecordedAt <= to)
            .Select(o => new
            {
                o.ProjectId,
                o.Plate,
                o.RecordedAt,
            })
            .ToListAsync(ct);
        return list.ToDictionary(
            v => v.Id,
            v =>
                all.Count(o =>
                    o.ProjectId == v.ProjectId && o.Plate == v.Plate && o.RecordedAt <= v.RecordedAt && o.RecordedAt > v.RecordedAt - window
                )
        );
    }

    public async Task<List<ParkingViolationDto>> DtosAsync(List<ParkingViolation> list, CancellationToken ct)
    {
        var counts = await WindowCountsAsync(db, list, Days, ct);
        return [.. list.Select(v => Dto(v, counts[v.Id], Threshold))];
    }

    public IQueryable<ParkingViolation> Query(Guid? projectId, string? plate, string? state)
    {
        var q = db.Set<ParkingViolation>().AsNoTracking().Where(v => projectId == null || v.ProjectId == projectId);
        if (!string.IsNullOrWhiteSpace(plate))
        {
            var p = Plates.Normalize(plate);
            q = q.Where(v => v.Plate.Contains(p));
        }
        q = state switch
        {
            "open" => q.Where(v => v.ClosedAt == null),
            "closed" => q.Where(v => v.ClosedAt != null),
            "escalated" => q.Where(v => v.EscalatedAt != null && v.ClosedAt == null),
            _ => q,
        };
        return q.OrderByDescending(v => v.RecordedAt).ThenByDescending(v => v.Id);
    }

    public async Task<ParkingViolation> OneAsync(Guid id, CancellationToken ct) =>
        await db.Set<ParkingViolation>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct)
        ?? throw new NotFoundException("parking violation");

    public async Task<ParkingViolation> RecordAsync(RecordViolationInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        // The recorder's own photos of this project: never another user's upload, however visible.
        var photos = await FileStore.RequireOwnAsync(db, input.PhotoIds, FilePlace.Project(project.CompanyId, project.Id), "photoIds", ct);
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var seq = (
            await db.Database.SqlQueryRaw<long>("select nextval('security.parking_violation_number_seq') as \"Value\"").ToListAsync(ct)
        ).Single();
        var v = ParkingViolation.Record(
            project.CompanyId,
            project.Id,
            ParkingViolation.FormatNumber(now, seq),
            input.Plate!,
            input.Place!,
            input.Kind!.Value,
            input.Note,
            photos,
            by,
            await names.NameAsync(by, ct) ?? "?",
            now
        );
        var plate = v.Plate;
        var vehicle = await db.VehicleRefs()
            .Where(x => x.ProjectId == project.Id && x.Plate == plate && x.ArchivedAt == null)
            .OrderBy(x => x.Id)
            .Select(x => new
            {
                x.Id,
                x.UnitId,
                x.PersonId,
            })
            .FirstOrDefaultAsync(ct);
        if (vehicle is not null)
        {
            v.VehicleId = vehicle.Id;
            v.OwnerUnitId = vehicle.UnitId;
            var owners = await OwnerUsersAsync(vehicle.UnitId, vehicle.PersonId, ct);
            if (owners.Count > 0)
            {
                // Templated, so the SMS and e-mail wait out the quiet hours (22:00–08:00); the in-app message shows at once.
                await notifier.SendAsync(
                    owners,
                    project.CompanyId,
                    new Message(
                        "message",
                        new Dictionary<string, string>
                        {
                            ["title"] = $"车辆违章停车提醒：{plate}",
                            ["body"] =
                                $"您登记的车辆 {plate} 于 {ChinaTime.Text(now)} 在“{v.Place}”{KindNameZh(v.Kind)}（通知单号 {v.Number}），"
                                + $"请尽快挪车并遵守小区停车规定。近 {Days} 天累计违停 {Threshold} 次将上报项目经理处理。",
                            ["title.en"] = $"Parking violation: {plate}",
                            ["body.en"] =
                                $"Your car {plate} was found at {ChinaTime.Text(now)} at {v.Place}: {ViolationTexts.KindNameEn(v.Kind)} "
                                + $"(notice {v.Number}). "
                                + $"Please move it and keep to the parking rules; {Threshold} violations in {Days} days go to the project "
                                + "manager.",
                        },
                        OwnerLink,
                        $"parking-violation:{v.Id:N}"
                    ),
                    ct
                );
                v.OwnerNotifiedAt = now;
            }
        }
        db.Add(v);
        await db.SaveChangesAsync(ct);
        return v;
    }

    public const string OwnerLink = "/portal/parking";

    public static string KindNameZh(ViolationKind k) =>
        k switch
        {
            ViolationKind.FireLane => "占用消防通道",
            ViolationKind.OthersSpace => "占用他人车位",
            ViolationKind.TwoSpaces => "一车占两位",
            ViolationKind.WrongWay => "逆向停放",
            ViolationKind.Blocking => "堵塞出入口或通道",
            _ => "违章停放",
        };

    /// <summary>The accounts of the vehicle's registered person and of the current owners of its unit.</summary>
    public async Task<List<Guid>> OwnerUsersAsync(Guid? unitId, Guid? personId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var owners = db.OccupantRefs()
            .Where(o => o.UnitId == unitId && o.Relation == OccupantRelation.Owner && (o.Until == null || o.Until >= today))
            .Select(o => o.PersonId);
        return await db.PersonRefs()
            .Where(p => (p.Id == personId || owners.Contains(p.Id)) && p.UserId != null && p.ArchivedAt == null)
            .Select(p => p.UserId!.Value)
            .Distinct()
            .ToListAsync(ct);
    }

    public async Task<ParkingViolation> CloseAsync(Guid id, CloseViolationInput input, CancellationToken ct)
    {
        var v = await db.Set<ParkingViolation>().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("parking violation");
        v.Close(
            input.Outcome!.Value,
            input.Note,
            db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first"),
            clock.GetUtcNow()
        );
        await db.SaveChangesAsync(ct);
        return v;
    }

    /// <summary>Plates with <see cref="Threshold"/> or more violations in a project in the last <see cref="Days"/> days, most
    /// first.</summary>
    public async Task<List<RepeaterDto>> RepeatersAsync(Guid? projectId, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-Days);
        var threshold = Threshold;
        var groups = await db.Set<ParkingViolation>()
            .AsNoTracking()
            .Where(v => v.RecordedAt > since && (projectId == null || v.ProjectId == projectId))
            .GroupBy(v => new { v.ProjectId, v.Plate })
            .Where(g => g.Count() >= threshold)
            .Select(g => new
            {
                g.Key.ProjectId,
                g.Key.Plate,
                Count = g.Count(),
                LastAt = g.Max(v => v.RecordedAt),
                Open = g.Count(v => v.ClosedAt == null),
                Escalated = g.Count(v => v.EscalatedAt != null),
            })
            .OrderByDescending(r => r.Count)
            .ThenByDescending(r => r.LastAt)
            .ThenBy(r => r.Plate)
            .ThenBy(r => r.ProjectId)
            .Take(200)
            .ToListAsync(ct);
        // The escalating steps that count now (taken within the window, suspensions not lifted): where each plate is, what comes next.
        var projects = groups.Select(g => g.ProjectId).Distinct().ToList();
        var plates = groups.Select(g => g.Plate).Distinct().ToList();
        var steps = (
            await db.Set<ViolationStep>()
                .AsNoTracking()
                .Where(s => projects.Contains(s.ProjectId) && plates.Contains(s.Plate))
                .Where(ViolationStep.CountsSince(since))
                .OrderBy(s => s.TakenAt)
                .ThenBy(s => s.Id)
                .ToListAsync(ct)
        ).ToLookup(s => (s.ProjectId, s.Plate));
        return
        [
            .. groups.Select(g =>
            {
                var taken = steps[(g.ProjectId, g.Plate)].ToList();
                var at = taken.OrderByDescending(s => (int)s.Step).ThenByDescending(s => s.TakenAt).FirstOrDefault();
                var suspension = taken.FirstOrDefault(s => s.Suspends);
                return new RepeaterDto(
                    g.ProjectId,
                    g.Plate,
                    g.Count,
                    g.LastAt,
                    g.Open,
                    g.Escalated > 0,
                    at?.Step,
                    at is null ? null : ViolationStepHandler.StepName(at.Step),
                    at?.TakenAt,
                    at?.TakenByName,
                    ViolationStep.Next(taken),
                    suspension is not null,
                    suspension?.Id
                );
            }),
        ];
    }
}
