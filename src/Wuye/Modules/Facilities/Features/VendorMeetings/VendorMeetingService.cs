using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorMeetings;

internal sealed record VendorMeetingActionInput(Guid? VendorId, string? What, Guid? OwnerUserId, DateOnly? DueOn) : IValidatable
{
    public void Validate(Validator v) => Check(v, "");

    public void Check(Validator v, string prefix) =>
        v.Required(prefix + "vendorId", VendorId, "外包单位", "Vendor")
            .Required(prefix + "what", What, "措施内容", "What is to be done")
            .MaxLength(prefix + "what", What, 200, "措施内容", "What is to be done")
            .Required(prefix + "ownerUserId", OwnerUserId, "跟进人", "Owner")
            .Required(prefix + "dueOn", DueOn, "完成期限", "Due date");
}

internal sealed record VendorMeetingInput(
    Guid? ProjectId,
    DateOnly? HeldOn,
    Guid[]? VendorIds,
    string? Minutes,
    VendorMeetingActionInput[]? Actions
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("heldOn", HeldOn, "例会日期", "Meeting date")
            .MaxLength("minutes", Minutes, 1000, "会议纪要", "Minutes");
        if (VendorIds is null || VendorIds.Length == 0)
            v.Add("vendorIds", "请选择出席的外包单位", "Choose the vendors present");
        if (Actions is { Length: > 30 })
            v.Add("actions", "一次最多记录 30 项措施", "At most 30 actions at a time");
        for (var i = 0; i < (Actions?.Length ?? 0); i++)
            Actions![i].Check(v, $"actions[{i}].");
    }
}

internal sealed record ActionDoneInput(string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("note", Note, "完成情况", "What was done").MaxLength("note", Note, 500, "完成情况", "Note");
}

internal sealed record VendorMeetingActionDto(
    Guid Id,
    Guid VendorMeetingId,
    Guid ProjectId,
    Guid VendorId,
    string VendorName,
    string What,
    Guid OwnerUserId,
    string OwnerName,
    DateOnly DueOn,
    bool Overdue,
    DateTimeOffset? DoneAt,
    string? DoneNote,
    string? DoneByName
);

internal sealed record NamedRef(Guid Id, string Name);

internal sealed record VendorMeetingDto(
    Guid Id,
    Guid ProjectId,
    string Month,
    DateOnly HeldOn,
    List<NamedRef> Vendors,
    string? Minutes,
    string RecordedByName,
    List<VendorMeetingActionDto> Actions
);

/// <summary>
/// The vendors' monthly meeting (000#18): recorded once per project and month with the vendors present and the actions agreed (a
/// vendor present, one of our staff at the project to follow it, a due date); actions followed to done with a note.
/// </summary>
internal sealed class VendorMeetingService(WuyeDb db, TimeProvider clock)
{
    public static VendorMeetingActionDto ToDto(VendorMeetingAction a, DateOnly today) =>
        new(
            a.Id,
            a.VendorMeetingId,
            a.ProjectId,
            a.VendorId,
            a.VendorName,
            a.What,
            a.OwnerUserId,
            a.OwnerName,
            a.DueOn,
            a.IsOverdue(today),
            a.DoneAt,
            a.DoneNote,
            a.DoneByName
        );

    /// <summary>Meetings (latest first) with their vendors and actions.</summary>
    public async Task<List<VendorMeetingDto>> MeetingsAsync(IQueryable<VendorMeeting> query, CancellationToken ct)
    {
        var meetings = await query.AsNoTracking().OrderByDescending(m => m.Month).ThenBy(m => m.ProjectId).Take(200).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var actions = (
            await db.Set<VendorMeetingAction>()
                .AsNoTracking()
                .Where(a => ids.Contains(a.VendorMeetingId))
                .OrderBy(a => a.DueOn)
                .ThenBy(a => a.CreatedAt)
                .ThenBy(a => a.Id)
                .ToListAsync(ct)
        ).ToLookup(a => a.VendorMeetingId);
        var vendorIds = meetings.SelectMany(m => m.VendorIds).Distinct().ToList();
        var names = await db.VendorRefs().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var today = ChinaTime.Today(clock);
        return
        [
            .. meetings.Select(m => new VendorMeetingDto(
                m.Id,
                m.ProjectId,
                $"{m.Month:yyyy-MM}",
                m.HeldOn,
                [.. m.VendorIds.Where(names.ContainsKey).Select(v => new NamedRef(v, names[v]))],
                m.Minutes,
                m.RecordedByName,
                [.. actions[m.Id].Select(a => ToDto(a, today))]
            )),
        ];
    }

    public async Task<VendorMeetingDto> MeetingAsync(Guid id, CancellationToken ct) =>
        (await MeetingsAsync(db.Set<VendorMeeting>().Where(m => m.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("vendor meeting");

    /// <summary>Who may follow an action of the project: our staff working there at project or company level (not a zone's steward,
    /// whose grant does not reach the project's records), by name.</summary>
    public async Task<List<NamedRef>> OwnersAsync(Guid projectId, CancellationToken ct)
    {
        var company = await db.ProjectRefs().Where(p => p.Id == projectId).Select(p => p.CompanyId).FirstOrDefaultAsync(ct);
        var users = await db
            .RoleAssignments.Where(a =>
                FacilitiesRoles.Readers.Contains(a.Role)
                && a.ZoneId == null
                && (a.ProjectId == projectId || (a.ProjectId == null && a.CompanyId == company))
            )
            .Select(a => a.UserId)
            .Distinct()
            .ToListAsync(ct);
        return await db
            .Users.Where(u => users.Contains(u.Id))
            .OrderBy(u => u.DisplayName)
            .ThenBy(u => u.Id)
            .Take(300)
            .Select(u => new NamedRef(u.Id, u.DisplayName ?? u.UserName ?? ""))
            .ToListAsync(ct);
    }

    /// <summary>Records the meeting and its actions in one save; a second meeting of the project in the same month is refused on the
    /// date.</summary>
    public async Task<VendorMeetingDto> CreateAsync(VendorMeetingInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var ids = body.VendorIds!.Distinct().ToList();
        var vendors = await db.VendorRefs()
            .Where(v => ids.Contains(v.Id) && v.CompanyId == project.CompanyId && v.ArchivedAt == null)
            .ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        if (vendors.Count != ids.Count)
            throw ValidationException.For("vendorIds", "外包单位不存在或已停用", "A vendor was not found or is archived");
        var month = VendorMeeting.MonthOf(body.HeldOn!.Value);
        if (await db.Set<VendorMeeting>().AnyAsync(m => m.ProjectId == project.Id && m.Month == month, ct))
            throw ValidationException.For(
                "heldOn",
                $"本项目 {month:yyyy-MM} 已有外包例会记录",
                $"The project already has a vendor meeting in {month:yyyy-MM}"
            );
        var (user, name) = await MeAsync(ct);
        var meeting = VendorMeeting.Create(
            project.CompanyId,
            project.Id,
            body.HeldOn.Value,
            ids,
            body.Minutes,
            user,
            name,
            ChinaTime.Today(clock)
        );
        var owners = (await OwnersAsync(project.Id, ct)).ToDictionary(o => o.Id, o => o.Name);
        var v = new Validator();
        var actions = new List<VendorMeetingAction>();
        for (var i = 0; i < (body.Actions?.Length ?? 0); i++)
            if (Action(meeting, body.Actions![i], vendors, owners, $"actions[{i}].", v) is { } a)
                actions.Add(a);
        v.ThrowIfAny();
        db.Add(meeting);
        db.AddRange(actions);
        await db.SaveChangesAsync(ct);
        return await MeetingAsync(meeting.Id, ct);
    }

    /// <summary>An action agreed later for the same meeting.</summary>
    public async Task<VendorMeetingActionDto> AddActionAsync(Guid meetingId, VendorMeetingActionInput body, CancellationToken ct)
    {
        var meeting = await db.Set<VendorMeeting>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId, ct)
            ?? throw new NotFoundException("vendor meeting");
        var vendors = await db.VendorRefs().Where(x => meeting.VendorIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var owners = (await OwnersAsync(meeting.ProjectId, ct)).ToDictionary(o => o.Id, o => o.Name);
        var v = new Validator();
        var action = Action(meeting, body, vendors, owners, "", v);
        v.ThrowIfAny();
        db.Add(action!);
        await db.SaveChangesAsync(ct);
        return ToDto(action!, ChinaTime.Today(clock));
    }

    /// <summary>The action by the meeting's rules, its owner one of the project's staff; every field's error goes to
    /// <paramref name="v"/>.</summary>
    private static VendorMeetingAction? Action(
        VendorMeeting meeting,
        VendorMeetingActionInput a,
        Dictionary<Guid, string> vendors,
        Dictionary<Guid, string> owners,
        string prefix,
        Validator v
    )
    {
        if (!owners.TryGetValue(a.OwnerUserId!.Value, out var owner))
            v.Add(prefix + "ownerUserId", "跟进人不在本项目", "The owner does not work on this project");
        try
        {
            var vendor = vendors.GetValueOrDefault(a.VendorId!.Value) ?? "";
            return meeting.AddAction(a.VendorId.Value, vendor, a.What!, a.OwnerUserId.Value, owner ?? "", a.DueOn!.Value, prefix);
        }
        catch (ValidationException e)
        {
            foreach (var (field, messages) in e.Errors)
            foreach (var m in messages)
                v.Add(field, m, m);
            return null;
        }
    }

    /// <summary>Open and done actions: a vendor's, a person's, only open ones; overdue first, then by due date.</summary>
    public async Task<List<VendorMeetingActionDto>> ActionsAsync(Guid? vendorId, Guid? ownerUserId, bool openOnly, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var list = await db.Set<VendorMeetingAction>()
            .AsNoTracking()
            .Where(a =>
                (vendorId == null || a.VendorId == vendorId)
                && (ownerUserId == null || a.OwnerUserId == ownerUserId)
                && (!openOnly || a.DoneAt == null)
            )
            .OrderBy(a => a.DoneAt != null)
            .ThenBy(a => a.DueOn)
            .ThenBy(a => a.Id)
            .Take(500)
            .ToListAsync(ct);
        return [.. list.Select(a => ToDto(a, today))];
    }

    /// <summary>Done, by its owner or a manager of its project, with a note of what was done.</summary>
    public async Task<VendorMeetingActionDto> CloseAsync(Guid id, ActionDoneInput body, CancellationToken ct)
    {
        var action = await db.Set<VendorMeetingAction>().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException("meeting action");
        if (!MayClose(action.OwnerUserId, action.CompanyId, action.ProjectId))
            throw new ForbiddenException(
                "只有跟进人或项目经理可以关闭该措施",
                "Only the owner or a manager of the project closes the action"
            );
        var (_, name) = await MeAsync(ct);
        action.Close(body.Note, name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(action, ChinaTime.Today(clock));
    }

    public bool MayClose(Guid owner, Guid company, Guid project) =>
        db.Scope.UserId == owner || db.Scope.HasRoleAt(FacilitiesRoles.Planners, company, project, null);

    private async Task<(Guid, string)> MeAsync(CancellationToken ct)
    {
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        return (user, name);
    }
}
