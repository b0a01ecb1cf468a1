using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features;

/// <summary>
/// The use cases of the loop 报事 → 派单 → 维修 → 回访 → 归档, shared by the API and the pages.
/// Each one loads what it needs, checks the rules, changes the records and the timeline, queues
/// notifications, and saves once, so a refused step leaves nothing half-written.
/// </summary>
public sealed class WorkOrderService(WuyeDb db, TimeProvider clock, Notifier notifier, RequestNumbers numbers, ReferenceCache reference, UserNames userNames)
{
    private static readonly WorkOrderStatus[] Open = [WorkOrderStatus.New, WorkOrderStatus.Dispatched, WorkOrderStatus.Accepted, WorkOrderStatus.OnSite, WorkOrderStatus.Paused];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<ServiceRequest> CreateAsync(NewServiceRequest input, CancellationToken ct) => (await CreateWithLabelAsync(input, ct)).Request;

    /// <summary>Creates, and gives the unit's label too, so the API can answer without reading the request back.</summary>
    public async Task<(ServiceRequest Request, string? UnitLabel)> CreateWithLabelAsync(NewServiceRequest input, CancellationToken ct)
    {
        var now = Now;
        var v = new Validator();
        Guid companyId, projectId;
        Guid? zoneId = input.ZoneId, unitId = input.UnitId;
        string? unitLabel = null;
        if (input.UnitId is { } uid)
        {
            var unit = await db.UnitRefs().AsNoTracking().Where(u => u.Id == uid && u.ArchivedAt == null)
                .Select(u => new { u.CompanyId, u.ProjectId, u.ZoneId, Label = db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number })
                .FirstOrDefaultAsync(ct);
            if (unit is null) throw Invalid("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
            (companyId, projectId, zoneId, unitLabel) = (unit.CompanyId, unit.ProjectId, unit.ZoneId, unit.Label);
        }
        else
        {
            var project = await db.ProjectRefs().AsNoTracking().Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
                .Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
            if (project is null) throw Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            (companyId, projectId) = (project.CompanyId, project.Id);
            if (zoneId is { } z && !await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == projectId, ct))
                v.Add("zoneId", "片区不属于该项目", "The zone is not in this project");
            if (string.IsNullOrWhiteSpace(input.Location)) v.Add("location", "公共区域报事请填写位置", "Give the location in the public area");
        }
        if (input.VisitFrom is { } from && from < now.AddMinutes(-5))
            v.Add("visitFrom", "预约上门时间不能早于现在", "The visit slot cannot be in the past");
        var photos = (input.PhotoIds ?? []).Distinct().ToArray();
        if (photos.Length > 0 && await db.Set<StoredFile>().CountAsync(f => photos.Contains(f.Id) && f.ProjectId == projectId, ct) != photos.Length)
            v.Add("photoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
        v.ThrowIfAny();

        var scope = db.Scope;
        var reporter = await ActorAsync(ct);
        var channel = input.Channel ?? (scope.Roles is [Roles.Owner] ? RequestChannel.OwnerPortal : RequestChannel.FrontDesk);
        var request = new ServiceRequest
        {
            CompanyId = companyId, ProjectId = projectId, ZoneId = zoneId, UnitId = unitId,
            Number = await numbers.NextAsync(now, "BX", ct),
            Channel = channel, Category = input.Category!.Value, Urgency = input.Urgency ?? Urgency.Normal,
            Description = input.Description!.Trim(), Location = input.Location?.Trim(),
            ReporterName = input.ReporterName?.Trim() ?? reporter.Name, ReporterPhone = input.ReporterPhone?.Trim(),
            ReporterUserId = scope.UserId, PhotoIds = photos,
            VisitFrom = input.VisitFrom?.ToUniversalTime(), VisitTo = input.VisitTo?.ToUniversalTime(),
            Status = RequestStatus.Open, OpenedAt = now, OpenedMonth = WorkingTime.Month(now),
        };
        db.Add(request);
        var wo = await NewWorkOrderAsync(request, null, now, ct);
        request.CompletionDueAt = wo.CompletionDueAt;
        Log(request, wo, EventKind.Created, reporter, () => ChannelName(channel) + (wo.CompletionDueAt is { } due ? Loc.T($"；完成时限 {Local(due)}", $"; completion due {Local(due)}") : ""));
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, companyId, projectId, ct);
        await notifier.NotifyAsync(desk, companyId, $"新报事 {request.Number}", request.Description, $"/service-requests/{request.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        return (request, unitLabel);
    }

    private async Task<WorkOrder> NewWorkOrderAsync(ServiceRequest r, WorkOrder? reworkOf, DateTimeOffset now, CancellationToken ct)
    {
        var (policy, time) = await ClockAsync(r.CompanyId, r.ProjectId, r.Category, r.Urgency, ct);
        var wo = new WorkOrder
        {
            CompanyId = r.CompanyId, ProjectId = r.ProjectId, ZoneId = r.ZoneId, UnitId = r.UnitId, ServiceRequestId = r.Id,
            ReworkOfId = reworkOf?.Id, Status = WorkOrderStatus.New, Category = r.Category, Urgency = r.Urgency,
            AroundTheClock = time.IsAroundTheClock, ClockStartedAt = now,
            ResponseDueAt = policy is null ? null : time.AddMinutes(now, policy.ResponseMinutes),
            ArrivalDueAt = policy is null ? null : time.AddMinutes(now, policy.ArrivalMinutes),
            CompletionDueAt = policy is null ? null : time.AddMinutes(now, policy.CompletionMinutes),
        };
        db.Add(wo);
        return wo;
    }

    /// <summary>
    /// The time-limit row and calendar for a request. Read past the caller's scope because an
    /// owner reporting for their unit may not read the project's reference rows, yet their
    /// request runs on them; the project id came from a record the caller may see. Both come
    /// from the reference cache (one read per project until a time limit or the calendar changes).
    /// </summary>
    public async Task<(SlaPolicy? Policy, WorkingTime Time)> ClockAsync(Guid companyId, Guid projectId, RequestCategory category, Urgency urgency, CancellationToken ct)
    {
        var clockOf = await ProjectClockAsync(companyId, projectId, ct);
        var policy = clockOf.Policies.Where(p => p.Urgency == urgency && (p.Category == category || p.Category == null))
            .OrderBy(p => p.Category == null).FirstOrDefault();
        return (policy, policy is { AroundTheClock: true } ? WorkingTime.AroundTheClock : clockOf.Time);
    }

    private sealed record ProjectClock(SlaPolicy[] Policies, WorkingTime Time);

    private Task<ProjectClock> ProjectClockAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        reference.GetAsync("project-clock", projectId, typeof(SlaPolicy), typeof(BusinessCalendar), async () =>
        {
            var policies = await db.Set<SlaPolicy>().IgnoreQueryFilters().AsNoTracking().Where(p => p.ProjectId == projectId).ToArrayAsync(ct);
            return new ProjectClock(policies, new WorkingTime(await CalendarAsync(companyId, projectId, ct)));
        });

    /// <summary>The project's working time (its calendar, or the default), from the reference cache: for every clock that runs on it.</summary>
    public async Task<WorkingTime> WorkingTimeAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        (await ProjectClockAsync(companyId, projectId, ct)).Time;

    /// <summary>The project's calendar as stored (or the default); for editing. Clocks use <see cref="WorkingTimeAsync"/>.</summary>
    public async Task<BusinessCalendar> CalendarAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        await db.Set<BusinessCalendar>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId, ct)
        ?? WorkingTime.DefaultCalendar(companyId, projectId);

    private async Task<WorkingTime> TimeOfAsync(WorkOrder wo, CancellationToken ct) =>
        wo.AroundTheClock ? WorkingTime.AroundTheClock : await WorkingTimeAsync(wo.CompanyId, wo.ProjectId, ct);

    public async Task DispatchAsync(Guid id, DispatchInput input, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        if (r.Status is RequestStatus.Closed or RequestStatus.Merged || wo.Status is not (WorkOrderStatus.New or WorkOrderStatus.Dispatched))
            throw new RuleException("work_order.not_dispatchable", "该工单已关闭或正在处理，不能派单", "This work order is closed or under way and cannot be dispatched");
        var actor = await ActorAsync(ct);
        string? techName = null;
        if (input.Auto == true)
        {
            input = input with { TechnicianId = await PickTechnicianAsync(wo, ct)
                ?? throw new RuleException("work_order.no_technician", "本项目没有可派的维修工", "This project has no technician to dispatch to") };
        }
        if (input.TechnicianId is { } tech)
        {
            techName = await TechnicianNameAsync(wo, tech, "technicianId", ct);
            wo.AssigneeUserId = tech;
        }
        else wo.AssigneeUserId = null;
        wo.AssigneeName = techName;
        wo.Status = WorkOrderStatus.Dispatched;
        wo.DispatchedAt = Now;
        Log(r, wo, EventKind.Dispatched, actor, () => (techName is null ? Loc.T("派给项目全体维修工（抢单）", "offered to all technicians of the project") : Loc.T($"派给 {techName}", $"to {techName}"))
            + (string.IsNullOrWhiteSpace(input.Note) ? "" : "；" + input.Note.Trim()));
        var to = input.TechnicianId is { } t ? [t] : await notifier.UsersWithRoleAsync(Roles.Technician, wo.CompanyId, wo.ProjectId, ct);
        await notifier.NotifyAsync(to, wo.CompanyId, $"新工单 {r.Number}", r.Description, "/work-orders/my", null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Automatic dispatch: among the project's technicians, those with the job's skill (everyone,
    /// if nobody has it recorded), preferring one whose skill is for the job's zone, then the one
    /// with the fewest open jobs.
    /// </summary>
    public async Task<Guid?> PickTechnicianAsync(WorkOrder wo, CancellationToken ct)
    {
        var techs = await notifier.UsersWithRoleAsync(Roles.Technician, wo.CompanyId, wo.ProjectId, ct);
        if (techs.Count == 0) return null;
        // Skills and load are read across the whole project even when a zone steward dispatches:
        // a technician busy in another zone is still busy. Standalone queries, keyed by these technicians.
        var skills = await db.Set<TechnicianSkill>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ProjectId == wo.ProjectId && s.Category == wo.Category && techs.Contains(s.UserId)).ToListAsync(ct);
        var open = OpenStatuses;
        var load = await db.Set<WorkOrder>().IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.AssigneeUserId != null && techs.Contains(w.AssigneeUserId.Value) && open.Contains(w.Status))
            .GroupBy(w => w.AssigneeUserId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var pool = skills.Count > 0 ? skills.Select(s => s.UserId).Distinct().ToList() : techs;
        return pool.OrderByDescending(t => skills.Any(s => s.UserId == t && s.ZoneId != null && s.ZoneId == wo.ZoneId))
            .ThenBy(t => load.GetValueOrDefault(t)).ThenBy(t => t).First();
    }

    public async Task AcceptAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        var me = db.Scope.UserId!.Value;
        if (wo.Status != WorkOrderStatus.Dispatched)
            throw new RuleException("work_order.not_acceptable", "该工单当前不能接单（可能已被他人接单）", "This work order cannot be accepted now (someone may have taken it)");
        if (wo.AssigneeUserId is { } a && a != me)
            throw new RuleException("work_order.not_yours", "该工单已派给其他维修工", "This work order was dispatched to another technician");
        var actor = await ActorAsync(ct);
        if (wo.AssigneeUserId is null) await TechnicianNameAsync(wo, me, "technicianId", ct);
        var now = Now;
        wo.AssigneeUserId = me;
        wo.AssigneeName = actor.Name;
        wo.Status = WorkOrderStatus.Accepted;
        wo.AcceptedAt ??= now;
        if (wo.ReworkOfId is null) r.ResponseOnTime ??= wo.ResponseDueAt is { } due ? now <= due : null;
        Log(r, wo, EventKind.Accepted, actor, () => ClockNote(wo.ResponseDueAt, now));
        await SaveRacingAsync(ct);
    }

    public async Task DeclineAsync(Guid id, ReasonInput input, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        if (wo.Status != WorkOrderStatus.Dispatched || wo.AssigneeUserId != db.Scope.UserId)
            throw new RuleException("work_order.not_declinable", "只能拒绝派给自己且尚未接单的工单", "Only a job dispatched to you and not yet accepted can be declined");
        var actor = await ActorAsync(ct);
        wo.Status = WorkOrderStatus.New;
        wo.AssigneeUserId = null;
        wo.AssigneeName = null;
        Log(r, wo, EventKind.Declined, actor, () => input.Reason!.Trim());
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, wo.CompanyId, wo.ProjectId, ct);
        await notifier.NotifyAsync(desk, wo.CompanyId, $"工单被拒 {r.Number}", $"{actor.Name}：{input.Reason}", $"/service-requests/{r.Id}", null, ct);
        await SaveRacingAsync(ct);
    }

    public async Task TransferAsync(Guid id, TransferInput input, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        if (wo.Status is not (WorkOrderStatus.Dispatched or WorkOrderStatus.Accepted))
            throw new RuleException("work_order.not_transferable", "只能转派已派出、尚未到场的工单", "Only a dispatched job not yet on site can be transferred");
        var isDesk = db.Scope.HasRoleAt(Endpoints.Dispatchers, wo.CompanyId, wo.ProjectId, wo.ZoneId);
        if (!isDesk && wo.AssigneeUserId != db.Scope.UserId)
            throw new RuleException("work_order.not_yours", "只能转派自己的工单", "You can transfer only your own jobs");
        var name = await TechnicianNameAsync(wo, input.TechnicianId!.Value, "technicianId", ct);
        var actor = await ActorAsync(ct);
        var from = wo.AssigneeName;
        wo.AssigneeUserId = input.TechnicianId;
        wo.AssigneeName = name;
        wo.Status = WorkOrderStatus.Dispatched;
        Log(r, wo, EventKind.Transferred, actor, () => Loc.T($"{from ?? "未指派"} → {name}：{input.Reason}", $"{from ?? "unassigned"} → {name}: {input.Reason}"));
        await notifier.NotifyAsync([input.TechnicianId!.Value], wo.CompanyId, $"转派工单 {r.Number}", r.Description, "/work-orders/my", null, ct);
        await SaveRacingAsync(ct);
    }

    public async Task ArriveAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await LoadMineAsync(id, ct);
        if (wo.Status != WorkOrderStatus.Accepted)
            throw new RuleException("work_order.not_arrivable", "请先接单再签到到场", "Accept the job before checking in on site");
        var now = Now;
        wo.Status = WorkOrderStatus.OnSite;
        wo.ArrivedAt ??= now;
        if (wo.ReworkOfId is null) r.ArrivalOnTime ??= wo.ArrivalDueAt is { } due ? now <= due : null;
        var actor = await ActorAsync(ct);
        Log(r, wo, EventKind.Arrived, actor, () => ClockNote(wo.ArrivalDueAt, now));
        await SaveRacingAsync(ct);
    }

    public async Task PauseAsync(Guid id, PauseInput input, CancellationToken ct)
    {
        var (wo, r) = await LoadMineAsync(id, ct);
        if (wo.Status is not (WorkOrderStatus.Accepted or WorkOrderStatus.OnSite))
            throw new RuleException("work_order.not_pausable", "只有处理中的工单可以暂停计时", "Only a job under way can be paused");
        wo.StatusBeforePause = wo.Status;
        wo.Status = WorkOrderStatus.Paused;
        wo.PausedAt = Now;
        wo.PauseKind = input.Kind;
        wo.PauseReason = input.Reason!.Trim();
        var actor = await ActorAsync(ct);
        Log(r, wo, EventKind.Paused, actor, () => $"{PauseName(input.Kind!.Value)}：{wo.PauseReason}");
        await SaveRacingAsync(ct);
    }

    public async Task ResumeAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await LoadMineAsync(id, ct);
        if (wo.Status != WorkOrderStatus.Paused || wo.PausedAt is not { } pausedAt)
            throw new RuleException("work_order.not_paused", "该工单没有暂停", "This job is not paused");
        var now = Now;
        var time = await TimeOfAsync(wo, ct);
        var minutes = time.MinutesBetween(pausedAt, now);
        // Every clock not yet met moves on by the clock time spent waiting.
        if (wo.AcceptedAt is null && wo.ResponseDueAt is { } rd) wo.ResponseDueAt = time.AddMinutes(rd, minutes);
        if (wo.ArrivedAt is null && wo.ArrivalDueAt is { } ad) wo.ArrivalDueAt = time.AddMinutes(ad, minutes);
        if (wo.CompletionDueAt is { } cd) wo.CompletionDueAt = time.AddMinutes(cd, minutes);
        if (wo.ReworkOfId is null) r.CompletionDueAt = wo.CompletionDueAt;
        wo.PausedMinutes += minutes;
        wo.Status = wo.StatusBeforePause ?? WorkOrderStatus.Accepted;
        wo.StatusBeforePause = null;
        wo.PausedAt = null;
        var actor = await ActorAsync(ct);
        Log(r, wo, EventKind.Resumed, actor, () => Loc.T($"暂停 {minutes} 分钟（{wo.PauseReason}）；完成时限顺延至 {Local(wo.CompletionDueAt)}",
            $"paused {minutes} min ({wo.PauseReason}); completion now due {Local(wo.CompletionDueAt)}"));
        wo.PauseKind = null;
        wo.PauseReason = null;
        await SaveRacingAsync(ct);
    }

    public async Task CompleteAsync(Guid id, CompleteInput input, CancellationToken ct)
    {
        var (wo, r) = await LoadMineAsync(id, ct);
        if (wo.Status != WorkOrderStatus.OnSite)
            throw new RuleException("work_order.not_completable", "请先到场签到再完工", "Check in on site before finishing");
        var photos = (input.AfterPhotoIds ?? []).Concat(input.BeforePhotoIds ?? []).Distinct().ToArray();
        var v = new Validator();
        if (await db.Set<StoredFile>().CountAsync(f => photos.Contains(f.Id) && f.ProjectId == wo.ProjectId, ct) != photos.Length)
            v.Add("afterPhotoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
        var itemIds = (input.Charges ?? []).Select(c => c.PriceItemId).Distinct().ToList();
        var items = await db.Set<PriceItem>().AsNoTracking().Where(p => itemIds.Contains(p.Id) && p.CompanyId == wo.CompanyId && (p.ProjectId == null || p.ProjectId == wo.ProjectId))
            .ToDictionaryAsync(p => p.Id, ct);
        if (items.Count != itemIds.Count) v.Add("charges", "收费项目不在价目表中", "A charge is not on the price list");
        v.ThrowIfAny();

        var now = Now;
        var actor = await ActorAsync(ct);
        foreach (var c in input.Charges ?? [])
        {
            var item = items[c.PriceItemId];
            var amount = Math.Round(item.Price * c.Quantity, 2);
            db.Add(new WorkOrderCharge
            {
                CompanyId = wo.CompanyId, ProjectId = wo.ProjectId, ZoneId = wo.ZoneId, UnitId = wo.UnitId, WorkOrderId = wo.Id,
                PriceItemId = item.Id, Name = item.Name, Kind = item.Kind, Quantity = c.Quantity, UnitPrice = item.Price, Amount = amount,
            });
            wo.ChargeTotal += amount;
        }
        wo.Status = WorkOrderStatus.Completed;
        wo.CompletedAt = now;
        wo.WorkDone = input.WorkDone!.Trim();
        wo.OwnerConfirmedBy = input.OwnerConfirmedBy!.Trim();
        wo.AnythingElse = string.IsNullOrWhiteSpace(input.AnythingElse) ? null : input.AnythingElse.Trim();
        wo.BeforePhotoIds = [.. input.BeforePhotoIds ?? []];
        wo.AfterPhotoIds = [.. input.AfterPhotoIds ?? []];
        if (wo.ReworkOfId is null)
        {
            r.CompletionOnTime = wo.CompletionDueAt is { } due ? now <= due : null;
            r.CompletedAt = now;
            r.TechnicianUserId = wo.AssigneeUserId;
        }
        r.Status = RequestStatus.Completed;
        var calendar = await WorkingTimeAsync(wo.CompanyId, wo.ProjectId, ct);
        db.Add(new ReturnVisit
        {
            CompanyId = wo.CompanyId, ProjectId = wo.ProjectId, ZoneId = wo.ZoneId, UnitId = wo.UnitId,
            ServiceRequestId = r.Id, WorkOrderId = wo.Id, Status = ReturnVisitStatus.Pending,
            DueAt = calendar.AddMinutes(now, calendar.WorkdayMinutes),
        });
        Log(r, wo, EventKind.Completed, actor, () => ClockNote(wo.CompletionDueAt, now) + Loc.T($"；业主确认：{wo.OwnerConfirmedBy}", $"; confirmed by {wo.OwnerConfirmedBy}")
            + (wo.ChargeTotal > 0 ? Loc.T($"；收费 ¥{wo.ChargeTotal:0.00}", $"; charged ¥{wo.ChargeTotal:0.00}") : "")
            + (wo.AnythingElse is { } more ? Loc.T($"；其他需求：{more}", $"; anything else: {more}") : ""));
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, wo.CompanyId, wo.ProjectId, ct);
        await notifier.NotifyAsync(desk, wo.CompanyId, $"待回访 {r.Number}", wo.WorkDone, "/work-orders/return-visits", null, ct);
        await SaveRacingAsync(ct);
    }

    /// <summary>Records a return visit (customer service) or the owner's own rating; a dissatisfied result opens a rework.</summary>
    public async Task<ReturnVisit> RecordVisitAsync(Guid visitId, VisitInput input, CancellationToken ct)
    {
        var visit = await db.Set<ReturnVisit>().FirstOrDefaultAsync(x => x.Id == visitId, ct) ?? throw new NotFoundException("return visit");
        if (visit.Status != ReturnVisitStatus.Pending)
            throw new RuleException("return_visit.already_done", "该回访已记录", "This return visit was already recorded");
        var (wo, r) = await LoadAsync(visit.WorkOrderId, ct);
        var now = Now;
        var actor = await ActorAsync(ct);
        visit.Status = ReturnVisitStatus.Done;
        visit.VisitedAt = now;
        visit.VisitedByUserId = actor.Id;
        visit.VisitedByName = actor.Name;
        visit.Satisfied = input.Satisfied;
        visit.Score = input.Score;
        visit.Comment = input.Comment?.Trim();
        r.Visited = true;
        r.Satisfied = input.Satisfied;
        r.Score = input.Score;
        wo.Status = WorkOrderStatus.Closed;
        wo.ClosedAt = now;
        Log(r, wo, EventKind.Visited, actor, () => (input.Satisfied == true ? Loc.T("满意", "satisfied") : Loc.T("不满意", "not satisfied"))
            + (input.Score is { } s ? $" {s}/5" : "") + (string.IsNullOrWhiteSpace(visit.Comment) ? "" : "：" + visit.Comment));
        if (input.Satisfied == true)
        {
            r.Status = RequestStatus.Closed;
            r.ClosedAt = now;
            Log(r, null, EventKind.Closed, actor, () => Loc.T("回访满意，归档", "visited and satisfied; archived"));
        }
        else
        {
            var rework = await NewWorkOrderAsync(r, wo, now, ct);
            rework.AssigneeUserId = wo.AssigneeUserId;
            rework.AssigneeName = wo.AssigneeName;
            rework.Status = wo.AssigneeUserId is null ? WorkOrderStatus.New : WorkOrderStatus.Dispatched;
            rework.DispatchedAt = now;
            visit.ReworkWorkOrderId = rework.Id;
            r.ReworkCount++;
            r.Status = RequestStatus.Open;
            Log(r, rework, EventKind.ReworkOpened, actor, () => Loc.T($"返修，关联原工单；派回 {wo.AssigneeName}", $"rework of the first job, back to {wo.AssigneeName}"));
            var to = new List<Guid>(await notifier.UsersWithRoleAsync(Roles.ProjectManager, wo.CompanyId, wo.ProjectId, ct));
            if (wo.AssigneeUserId is { } t) to.Add(t);
            await notifier.NotifyAsync(to, wo.CompanyId, $"返修 {r.Number}", visit.Comment ?? r.Description, $"/service-requests/{r.Id}", null, ct);
        }
        await SaveRacingAsync(ct);
        return visit;
    }

    public async Task<ReturnVisit> RateAsync(Guid requestId, VisitInput input, CancellationToken ct)
    {
        var visit = await db.Set<ReturnVisit>().Where(x => x.ServiceRequestId == requestId && x.Status == ReturnVisitStatus.Pending)
            .OrderByDescending(x => x.CreatedAt).FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            if (!await db.Set<ServiceRequest>().AnyAsync(x => x.Id == requestId, ct)) throw new NotFoundException("service request");
            throw new RuleException("service_request.nothing_to_rate", "报事尚未完工，暂不能评价", "The request is not finished yet; there is nothing to rate");
        }
        return await RecordVisitAsync(visit.Id, input, ct);
    }

    /// <summary>Merges a duplicate report of the same public fault into the one being handled.</summary>
    public async Task MergeAsync(Guid id, MergeInput input, CancellationToken ct)
    {
        var dup = await db.Set<ServiceRequest>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("service request");
        var into = await db.Set<ServiceRequest>().FirstOrDefaultAsync(x => x.Id == input.IntoId, ct)
            ?? throw Invalid("intoId", "要合并到的报事不存在或无权访问", "The request to merge into was not found, or is not yours");
        if (dup.Id == into.Id || dup.ProjectId != into.ProjectId || dup.UnitId is not null || into.UnitId is not null)
            throw new RuleException("service_request.not_mergeable", "只能合并同一项目内重复上报的公共区域报事", "Only duplicate public-area reports of one project can be merged");
        if (dup.Status != RequestStatus.Open || into.Status is RequestStatus.Merged or RequestStatus.Closed)
            throw new RuleException("service_request.not_mergeable", "该报事已在处理或已关闭，不能合并", "That request is under way or closed and cannot be merged");
        var orders = await db.Set<WorkOrder>().Where(w => w.ServiceRequestId == dup.Id).ToListAsync(ct);
        if (orders.Any(w => w.Status is not WorkOrderStatus.New and not WorkOrderStatus.Dispatched))
            throw new RuleException("service_request.not_mergeable", "该报事的工单已在处理，不能合并", "A job of that request is under way; it cannot be merged");
        var actor = await ActorAsync(ct);
        var now = Now;
        foreach (var w in orders) { w.Status = WorkOrderStatus.Closed; w.ClosedAt = now; }
        dup.Status = RequestStatus.Merged;
        dup.MergedIntoId = into.Id;
        dup.ClosedAt = now;
        Log(dup, null, EventKind.Merged, actor, () => Loc.T($"合并到 {into.Number}", $"merged into {into.Number}"));
        Log(into, null, EventKind.Merged, actor, () => Loc.T($"{dup.Number} 合并到本单", $"{dup.Number} merged into this one"));
        await SaveRacingAsync(ct);
    }

    private async Task<(WorkOrder, ServiceRequest)> LoadAsync(Guid id, CancellationToken ct)
    {
        var wo = await db.Set<WorkOrder>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("work order");
        var r = await db.Set<ServiceRequest>().FirstAsync(x => x.Id == wo.ServiceRequestId, ct);
        return (wo, r);
    }

    /// <summary>A job the caller works on: only its assignee (or a platform admin) acts on site.</summary>
    private async Task<(WorkOrder, ServiceRequest)> LoadMineAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        if (!db.Scope.IsGlobal && wo.AssigneeUserId != db.Scope.UserId)
            throw new RuleException("work_order.not_yours", "这不是您的工单", "This job is not yours");
        return (wo, r);
    }

    private async Task<string> TechnicianNameAsync(WorkOrder wo, Guid userId, string field, CancellationToken ct)
    {
        var techs = await notifier.UsersWithRoleAsync(Roles.Technician, wo.CompanyId, wo.ProjectId, ct);
        if (!techs.Contains(userId)) throw Invalid(field, "该人员不是本项目的维修工", "That person is not a technician of this project");
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.UserName).FirstAsync(ct) ?? "";
    }

    /// <summary>Saves; a concurrent change to the same job (two technicians accepting at once) becomes a clear 409.</summary>
    private async Task SaveRacingAsync(CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleException("work_order.changed_meanwhile", "工单刚被他人处理（如已被接单），请刷新后重试", "Someone else acted on this job just now (e.g. accepted it); reload and try again");
        }
    }

    public sealed record Actor(Guid? Id, string Name);

    private async Task<Actor> ActorAsync(CancellationToken ct)
    {
        var id = db.Scope.UserId;
        if (id is null) return new Actor(null, Loc.T("系统", "System"));
        var name = await userNames.NameAsync(id.Value, ct);
        return new Actor(id, name ?? db.Scope.UserName ?? "");
    }

    /// <summary>
    /// Adds a timeline line. The note is written in both languages (the lambda runs once under
    /// each), so a reader sees it in theirs whoever wrote it.
    /// </summary>
    private void Log(ServiceRequest r, WorkOrder? wo, EventKind kind, Actor actor, Func<string?> note)
    {
        static string? Cut(string? s) => s is { Length: > 500 } ? s[..500] : s;
        var (zh, en) = Loc.Both(note);
        db.Add(new WorkOrderEvent
        {
            CompanyId = r.CompanyId, ProjectId = r.ProjectId, ZoneId = r.ZoneId, UnitId = r.UnitId, ServiceRequestId = r.Id,
            WorkOrderId = wo?.Id, At = Now, ActorUserId = actor.Id, ActorName = actor.Name, Kind = kind,
            Note = Cut(zh), NoteEn = zh == en ? null : Cut(en),
        });
    }

    private static string ClockNote(DateTimeOffset? due, DateTimeOffset now) => due is not { } d ? Loc.T("无时限", "no limit")
        : now <= d ? Loc.T($"按时（时限 {Local(d)}）", $"on time (due {Local(d)})") : Loc.T($"超时（时限 {Local(d)}）", $"late (due {Local(d)})");

    public static string Local(DateTimeOffset? t) => t is { } x ? WorkingTime.ToChina(x).ToString("yyyy-MM-dd HH:mm") : "—";


    private static ValidationException Invalid(string field, string zh, string en) => new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });

    public static string ChannelName(RequestChannel c) => c switch
    {
        RequestChannel.FrontDesk => Loc.T("前台", "Front desk"),
        RequestChannel.Hotline => Loc.T("热线", "Hotline"),
        RequestChannel.MonitoringCenter => Loc.T("监控中心", "Monitoring center"),
        RequestChannel.Patrol => Loc.T("巡查", "Patrol"),
        RequestChannel.OwnerPortal => Loc.T("业主端", "Owner portal"),
        _ => Loc.T("历史导入", "Imported"),
    };

    public static string CategoryName(RequestCategory c) => c switch
    {
        RequestCategory.Plumbing => Loc.T("给排水", "Plumbing"),
        RequestCategory.Electrical => Loc.T("电气", "Electrical"),
        RequestCategory.DoorWindow => Loc.T("门窗", "Doors & windows"),
        RequestCategory.Elevator => Loc.T("电梯", "Elevator"),
        RequestCategory.PublicFacility => Loc.T("公共设施", "Public facility"),
        RequestCategory.Cleaning => Loc.T("保洁", "Cleaning"),
        RequestCategory.Greening => Loc.T("绿化", "Greening"),
        RequestCategory.Security => Loc.T("安防", "Security"),
        _ => Loc.T("其他", "Other"),
    };

    public static string PauseName(PauseKind k) => k == PauseKind.WaitingForOwner ? Loc.T("等待业主", "Waiting for owner") : Loc.T("等待配件", "Waiting for parts");

    public static string StatusName(WorkOrderStatus s) => s switch
    {
        WorkOrderStatus.New => Loc.T("待派单", "To dispatch"),
        WorkOrderStatus.Dispatched => Loc.T("已派单", "Dispatched"),
        WorkOrderStatus.Accepted => Loc.T("已接单", "Accepted"),
        WorkOrderStatus.OnSite => Loc.T("处理中", "On site"),
        WorkOrderStatus.Paused => Loc.T("暂停", "Paused"),
        WorkOrderStatus.Completed => Loc.T("已完工", "Completed"),
        _ => Loc.T("已关闭", "Closed"),
    };

    public static string StatusName(RequestStatus s) => s switch
    {
        RequestStatus.Open => Loc.T("处理中", "In progress"),
        RequestStatus.Completed => Loc.T("待回访", "Awaiting visit"),
        RequestStatus.Closed => Loc.T("已归档", "Archived"),
        _ => Loc.T("已合并", "Merged"),
    };

    public static string EventName(EventKind k) => k switch
    {
        EventKind.Created => Loc.T("登记", "Registered"),
        EventKind.Dispatched => Loc.T("派单", "Dispatched"),
        EventKind.Accepted => Loc.T("接单", "Accepted"),
        EventKind.Declined => Loc.T("拒单", "Declined"),
        EventKind.Transferred => Loc.T("转派", "Transferred"),
        EventKind.Arrived => Loc.T("到场", "Arrived"),
        EventKind.Paused => Loc.T("暂停计时", "Clock paused"),
        EventKind.Resumed => Loc.T("恢复计时", "Clock resumed"),
        EventKind.Completed => Loc.T("完工", "Completed"),
        EventKind.Visited => Loc.T("回访", "Return visit"),
        EventKind.ReworkOpened => Loc.T("返修", "Rework"),
        EventKind.Closed => Loc.T("归档", "Archived"),
        EventKind.Warned => Loc.T("临近超时提醒", "Limit approaching"),
        EventKind.Breached => Loc.T("超时上报", "Limit breached"),
        EventKind.Merged => Loc.T("合并", "Merged"),
        EventKind.Rated => Loc.T("评价", "Rated"),
        _ => Loc.T("导入", "Imported"),
    };

    internal static WorkOrderStatus[] OpenStatuses => Open;
}
