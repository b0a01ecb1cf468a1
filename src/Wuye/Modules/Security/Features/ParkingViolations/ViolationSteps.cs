using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ParkingViolations;

internal sealed record TakeStepInput(Guid? ProjectId, string? Plate, ViolationStepKind? Step, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("plate", Plate, "车牌号", "Plate")
            .MaxLength("plate", Plate, 12, "车牌号", "Plate")
            .Plate("plate", Plate)
            .Required("step", Step, "处理步骤", "Step")
            .MaxLength("note", Note, 500, "说明", "Note");
}

internal sealed record ViolationStepDto(
    Guid Id,
    Guid ProjectId,
    string Plate,
    ViolationStepKind Step,
    string StepName,
    int ViolationCount,
    string? Note,
    DateTimeOffset TakenAt,
    string TakenByName,
    int OwnersTold,
    bool Suspends,
    DateTimeOffset? LiftedAt,
    string? LiftedByName
);

/// <summary>Whether a car may enter: its pass is suspended by a step not lifted.</summary>
internal sealed record ParkingPassDto(
    Guid ProjectId,
    string Plate,
    bool Registered,
    bool Suspended,
    DateTimeOffset? SuspendedAt,
    string? SuspendedByName,
    Guid? StepId
);

/// <summary>
/// The escalating steps for a repeat violator (万科#15): the supervisor takes them in order — a written notice to the registered owner,
/// an SMS to them, the suspension of the car's pass — each a record (who, when, the count then) and each told to the owners through
/// the outbox as a templated message, so it waits out the quiet hours. A suspended pass stops the car at the parking board until the
/// supervisor lifts it.
/// </summary>
internal sealed class ViolationStepHandler(
    WuyeDb db,
    TimeProvider clock,
    Notifier notifier,
    UserNames names,
    ParkingViolationHandler violations
)
{
    public static string StepName(ViolationStepKind s) => Loc.T(ViolationStep.Name(s, false), ViolationStep.Name(s, true));

    public static ViolationStepDto Dto(ViolationStep s) =>
        new(
            s.Id,
            s.ProjectId,
            s.Plate,
            s.Step,
            StepName(s.Step),
            s.ViolationCount,
            s.Note,
            s.TakenAt,
            s.TakenByName,
            s.OwnersTold,
            s.Suspends,
            s.LiftedAt,
            s.LiftedByName
        );

    /// <summary>The steps that count now for these plates: those taken within the window, and suspensions not lifted.</summary>
    public async Task<List<ViolationStep>> CurrentAsync(
        IReadOnlyCollection<Guid> projects,
        IReadOnlyCollection<string> plates,
        CancellationToken ct
    )
    {
        var since = clock.GetUtcNow().AddDays(-violations.Days);
        return await db.Set<ViolationStep>()
            .AsNoTracking()
            .Where(s => projects.Contains(s.ProjectId) && plates.Contains(s.Plate))
            .Where(ViolationStep.CountsSince(since))
            .OrderBy(s => s.TakenAt)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
    }

    public async Task<List<ViolationStepDto>> ListAsync(Guid? projectId, string? plate, CancellationToken ct)
    {
        var q = db.Set<ViolationStep>().AsNoTracking().Where(s => projectId == null || s.ProjectId == projectId);
        if (!string.IsNullOrWhiteSpace(plate))
        {
            var p = Plates.Normalize(plate);
            q = q.Where(s => s.Plate == p);
        }
        var steps = await q.OrderByDescending(s => s.TakenAt).ThenBy(s => s.Id).Take(200).ToListAsync(ct);
        // Newest first; steps taken at the same instant by their order (the step is stored as text, so in memory).
        return [.. steps.OrderByDescending(s => s.TakenAt).ThenByDescending(s => (int)s.Step).Select(Dto)];
    }

    public async Task<ParkingPassDto> PassAsync(Guid projectId, string plate, CancellationToken ct)
    {
        var p = Plates.Normalize(plate);
        var registered = await db.VehicleRefs().AnyAsync(v => v.ProjectId == projectId && v.Plate == p && v.ArchivedAt == null, ct);
        var suspension = await Suspension(projectId, p).FirstOrDefaultAsync(ct);
        return new ParkingPassDto(
            projectId,
            p,
            registered,
            suspension is not null,
            suspension?.TakenAt,
            suspension?.TakenByName,
            suspension?.Id
        );
    }

    /// <summary>The suspension in force for a plate in a project, if any.</summary>
    public IQueryable<ViolationStep> Suspension(Guid projectId, string plate) =>
        db.Set<ViolationStep>()
            .AsNoTracking()
            .Where(ViolationStep.InForce)
            .Where(s => s.ProjectId == projectId && s.Plate == plate)
            .OrderByDescending(s => s.TakenAt)
            .ThenBy(s => s.Id);

    public async Task<ViolationStep> TakeAsync(TakeStepInput input, CancellationToken ct)
    {
        var plate = Plates.Normalize(input.Plate!);
        var projectId = input.ProjectId!.Value;
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        if (!SecurityRoles.MaySuperviseAt(db.Scope, project.CompanyId, project.Id))
            throw new ForbiddenException("只有本项目的主管可以处理累犯", "Only the project's supervisor takes these steps");
        // Read the plate's steps, then add the next: one request at a time per project and plate, so two supervisors pressing at once
        // take the step once — the second finds it taken and is told the next step is another (409 parking_step.out_of_order).
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"select pg_advisory_xact_lock(hashtextextended({$"violation_step:{projectId:N}:{plate}"}, 37))",
            ct
        );
        var since = clock.GetUtcNow().AddDays(-violations.Days);
        var latest = await db.Set<ParkingViolation>()
            .AsNoTracking()
            .Where(v => v.ProjectId == projectId && v.Plate == plate && v.RecordedAt > since)
            .OrderByDescending(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For(
                "plate",
                $"该车辆近 {violations.Days} 天没有违章记录",
                $"No violation of this plate in the last {violations.Days} days"
            );
        var count = (await ParkingViolationHandler.WindowCountsAsync(db, [latest], violations.Days, ct))[latest.Id];
        var taken = await CurrentAsync([projectId], [plate], ct);
        var now = clock.GetUtcNow();
        var step = ViolationStep.Take(
            latest,
            count,
            violations.Threshold,
            taken,
            input.Step!.Value,
            input.Note,
            by,
            await names.NameAsync(by, ct) ?? "?",
            now
        );
        var owners = await OwnersAsync(latest, ct);
        if (step.Step == ViolationStepKind.Sms && !await db.Users.AnyAsync(u => owners.Contains(u.Id) && u.PhoneNumber != null, ct))
            throw ValidationException.For(
                "step",
                $"车辆 {plate} 的车主没有登记手机号，无法发短信；请改用书面告知或电话联系",
                $"The owner of {plate} has no mobile number on record: no SMS can go"
            );
        step.OwnersTold = owners.Count;
        await TellOwnersAsync(step, latest, owners, project.Name, ct);
        db.Add(step);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return step;
    }

    public async Task<ViolationStep> LiftAsync(Guid id, CancellationToken ct)
    {
        var step = await db.Set<ViolationStep>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("violation step");
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        if (!SecurityRoles.MaySuperviseAt(db.Scope, step.CompanyId, step.ProjectId))
            throw new ForbiddenException("只有本项目的主管可以恢复通行证", "Only the project's supervisor reinstates a pass");
        step.Lift(by, await names.NameAsync(by, ct) ?? "?", clock.GetUtcNow());
        var latest = await db.Set<ParkingViolation>().AsNoTracking().FirstAsync(v => v.Id == step.ParkingViolationId, ct);
        var owners = await OwnersAsync(latest, ct);
        if (owners.Count > 0)
            await notifier.SendAsync(
                owners,
                step.CompanyId,
                Text(
                    $"车辆通行证已恢复：{step.Plate}",
                    $"您登记的车辆 {step.Plate} 的通行证已恢复，可正常驶入停车场。请遵守小区停车规定。",
                    $"Pass reinstated: {step.Plate}",
                    $"The pass of your car {step.Plate} is reinstated; it may enter the car parks again. Please keep to the parking rules.",
                    $"parking-step-lift:{step.Id:N}"
                ),
                ct
            );
        await db.SaveChangesAsync(ct);
        return step;
    }

    private static Message Text(string title, string body, string titleEn, string bodyEn, string key) =>
        new(
            "message",
            new Dictionary<string, string>
            {
                ["title"] = title,
                ["body"] = body,
                ["title.en"] = titleEn,
                ["body.en"] = bodyEn,
            },
            ParkingViolationHandler.OwnerLink,
            key
        );

    /// <summary>The step told to the car's owners, templated (held in quiet hours): the notice in the app and by e-mail, the SMS by
    /// SMS (and in the app), the suspension on every channel.</summary>
    private async Task TellOwnersAsync(ViolationStep s, ParkingViolation latest, List<Guid> owners, string project, CancellationToken ct)
    {
        if (owners.Count == 0)
            return;
        var days = violations.Days;
        var last = $"最近一次 {ChinaTime.Text(latest.RecordedAt)} 在“{latest.Place}”（通知单 {latest.Number}）";
        var lastEn = $"the last at {ChinaTime.Text(latest.RecordedAt)}, {latest.Place} (notice {latest.Number})";
        var (message, channels) = s.Step switch
        {
            ViolationStepKind.Notice => (
                Text(
                    $"违停书面告知：{s.Plate}",
                    $"您登记的车辆 {s.Plate} 近 {days} 天在{project}违章停车 {s.ViolationCount} 次，{last}。请遵守停车规定；"
                        + "再次违停将短信通知，并可能停用车辆通行证。",
                    $"Parking notice: {s.Plate}",
                    $"Your car {s.Plate} was parked against the rules {s.ViolationCount} times in {days} days at {project}, {lastEn}. "
                        + "Please keep to the rules; next time you will be texted and the car's pass may be suspended.",
                    $"parking-step:{s.Id:N}"
                ),
                (IReadOnlyCollection<NotificationChannel>?)[NotificationChannel.InApp, NotificationChannel.Email]
            ),
            ViolationStepKind.Sms => (
                Text(
                    $"违停提醒：{s.Plate}",
                    $"您的车辆 {s.Plate} 近 {days} 天违停 {s.ViolationCount} 次，{last}。再次违停将停用车辆通行证。",
                    $"Parking warning: {s.Plate}",
                    $"Your car {s.Plate} was parked against the rules {s.ViolationCount} times in {days} days, {lastEn}. "
                        + "Next time its pass will be suspended.",
                    $"parking-step:{s.Id:N}"
                ),
                [NotificationChannel.Sms, NotificationChannel.InApp]
            ),
            _ => (
                Text(
                    $"车辆通行证已停用：{s.Plate}",
                    $"您登记的车辆 {s.Plate} 近 {days} 天违章停车 {s.ViolationCount} 次，{last}。即日起停用该车通行证，不得驶入停车场；"
                        + "如需恢复，请联系物业服务中心。",
                    $"Car pass suspended: {s.Plate}",
                    $"Your car {s.Plate} was parked against the rules {s.ViolationCount} times in {days} days, {lastEn}. "
                        + "Its pass is suspended from today: it may not enter the car parks. "
                        + "Ask the property service centre to reinstate it.",
                    $"parking-step:{s.Id:N}"
                ),
                null
            ),
        };
        await notifier.SendAsync(owners, s.CompanyId, message, ct, channels);
    }

    /// <summary>The accounts of the registered vehicle's person and of its unit's current owners.</summary>
    private async Task<List<Guid>> OwnersAsync(ParkingViolation latest, CancellationToken ct)
    {
        if (latest.VehicleId is not { } vehicleId)
            return [];
        var vehicle = await db.VehicleRefs()
            .Where(v => v.Id == vehicleId)
            .Select(v => new { v.UnitId, v.PersonId })
            .FirstOrDefaultAsync(ct);
        return vehicle is null ? [] : await violations.OwnerUsersAsync(vehicle.UnitId, vehicle.PersonId, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/parking-violations/steps").WithTags("Security");
        g.MapGet("/", async (ViolationStepHandler h, Guid? projectId, string? plate, CancellationToken ct) =>
            {
                if (plate is { Length: > 12 })
                    throw ValidationException.For("plate", "车牌号太长", "The plate is too long");
                return TypedResults.Ok(await h.ListAsync(projectId, plate, ct));
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The escalating steps taken for repeat violators (plate=…), newest first");
        g.MapPost("/", async Task<Created<ViolationStepDto>> (ViolationStepHandler h, TakeStepInput body, CancellationToken ct) =>
            {
                var s = await h.TakeAsync(body, ct);
                return TypedResults.Created($"/api/v1/parking-violations/steps/{s.Id}", Dto(s));
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary(
                "Take the next escalating step for a repeat violator {projectId, plate, step: notice|sms|passSuspension, note?}: "
                    + "recorded and told to the registered owners (templated, held in quiet hours); 409 parking_step.not_repeater, "
                    + "parking_step.out_of_order, parking_step.suspended"
            );
        g.MapPost("/{id:guid}/lift", async (ViolationStepHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(Dto(await h.LiftAsync(id, ct)))
            )
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Reinstate a suspended car pass (409 parking_step.lifted, parking_step.not_suspension)");
        api.MapGet("/parking-passes", async (ViolationStepHandler h, Guid? projectId, string? plate, CancellationToken ct) =>
            {
                var v = new Validator();
                v.Required("projectId", projectId, "项目", "Project")
                    .Required("plate", plate, "车牌号", "Plate")
                    .MaxLength("plate", plate, 12, "车牌号", "Plate")
                    .Plate("plate", plate);
                v.ThrowIfAny();
                return TypedResults.Ok(await h.PassAsync(projectId!.Value, plate!, ct));
            })
            .WithTags("Security")
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("A car's pass in a project (projectId, plate): registered, and suspended by a repeat-violator step or not");
    }
}
