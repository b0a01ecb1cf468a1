using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.CheckWorkerEntry;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.Workers;

internal sealed record WorkerInput(
    Guid? ProjectId,
    WorkerKind? Kind,
    string? Name,
    string? Phone,
    string? IdNumber,
    string? PermitCode,
    string? Units,
    DateOnly? ValidTo,
    bool HeightWork,
    Guid? PhotoId
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("kind", Kind, "人员类别", "Kind of worker")
            .Required("name", Name, "姓名", "Name")
            .MaxLength("name", Name, 50, "姓名", "Name")
            .MaxLength("permitCode", PermitCode, 8, "施工许可证编码", "Permit code")
            .MaxLength("units", Units, 400, "服务的房屋", "Homes served");
        if (!string.IsNullOrWhiteSpace(Phone))
            v.Phone("phone", Phone.Trim());
        RegisteredWorker.CheckIdNumber(v, IdNumber);
        if (Kind == WorkerKind.Renovation && string.IsNullOrWhiteSpace(PermitCode))
            v.Add("permitCode", "装修工人须绑定施工许可证", "A renovation worker is bound to a permit: give its code");
        if (Kind is not null and not WorkerKind.Renovation && string.IsNullOrWhiteSpace(Units))
            v.Add("units", "请填写服务的房屋，如 3幢 1201，多个用逗号分开", "Give the homes served, e.g. 3幢 1201, separated by commas");
    }
}

internal sealed record WorkerDto(
    Guid Id,
    Guid ProjectId,
    Guid? RenovationId,
    string? PermitCode,
    WorkerKind Kind,
    string Name,
    string? Phone,
    string? IdNumber,
    Guid? PhotoId,
    List<string> Units,
    bool HeightWork,
    string Code,
    DateOnly ValidTo,
    bool Revoked,
    DateTimeOffset? InsideSince
);

internal sealed record WorkerStayDto(string Direction, string Message, WorkerDto Worker, GateEntryDto Entry);

/// <summary>
/// 外来人员登记: the gate or the service center registers a worker with photo and ID (masked in every read) and the homes they serve;
/// a renovation worker's pass is bound to a permit in force and ends with it. At the gate one tap (or the worker's code) signs them
/// in or out; a renovation worker only within the permit's dates and hours (refused and recorded otherwise), an installer at height
/// only with the day's signed pledge.
/// </summary>
internal sealed class WorkersHandler(WuyeDb db, TimeProvider clock, CheckWorkerEntryHandler entryChecks)
{
    public static readonly string[] Registrars = GateRoles.Registrars;

    public async Task<WorkerDto> RegisterAsync(WorkerInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().Where(p => p.Id == input.ProjectId).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var today = ChinaTime.Today(clock);
        Renovation? r = null;
        var units = new List<UnitRef>();
        if (input.Kind == WorkerKind.Renovation)
        {
            var code = input.PermitCode!.Trim().ToUpperInvariant();
            r = await db.Set<Renovation>().FirstOrDefaultAsync(x => x.ProjectId == project.Id && x.PermitCode == code, ct)
                ?? throw ValidationException.For("permitCode", "本项目没有这个施工许可证", "No such permit in this project");
            if (r.State != RenovationState.Permitted)
                throw ValidationException.For(
                    "permitCode",
                    $"施工许可证不在有效状态（{RenovationText.State(r.State, true)}），不能登记工人",
                    $"The permit is not in force ({RenovationText.State(r.State, false)}): no workers can be registered on it"
                );
            if (r.EndDate < today)
                throw ValidationException.For(
                    "permitCode",
                    $"施工许可证已于 {r.EndDate:yyyy-MM-dd} 过期，不能登记工人",
                    $"The permit expired on {r.EndDate:yyyy-MM-dd}: no workers can be registered on it"
                );
            units.Add(await db.UnitRefs().FirstAsync(u => u.Id == r.UnitId, ct));
        }
        else
        {
            var all = db.UnitRefs().Where(u => u.ProjectId == project.Id && u.ArchivedAt == null);
            foreach (
                var label in input.Units!.Split(
                    [',', '，', '、', ';', '；'],
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
                )
            )
            {
                var typed = label.Replace(" ", "");
                var unit = await all.Where(u => u.Label.Replace(" ", "") == typed).FirstOrDefaultAsync(ct)
                    ?? throw ValidationException.For("units", $"本项目没有房屋“{label}”", $"No home “{label}” in this project");
                if (units.All(u => u.Id != unit.Id))
                    units.Add(unit);
            }
        }
        if (input.PhotoId is { } photo)
            await FileStore.RequireOwnAsync(db, [photo], FilePlace.Project(project.CompanyId, project.Id), "photoId", ct);
        var validTo = r?.EndDate ?? input.ValidTo ?? today.AddYears(1);
        if (validTo < today)
            throw ValidationException.For("validTo", "有效期不能早于今天", "The pass cannot end before today");
        var w = new RegisteredWorker
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            ZoneId = units.FirstOrDefault()?.ZoneId,
            // Owners of a single home served see the worker; one serving several homes is the project's record only (its list of
            // homes would show an owner their neighbours').
            UnitId = units.Count == 1 ? units[0].Id : null,
            RenovationId = r?.Id,
            Kind = input.Kind!.Value,
            Name = input.Name!.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
            IdNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? null : input.IdNumber.Trim().ToUpperInvariant(),
            PhotoId = input.PhotoId,
            UnitIds = [.. units.Select(u => u.Id)],
            HeightWork = input.HeightWork || input.Kind == WorkerKind.Installer,
            Code = PassViews.NewCode(),
            ValidTo = validTo,
            RegisteredBy = db.Scope.UserId ?? Guid.Empty,
        };
        db.Add(w);
        if (r is not null)
            db.Add(
                new RenovationEvent
                {
                    CompanyId = r.CompanyId,
                    ProjectId = r.ProjectId,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    RenovationId = r.Id,
                    Action = "worker",
                    From = r.State,
                    To = r.State,
                    Note = w.Name,
                    By = w.RegisteredBy,
                    At = clock.GetUtcNow(),
                }
            );
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, db.Set<RegisteredWorker>().Where(x => x.Id == w.Id), ct))[0];
    }

    public static async Task<List<WorkerDto>> ListAsync(WuyeDb db, IQueryable<RegisteredWorker> q, CancellationToken ct)
    {
        var labels = db.UnitLabels();
        var renovations = db.Set<Renovation>();
        var entries = db.Set<GateEntry>();
        var rows = await q.AsNoTracking()
            .Select(w => new
            {
                w,
                Permit = renovations.Where(r => r.Id == w.RenovationId).Select(r => r.PermitCode).FirstOrDefault(),
                Inside = entries.Where(e => e.RegisteredWorkerId == w.Id && e.OutAt == null).Max(e => (DateTimeOffset?)e.InAt),
            })
            .ToListAsync(ct);
        var unitIds = rows.SelectMany(x => x.w.UnitIds).Distinct().ToList();
        var names = await labels.Where(l => unitIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Label, ct);
        return
        [
            .. rows.Select(x => new WorkerDto(
                x.w.Id,
                x.w.ProjectId,
                x.w.RenovationId,
                x.Permit,
                x.w.Kind,
                x.w.Name,
                Mask.Phone(x.w.Phone),
                Mask.IdNumber(x.w.IdNumber),
                x.w.PhotoId,
                [.. x.w.UnitIds.Select(u => names.GetValueOrDefault(u, ""))],
                x.w.HeightWork,
                x.w.Code,
                x.w.ValidTo,
                x.w.RevokedAt is not null,
                x.Inside
            )),
        ];
    }

    /// <summary>The worker at the gate: signed out when inside, else signed in when allowed.</summary>
    public async Task<WorkerStayDto> SignAsync(Guid projectId, Guid? workerId, string? code, CancellationToken ct)
    {
        var typed = (code ?? "").Trim().ToUpperInvariant();
        var w = await db.Set<RegisteredWorker>()
            .FirstOrDefaultAsync(x => x.ProjectId == projectId && (workerId != null ? x.Id == workerId : x.Code == typed), ct)
            ?? throw ValidationException.For("code", "本项目没有这个登记人员", "No such registered worker in this project");
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var open = await db.Set<GateEntry>().FirstOrDefaultAsync(e => e.RegisteredWorkerId == w.Id && e.OutAt == null, ct);
        string direction,
            message;
        if (open is not null)
        {
            open.Leave(now, user);
            direction = "out";
            message = Loc.T($"已离开：{w.Name}", $"Signed out: {w.Name}");
        }
        else
        {
            w.CheckValid(today);
            if (w.HeightWork && !await db.Set<HeightWorkPledge>().AnyAsync(p => p.RegisteredWorkerId == w.Id && p.Day == today, ct))
                throw new RuleException(
                    "height_work.no_pledge",
                    $"{w.Name} 今天尚未签署《高空作业安全责任承诺书》，不得进场进行高空作业",
                    $"{w.Name} has not signed today's height-work pledge: no entry for work at height"
                );
            if (w.Kind == WorkerKind.Renovation && w.RenovationId is { } rid)
            {
                var code2 = await db.Set<Renovation>().Where(r => r.Id == rid).Select(r => r.PermitCode).FirstAsync(ct);
                var check = await entryChecks.CheckAsync(new EntryCheckInput(projectId, code2, w.Name), ct);
                if (!check.Allowed)
                    throw new RuleException("registered_worker." + check.Reason, check.Message, check.Message);
            }
            open = new GateEntry
            {
                CompanyId = w.CompanyId,
                ProjectId = w.ProjectId,
                ZoneId = w.ZoneId,
                UnitId = w.UnitId,
                RegisteredWorkerId = w.Id,
                Name = w.Name,
                People = 1,
                InAt = now,
                InBy = user,
                Typed = workerId is null,
            };
            db.Add(open);
            direction = "in";
            message = Loc.T($"请进：{w.Name}（{WorkerText.Kind(w.Kind)}）", $"Enter: {w.Name} ({WorkerText.Kind(w.Kind)})");
        }
        await db.SaveChangesAsync(ct);
        var entry = (await PassViews.EntriesAsync(db, db.Set<GateEntry>().Where(e => e.Id == open.Id), ct))[0];
        var dto = (await ListAsync(db, db.Set<RegisteredWorker>().Where(x => x.Id == w.Id), ct))[0];
        return new WorkerStayDto(direction, message, dto, entry);
    }

    public async Task<WorkerDto> RevokeAsync(Guid id, CancellationToken ct)
    {
        var w = await db.Set<RegisteredWorker>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("worker");
        if (w.RevokedAt is not null)
            throw new RuleException("registered_worker.revoked", "该人员的通行证已注销", "This worker's pass has been revoked");
        w.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, db.Set<RegisteredWorker>().Where(x => x.Id == id), ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/registered-workers").WithTags("Gate");
        g.MapPost("/", async Task<Created<WorkerDto>> (WorkersHandler h, WorkerInput body, CancellationToken ct) =>
            {
                var w = await h.RegisterAsync(body, ct);
                return TypedResults.Created($"/api/v1/registered-workers/{w.Id}", w);
            })
            .RequireRoles(Registrars)
            .WithSummary(
                "Register an outside worker (kind, name, phone, ID, photoId, homes served; a renovation worker on a permit in force)"
            );
        g.MapGet(
                "/",
                async (WuyeDb db, Guid? projectId, Guid? renovationId, WorkerKind? kind, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var q = db.Set<RegisteredWorker>()
                        .Where(w =>
                            (projectId == null || w.ProjectId == projectId)
                            && (renovationId == null || w.RenovationId == renovationId)
                            && (kind == null || w.Kind == kind)
                        )
                        .OrderBy(w => w.Name)
                        .ThenBy(w => w.Id);
                    var paged = await q.ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.Select(w => w.Id).ToList();
                    var items = await ListAsync(db, q.Where(w => ids.Contains(w.Id)), ct);
                    return TypedResults.Ok(new Paged<WorkerDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(GateRoles.Readers)
            .WithSummary("Registered workers (phone and ID masked), with when each went in if inside");
        g.MapPost("/sign-ins", async (WorkersHandler h, SignInput body, CancellationToken ct) =>
                TypedResults.Ok(await h.SignAsync(body.ProjectId!.Value, body.WorkerId, body.Code, ct))
            )
            .RequireRoles(GateRoles.Console)
            .WithSummary("A registered worker at the gate {projectId, workerId | code}: signed in (when allowed) or out");
        g.MapPost("/{id:guid}/revocations", async (WorkersHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.RevokeAsync(id, ct))
            )
            .RequireRoles(Registrars)
            .WithSummary("Revoke a worker's pass");
    }
}

internal sealed record SignInput(Guid? ProjectId, Guid? WorkerId, string? Code) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "门岗所在项目", "The gate's project").MaxLength("code", Code, 8, "人员编码", "Worker code");
        if (WorkerId is null && string.IsNullOrWhiteSpace(Code))
            v.Add("code", "请选择人员或输入其 8 位编码", "Pick the worker or type their 8-character code");
    }
}
