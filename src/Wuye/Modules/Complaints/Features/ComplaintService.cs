using Wuye.Modules.MasterData.Contracts;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features;

/// <summary>
/// The complaint use cases, shared by the API and the pages. Each loads what it needs, checks
/// the rules, changes the record and its timeline, queues notifications and saves once.
/// </summary>
public sealed class ComplaintService(WuyeDb db, TimeProvider clock, Notifier notifier, IServiceRequests serviceRequests, IProjectCalendars calendars, ComplaintDepartments departments, UserNames userNames)
{
    /// <summary>Roles that receive complaints (the receiver becomes the owner of record).</summary>
    public static readonly string[] Receivers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward,
        Roles.Technician, Roles.SecurityGuard, Roles.MonitoringCenter, Roles.Owner];
    /// <summary>Staff who may work on complaints (besides the owner of record, whatever their role).</summary>
    public static readonly string[] Handlers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward,
        Roles.Technician, Roles.SecurityGuard, Roles.MonitoringCenter, Roles.QualityInspector];
    public static readonly string[] Managers = [Roles.ProjectManager, Roles.CompanyManager];
    private static readonly string[] StaffRoles = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward,
        Roles.Technician, Roles.SecurityGuard, Roles.MonitoringCenter, Roles.QualityInspector];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Complaint> CreateAsync(NewComplaint input, CancellationToken ct)
    {
        var now = Now;
        var v = new Validator();
        var unit = await db.UnitRefs().AsNoTracking().Where(u => u.Id == input.UnitId && u.ArchivedAt == null)
            .Select(u => new { u.Id, u.CompanyId, u.ProjectId, u.ZoneId, u.BuildingId }).FirstOrDefaultAsync(ct)
            ?? throw Invalid("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
        var scope = db.Scope;
        var isOwner = scope.Roles is [Roles.Owner];
        var personId = input.PersonId;
        if (isOwner && personId is null)
            personId = await db.PersonRefs().Where(p => p.UserId == scope.UserId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        (string Name, string? Phone, Guid? UserId)? person = null;
        if (personId is { } pid)
        {
            var p = await db.PersonRefs().AsNoTracking().Where(x => x.Id == pid && x.ArchivedAt == null && db.OccupantRefs().Any(o => o.PersonId == x.Id && o.UnitId == unit.Id))
                .Select(x => new { x.Name, x.Phone, x.UserId }).FirstOrDefaultAsync(ct);
            if (p is null) v.Add("personId", "投诉人不是该房屋登记的业主或住户", "The complainant is not a registered owner or resident of this unit");
            else person = (p.Name, p.Phone, p.UserId);
        }
        var name = input.ComplainantName?.Trim() is { Length: > 0 } n ? n : person?.Name;
        if (name is null) v.Add("complainantName", "请填写投诉人，或选择登记的业主", "Give the complainant's name or choose a registered owner");
        var settings = await SettingsAsync(unit.CompanyId, unit.ProjectId, ct);
        var due = input.ReplyDueAt?.ToUniversalTime() ?? await PromiseAsync(unit.CompanyId, unit.ProjectId, now, settings.ReplyDays, ct);
        if (due <= now) v.Add("replyDueAt", "答复承诺时间不能早于现在", "The promised reply time cannot be in the past");
        else if (due > now.AddDays(30)) v.Add("replyDueAt", "答复承诺时间不能超过 30 天", "The promised reply time must be within 30 days");
        var requestIds = (input.ServiceRequestIds ?? []).Distinct().ToArray();
        if (requestIds.Length > 0 && await serviceRequests.CountInProjectAsync(requestIds, unit.ProjectId, ct) != requestIds.Length)
            v.Add("serviceRequestIds", "关联的报事不存在或不属于该项目", "A linked request was not found in this project");
        await departments.CheckAsync(v, unit.CompanyId, input.Departments, [], ct);
        v.ThrowIfAny();

        var actor = await ActorAsync(ct);
        Guid ownerId;
        string ownerName;
        if (isOwner)
        {
            // A complaint from the portal has no staff receiver yet: the project's customer service owns it.
            var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, unit.CompanyId, unit.ProjectId, ct);
            if (desk.Count == 0) desk = await notifier.UsersWithRoleAsync(Roles.ProjectManager, unit.CompanyId, unit.ProjectId, ct);
            if (desk.Count == 0) throw new RuleException("complaint.no_receiver", "该项目没有客服或项目经理，无法受理", "This project has no customer service or manager to take the complaint");
            ownerId = desk.Order().First();
            ownerName = await NameOfAsync(ownerId, ct);
        }
        else (ownerId, ownerName) = (actor.Id, actor.Name);

        var c = new Complaint
        {
            CompanyId = unit.CompanyId, ProjectId = unit.ProjectId, ZoneId = unit.ZoneId, UnitId = unit.Id, BuildingId = unit.BuildingId,
            Number = "TS" + ChinaTime.Now(clock).ToString("yyMMdd") + Random.Shared.Next(0, 0xFFFFFF).ToString("X6"),
            Channel = input.Channel ?? (isOwner ? ComplaintChannel.Portal : ComplaintChannel.FrontDesk),
            Category = input.Category!.Value, Description = input.Description!.Trim(),
            PersonId = personId, ComplainantName = name!, ComplainantPhone = input.ComplainantPhone?.Trim() is { Length: > 0 } ph ? ph : person?.Phone,
            ComplainantUserId = person?.UserId,
            Effective = input.Effective ?? true, IneffectiveReason = input.Effective == false ? input.IneffectiveReason?.Trim() : null,
            Vip = input.Vip ?? false, Major = input.Major, Departments = [.. (input.Departments ?? []).Distinct()], ServiceRequestIds = requestIds,
            ReceivedByUserId = actor.Id, ReceivedByName = actor.Name, OwnerStaffId = ownerId, OwnerStaffName = ownerName,
            ReceivedAt = now, ReceivedMonth = ChinaTime.Month(now), ReplyDueAt = due, Status = ComplaintStatus.Open,
        };
        db.Add(c);
        Log(c, ComplaintEventKind.Received, actor, $"{ChannelName(c.Channel)}；{Loc.T("责任人", "owner")} {ownerName}；{Loc.T("承诺答复", "reply promised by")} {ChinaTime.Text(due)}"
            + (c.Vip ? "；VIP" : "") + (c.Major is { } m ? "；" + MajorName(m) : ""));
        if ((c.Vip || c.Major is not null) && settings.ProjectManagerAfterHours == 0)
            await RaiseAsync(c, 1, actor.Name, Loc.T("VIP/重大投诉即时上报", "VIP or major complaint, reported at once"), ct);
        if (isOwner) await notifier.NotifyAsync([ownerId], c.CompanyId, $"新投诉 {c.Number}", c.Description, $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task ClassifyAsync(Guid id, ClassifyInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        var v = new Validator();
        await departments.CheckAsync(v, c.CompanyId, input.Departments, c.Departments, ct);
        v.ThrowIfAny();
        var wasFlagged = c.Vip || c.Major is not null;
        c.Category = input.Category!.Value;
        c.Effective = input.Effective!.Value;
        c.IneffectiveReason = c.Effective ? null : input.IneffectiveReason?.Trim();
        c.Vip = input.Vip ?? c.Vip;
        c.Major = input.Major;
        c.Departments = [.. (input.Departments ?? []).Distinct()];
        Log(c, ComplaintEventKind.FollowedUp, actor, Loc.T($"重新分类：{CategoryName(c.Category)}，{(c.Effective ? "有效" : "无效：" + c.IneffectiveReason)}", $"reclassified: {CategoryName(c.Category)}, {(c.Effective ? "effective" : "not effective: " + c.IneffectiveReason)}"));
        if (!wasFlagged && (c.Vip || c.Major is not null) && c.Status == ComplaintStatus.Open && c.EscalationLevel < 1
            && (await SettingsAsync(c.CompanyId, c.ProjectId, ct)).ProjectManagerAfterHours == 0)
            await RaiseAsync(c, 1, actor.Name, Loc.T("VIP/重大投诉即时上报", "VIP or major complaint, reported at once"), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task ReassignAsync(Guid id, ReassignInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var scope = db.Scope;
        if (!scope.IsGlobal && !Managers.Any(scope.Roles.Contains))
            throw new ForbiddenException("首问责任制：只有项目经理或公司管理层可以变更投诉责任人", "First-responder ownership: only a project or company manager may change the owner of a complaint");
        if (c.Status == ComplaintStatus.Closed && c.VisitedAt is not null && c.Satisfied == true)
            throw new RuleException("complaint.finished", "投诉已办结，不能变更责任人", "The complaint is finished; its owner cannot change");
        var target = input.OwnerStaffId!.Value;
        var isStaff = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(r => r.UserId == target && r.CompanyId == c.CompanyId && (r.ProjectId == null || r.ProjectId == c.ProjectId) && StaffRoles.Contains(r.Role), ct);
        if (!isStaff) throw Invalid("ownerStaffId", "该人员不是本项目的员工", "That person is not staff of this project");
        if (target == c.OwnerStaffId) throw Invalid("ownerStaffId", "该人员已是责任人", "That person already owns the complaint");
        var actor = await ActorAsync(ct);
        var before = c.OwnerStaffName;
        c.OwnerStaffId = target;
        c.OwnerStaffName = await NameOfAsync(target, ct);
        Log(c, ComplaintEventKind.Reassigned, actor, Loc.T($"{before} → {c.OwnerStaffName}；原因：{input.Reason!.Trim()}", $"{before} → {c.OwnerStaffName}; reason: {input.Reason!.Trim()}"));
        await notifier.NotifyAsync([target], c.CompanyId, $"投诉 {c.Number} 转由您负责", input.Reason!.Trim(), $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task PostponeAsync(Guid id, PostponeInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (c.Status != ComplaintStatus.Open) throw new RuleException("complaint.not_open", "投诉已关闭，不能延期", "The complaint is closed and cannot be postponed");
        if (c.PostponedAt is not null)
            throw new RuleException("complaint.already_postponed", $"该投诉已于 {Local(c.PostponedAt)} 延期过一次，同一件事不得两次推迟答复",
                $"This complaint was already postponed once (on {Local(c.PostponedAt)}); a reply may not be put off twice");
        // A number of working days counts on from the promise already given (or from now, when that has passed).
        var due = input.ReplyDueAt?.ToUniversalTime()
            ?? await PromiseAsync(c.CompanyId, c.ProjectId, c.ReplyDueAt > Now ? c.ReplyDueAt : Now, input.WorkingDays!.Value, ct);
        if (due <= Now) throw Invalid("replyDueAt", "新的答复时间不能早于现在", "The new reply time cannot be in the past");
        if (due <= c.ReplyDueAt) throw Invalid("replyDueAt", "新的答复时间应晚于原承诺时间", "The new reply time must be later than the one promised");
        if (due > c.ReceivedAt.AddDays(30)) throw Invalid("replyDueAt", "延期后不能超过受理后 30 天", "Even postponed, the reply must come within 30 days of receipt");
        var old = c.ReplyDueAt;
        c.ReplyDueAt = due;
        c.PostponedAt = Now;
        c.PostponeReason = input.Reason!.Trim();
        var informed = await InformComplainantAsync(c, $"【物业服务中心】您反映的问题（{c.Number}）因{c.PostponeReason}，答复时间延至 {ChinaTime.Text(due)}，给您带来不便敬请谅解。", ct);
        Log(c, ComplaintEventKind.Postponed, actor, Loc.T($"{Local(old)} → {ChinaTime.Text(due)}；原因：{c.PostponeReason}；{(informed ? "已短信通知投诉人" : "投诉人无手机号，请电话告知")}",
            $"{Local(old)} → {ChinaTime.Text(due)}; reason: {c.PostponeReason}; {(informed ? "complainant told by SMS" : "no mobile number: call the complainant")}"));
        await db.SaveChangesAsync(ct);
    }

    public async Task EscalateAsync(Guid id, NoteInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        if (c.Status != ComplaintStatus.Open) throw new RuleException("complaint.not_open", "投诉已关闭，不能升级", "The complaint is closed and cannot be escalated");
        if (c.EscalationLevel >= 2) throw new RuleException("complaint.escalation_top", "已升级到公司管理层，不能再升级", "Already escalated to company management");
        await RaiseAsync(c, c.EscalationLevel + 1, actor.Name, input.Reason?.Trim() is { Length: > 0 } r ? r : Loc.T("手动升级", "escalated by hand"), ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task FollowUpAsync(Guid id, FollowUpInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (!string.IsNullOrWhiteSpace(input.RootCause)) c.RootCause = input.RootCause.Trim();
        if (!string.IsNullOrWhiteSpace(input.NextStep)) c.NextStep = input.NextStep.Trim();
        Log(c, ComplaintEventKind.FollowedUp, actor, string.Join("；", new[] {
            string.IsNullOrWhiteSpace(input.RootCause) ? null : Loc.T("根源：", "root cause: ") + c.RootCause,
            string.IsNullOrWhiteSpace(input.NextStep) ? null : Loc.T("下一步：", "next step: ") + c.NextStep }.Where(x => x is not null)));
        await db.SaveChangesAsync(ct);
    }

    public async Task LinkAsync(Guid id, LinkInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        var r = (await serviceRequests.DescribeAsync([input.ServiceRequestId!.Value], ct)).FirstOrDefault(x => x.ProjectId == c.ProjectId)
            ?? throw Invalid("serviceRequestId", "报事不存在或不属于该项目", "Request not found in this project");
        if (c.ServiceRequestIds.Contains(r.Id)) throw new RuleException("complaint.already_linked", "已关联该报事", "That request is already linked");
        c.ServiceRequestIds = [.. c.ServiceRequestIds, r.Id];
        Log(c, ComplaintEventKind.Linked, actor, Loc.T($"关联报事 {r.Number}", $"linked request {r.Number}"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Hands the work to engineering as a service request, linked to the complaint; the complaint's owner stays.</summary>
    public async Task<Guid> CreateLinkedRequestAsync(Guid id, LinkedRequestInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (c.Status != ComplaintStatus.Open) throw new RuleException("complaint.not_open", "投诉已关闭", "The complaint is closed");
        // Two saves (the request's own use case, then the link) in one transaction: both or neither.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await serviceRequests.CreateAsync(new CreateServiceRequest(c.UnitId, input.Category, input.Description, c.ComplainantName,
            c.ComplainantPhone is { } p && Validator.IsMobileOrLandline(p) ? p : null), ct);
        c.ServiceRequestIds = [.. c.ServiceRequestIds, request.Id];
        if (!c.Departments.Contains("engineering")) c.Departments = [.. c.Departments, "engineering"];
        Log(c, ComplaintEventKind.Linked, actor, Loc.T($"转工程部处理，报事 {request.Number}", $"handed to engineering as request {request.Number}"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return request.Id;
    }

    public async Task CloseAsync(Guid id, CloseInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (c.Status != ComplaintStatus.Open) throw new RuleException("complaint.not_open", "投诉已关闭", "The complaint is already closed");
        var now = Now;
        c.Status = ComplaintStatus.Closed;
        c.ClosedAt = now;
        c.Resolution = input.Resolution!.Trim();
        if (c.RepliedAt is null)
        {
            c.RepliedAt = now;
            c.RepliedOnTime = now <= c.ReplyDueAt;
        }
        Log(c, ComplaintEventKind.Closed, actor, c.Resolution + (now > c.ReplyDueAt ? Loc.T("（超过承诺时间）", " (after the promised time)") : ""));
        await db.SaveChangesAsync(ct);
    }

    public async Task VisitAsync(Guid id, ComplaintVisitInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (c.Status != ComplaintStatus.Closed) throw new RuleException("complaint.not_closed", "投诉尚未处理完毕，不能回访", "The complaint is not closed yet; visit after closing");
        if (c.VisitedAt is not null) throw new RuleException("complaint.already_visited", "已回访过，不满意请重新处理", "Already visited; reopen it if the complainant is not satisfied");
        c.VisitedAt = Now;
        c.Satisfied = input.Satisfied!.Value;
        c.VisitComment = input.Comment?.Trim();
        Log(c, ComplaintEventKind.Visited, actor, (c.Satisfied == true ? Loc.T("满意", "satisfied") : Loc.T("不满意", "not satisfied")) + (c.VisitComment is { Length: > 0 } m ? "；" + m : ""));
        await db.SaveChangesAsync(ct);
    }

    public async Task ReopenAsync(Guid id, ReopenInput input, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        CheckHandler(c, actor);
        if (c.Status != ComplaintStatus.Closed || c.Satisfied == true)
            throw new RuleException("complaint.not_reopenable", "只有已关闭且投诉人不满意的投诉可以重新处理", "Only a closed complaint whose complainant is not satisfied can be reopened");
        var settings = await SettingsAsync(c.CompanyId, c.ProjectId, ct);
        c.Status = ComplaintStatus.Open;
        c.ReopenCount++;
        c.ClosedAt = null;
        c.VisitedAt = null;
        c.Satisfied = null;
        c.ReplyDueAt = await PromiseAsync(c.CompanyId, c.ProjectId, Now, settings.ReplyDays, ct);
        Log(c, ComplaintEventKind.Reopened, actor, Loc.T($"{input.Reason!.Trim()}；新的答复时间 {Local(c.ReplyDueAt)}", $"{input.Reason!.Trim()}; new reply time {Local(c.ReplyDueAt)}"));
        await notifier.NotifyAsync([c.OwnerStaffId], c.CompanyId, $"投诉 {c.Number} 重新处理", input.Reason!.Trim(), $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Marks the level raised (unique per complaint and level), notes it on the timeline, and tells
    /// the project manager (level 1) or company management (level 2), in-app and by outbox.
    /// The caller saves; a second raise of the same level fails on the unique key.
    /// </summary>
    internal async Task RaiseAsync(Complaint c, int level, string actorName, string reason, CancellationToken ct)
    {
        var now = Now;
        var raised = await db.Set<ComplaintEscalation>().Where(e => e.ComplaintId == c.Id).Select(e => e.Level).ToListAsync(ct);
        for (var l = 1; l <= level; l++)
            if (!raised.Contains(l))
                db.Add(new ComplaintEscalation { CompanyId = c.CompanyId, ProjectId = c.ProjectId, ZoneId = c.ZoneId, UnitId = c.UnitId, ComplaintId = c.Id, Level = l, At = now });
        c.EscalationLevel = Math.Max(c.EscalationLevel, level);
        var to = level >= 2
            ? await notifier.UsersWithRoleAsync(Roles.CompanyManager, c.CompanyId, null, ct)
            : await notifier.UsersWithRoleAsync(Roles.ProjectManager, c.CompanyId, c.ProjectId, ct);
        var who = level >= 2 ? Loc.T("公司管理层", "company management") : Loc.T("项目经理", "the project manager");
        db.Add(new ComplaintEvent
        {
            CompanyId = c.CompanyId, ProjectId = c.ProjectId, ZoneId = c.ZoneId, UnitId = c.UnitId, ComplaintId = c.Id, At = now,
            ActorUserId = db.Scope.UserId, ActorName = actorName, Kind = ComplaintEventKind.Escalated, Note = $"{Loc.T("升级至", "to")} {who}：{reason}",
        });
        var flags = (c.Vip ? "VIP " : "") + (c.Major is { } m ? MajorName(m) + " " : "");
        await notifier.NotifyAsync(to, c.CompanyId, $"{flags}投诉 {c.Number} 已升级", $"{reason}。{c.Description}", $"/complaints/{c.Id}", $"complaint:{c.Id:N}:L{level}", ct);
    }

    private async Task<bool> InformComplainantAsync(Complaint c, string text, CancellationToken ct)
    {
        if (c.ComplainantUserId is { } u) await notifier.NotifyAsync([u], c.CompanyId, $"投诉 {c.Number} 答复延期", text, $"/complaints/{c.Id}", null, ct);
        if (c.ComplainantPhone is not { } phone || !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^1[3-9]\d{9}$")) return c.ComplainantUserId is not null;
        // The complainant need not have an account: the SMS goes to the number they gave.
        var now = Now;
        db.Add(new OutboxMessage
        {
            Channel = NotificationChannel.Sms, CompanyId = c.CompanyId, Address = phone, Title = $"投诉 {c.Number} 答复延期", Body = text,
            DedupeKey = $"complaint:{c.Id:N}:postpone:sms", Status = OutboxStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        });
        return true;
    }

    /// <summary>
    /// The promised reply time <paramref name="workingDays"/> working days after <paramref name="from"/>
    /// on the project's business calendar (seed 002 篇4: 二日内反馈 counts 工作日): one working day is the
    /// calendar's working hours of one day, so a promise given at 16:00 on the Friday before a holiday
    /// falls at 16:00 on the second working day after it, and one given after hours runs from the next opening.
    /// </summary>
    public async Task<DateTimeOffset> PromiseAsync(Guid companyId, Guid projectId, DateTimeOffset from, int workingDays, CancellationToken ct)
    {
        var time = await calendars.ForProjectAsync(companyId, projectId, ct);
        return time.AddWorkingDays(from, workingDays)
            ?? throw new RuleException("complaint.no_working_days", "按本项目的工作日历，答复期限内没有工作日，请检查工作日历",
                "On this project's business calendar there are no working days to reply in; check the calendar");
    }

    /// <summary>The project's settings; read past the caller's scope because an owner's complaint runs on them.</summary>
    public async Task<ComplaintSettings> SettingsAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        await db.Set<ComplaintSettings>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct)
        ?? ComplaintSettings.Defaults(companyId, projectId);

    private void CheckHandler(Complaint c, (Guid Id, string Name) actor)
    {
        var s = db.Scope;
        if (s.IsGlobal || c.OwnerStaffId == actor.Id || s.Roles.Contains(Roles.CustomerService) || Managers.Any(s.Roles.Contains)) return;
        throw new ForbiddenException("只有首问责任人、客服或经理可以处理该投诉", "Only the complaint's owner, customer service or a manager may act on it");
    }

    private async Task<Complaint> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<Complaint>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("complaint");

    private async Task<(Guid Id, string Name)> ActorAsync(CancellationToken ct)
    {
        var id = db.Scope.UserId ?? Guid.Empty;
        return (id, id == Guid.Empty ? "系统" : await NameOfAsync(id, ct));
    }

    private async Task<string> NameOfAsync(Guid userId, CancellationToken ct) => await userNames.NameAsync(userId, ct) ?? "?";

    private void Log(Complaint c, ComplaintEventKind kind, (Guid Id, string Name) actor, string? note) => db.Add(new ComplaintEvent
    {
        CompanyId = c.CompanyId, ProjectId = c.ProjectId, ZoneId = c.ZoneId, UnitId = c.UnitId, ComplaintId = c.Id, At = Now,
        ActorUserId = actor.Id == Guid.Empty ? null : actor.Id, ActorName = actor.Name, Kind = kind, Note = note is { Length: > 1000 } ? note[..1000] : note,
    });

    internal static ValidationException Invalid(string field, string zh, string en) =>
        new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });

    public static string Local(DateTimeOffset? t) => ChinaTime.Text(t);

    public static string ChannelName(ComplaintChannel c) => c switch
    {
        ComplaintChannel.FrontDesk => Loc.T("前台", "Front desk"), ComplaintChannel.Hotline => Loc.T("热线", "Hotline"),
        ComplaintChannel.Portal => Loc.T("业主端", "Owner portal"), ComplaintChannel.Staff => Loc.T("员工转达", "Staff"),
        _ => Loc.T("总经理信箱", "Management mailbox"),
    };

    public static string CategoryName(ComplaintCategory c) => c switch
    {
        ComplaintCategory.Repairs => Loc.T("维修", "Repairs"), ComplaintCategory.Cleaning => Loc.T("保洁", "Cleaning"),
        ComplaintCategory.Security => Loc.T("安全秩序", "Security"), ComplaintCategory.Greening => Loc.T("绿化", "Greening"),
        ComplaintCategory.Parking => Loc.T("停车", "Parking"), ComplaintCategory.Noise => Loc.T("噪音", "Noise"),
        ComplaintCategory.Fees => Loc.T("收费", "Fees"), ComplaintCategory.StaffAttitude => Loc.T("服务态度", "Staff attitude"),
        ComplaintCategory.Renovation => Loc.T("装修管理", "Renovation"), ComplaintCategory.Facilities => Loc.T("公共设施", "Facilities"),
        _ => Loc.T("其他", "Other"),
    };

    public static string MajorName(MajorKind m) => m switch
    {
        MajorKind.Group => Loc.T("群诉", "Group complaint"), MajorKind.Safety => Loc.T("安全事件", "Safety"), _ => Loc.T("媒体关注", "Media"),
    };

    public static string StatusName(ComplaintStatus s) => s == ComplaintStatus.Open ? Loc.T("处理中", "Open") : Loc.T("已关闭", "Closed");

    public static string EventName(ComplaintEventKind k) => k switch
    {
        ComplaintEventKind.Received => Loc.T("受理", "Received"), ComplaintEventKind.Linked => Loc.T("关联报事", "Linked"),
        ComplaintEventKind.Reassigned => Loc.T("变更责任人", "Owner changed"), ComplaintEventKind.Postponed => Loc.T("延期答复", "Postponed"),
        ComplaintEventKind.Escalated => Loc.T("升级", "Escalated"), ComplaintEventKind.FollowedUp => Loc.T("跟进", "Followed up"),
        ComplaintEventKind.Closed => Loc.T("处理完毕", "Closed"), ComplaintEventKind.Visited => Loc.T("回访", "Visited"),
        _ => Loc.T("重新处理", "Reopened"),
    };
}
