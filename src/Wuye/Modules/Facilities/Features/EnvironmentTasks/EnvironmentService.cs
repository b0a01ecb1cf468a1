using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnvironmentTasks;

internal sealed record EnvironmentZoneInput(
    Guid? ProjectId,
    string? Name,
    EnvironmentWork? Work,
    Guid? ZoneId,
    Guid? TeamId,
    Guid? ResponsibleUserId
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "责任区名称", "Zone name")
            .MaxLength("name", Name, 100, "责任区名称", "Zone name")
            .Required("work", Work, "作业类型", "Kind of work");
}

internal sealed record EnvironmentScheduleInput(
    Guid? EnvironmentZoneId,
    string? Name,
    EnvironmentWork? Work,
    string? Rule,
    DateOnly? StartsOn,
    int? TimesPerDay,
    bool? SkipNonWorkingDays,
    bool? PhotoRequired
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("environmentZoneId", EnvironmentZoneId, "责任区", "Zone")
            .Required("name", Name, "作业名称", "Work name")
            .MaxLength("name", Name, 100, "作业名称", "Work name")
            .Required("rule", Rule, "重复规则", "Recurrence rule")
            .MaxLength("rule", Rule, 300, "重复规则", "Recurrence rule")
            .Range("timesPerDay", TimesPerDay, 1, 4, "每天次数", "Times per day");
        if (!string.IsNullOrWhiteSpace(Rule) && Recurrence.Problem(Rule) is { } p)
            v.Add("rule", p.Zh, p.En);
    }
}

internal sealed record EnvironmentDoneInput(Guid? PhotoId, string? Note) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("note", Note, 500, "备注", "Note");
}

internal sealed record SpotCheckInput(bool? Passed, Guid? FindingId, string? Note) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("passed", Passed, "抽查结果", "Result").MaxLength("note", Note, 500, "抽查说明", "Note");
}

internal sealed record EnvironmentZoneDto(
    Guid Id,
    Guid ProjectId,
    Guid? ZoneId,
    string Name,
    EnvironmentWork Work,
    Guid? TeamId,
    string? TeamName,
    Guid? VendorId,
    Guid? ResponsibleUserId,
    string? ResponsibleName
);

internal sealed record EnvironmentScheduleDto(
    Guid Id,
    Guid ProjectId,
    Guid EnvironmentZoneId,
    string Name,
    EnvironmentWork Work,
    string Rule,
    DateOnly StartsOn,
    int TimesPerDay,
    bool SkipNonWorkingDays,
    bool PhotoRequired,
    DateOnly? GeneratedThrough
);

internal sealed record EnvironmentTaskDto(
    Guid Id,
    Guid ProjectId,
    Guid EnvironmentZoneId,
    string ZoneName,
    string Name,
    EnvironmentWork Work,
    DateOnly DueOn,
    int Round,
    int Rounds,
    Guid? AssigneeUserId,
    bool PhotoRequired,
    EnvironmentTaskStatus Status,
    bool Overdue,
    DateTimeOffset? DoneAt,
    string? DoneByName,
    string? PhotoUrl,
    string? Note,
    DateTimeOffset? CheckedAt,
    string? CheckedByName,
    bool? CheckPassed,
    string? CheckNote,
    Guid? FindingId
);

/// <summary>
/// Cleaning and greening (001 ch.2.2, 2.4): responsibility zones with their team (own or a vendor's) and person, schedules on the
/// maintenance plans' recurrence engine generating tasks, tasks done on a phone with a photo, spot checks linked to QPI findings.
/// </summary>
internal sealed class EnvironmentService(WuyeDb db, TimeProvider clock, EnvironmentTaskGenerator generator)
{
    public static EnvironmentZoneDto ToDto(EnvironmentZone z, string? responsible) =>
        new(z.Id, z.ProjectId, z.ZoneId, z.Name, z.Work, z.TeamId, z.TeamName, z.VendorId, z.ResponsibleUserId, responsible);

    public static EnvironmentScheduleDto ToDto(EnvironmentSchedule s) =>
        new(
            s.Id,
            s.ProjectId,
            s.EnvironmentZoneId,
            s.Name,
            s.Work,
            s.Rule,
            s.StartsOn,
            s.TimesPerDay,
            s.SkipNonWorkingDays,
            s.PhotoRequired,
            s.GeneratedThrough
        );

    public static EnvironmentTaskDto ToDto(EnvironmentTask t, DateOnly today) =>
        new(
            t.Id,
            t.ProjectId,
            t.EnvironmentZoneId,
            t.ZoneName,
            t.Name,
            t.Work,
            t.DueOn,
            t.Round,
            t.Rounds,
            t.AssigneeUserId,
            t.PhotoRequired,
            t.Status,
            t.IsOverdue(today),
            t.DoneAt,
            t.DoneByName,
            t.PhotoId is { } p ? $"/api/v1/files/{p}" : null,
            t.Note,
            t.CheckedAt,
            t.CheckedByName,
            t.CheckPassed,
            t.CheckNote,
            t.FindingId
        );

    public async Task<List<EnvironmentZoneDto>> ZonesAsync(IQueryable<EnvironmentZone> query, CancellationToken ct)
    {
        var zones = await query.AsNoTracking().ToListAsync(ct);
        var people = zones.Where(z => z.ResponsibleUserId != null).Select(z => z.ResponsibleUserId!.Value).Distinct().ToList();
        var names = await db
            .Users.AsNoTracking()
            .Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? "", ct);
        return [.. zones.Select(z => ToDto(z, z.ResponsibleUserId is { } u ? names.GetValueOrDefault(u) : null))];
    }

    public async Task<EnvironmentZoneDto> CreateZoneAsync(EnvironmentZoneInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var (team, responsible) = await ZonePeopleAsync(
            project.CompanyId,
            project.Id,
            body.ZoneId,
            body.TeamId,
            body.ResponsibleUserId,
            ct
        );
        var name = body.Name!.Trim();
        if (await db.Set<EnvironmentZone>().AnyAsync(z => z.ProjectId == project.Id && z.Name == name, ct))
            throw new RuleException(
                "environment_zone.duplicate_name",
                $"该项目已有责任区“{name}”",
                $"The project already has a zone \"{name}\""
            );
        var zone = new EnvironmentZone
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            ZoneId = body.ZoneId,
            Name = name,
            Work = body.Work!.Value,
            TeamId = team?.Id,
            TeamName = team?.Name,
            VendorId = team?.VendorId,
            ResponsibleUserId = responsible,
        };
        db.Add(zone);
        await db.SaveChangesAsync(ct);
        return (await ZonesAsync(db.Set<EnvironmentZone>().Where(z => z.Id == zone.Id), ct))[0];
    }

    /// <summary>
    /// A zone's people checked against its project, field by field (the master-data zone, the team, the responsible person), and
    /// who receives its tasks: the named person, else the team leader's account (if the leader has one). Creating and editing a
    /// zone both use it.
    /// </summary>
    internal async Task<(TeamRef? Team, Guid? Responsible)> ZonePeopleAsync(
        Guid companyId,
        Guid projectId,
        Guid? zoneId,
        Guid? teamId,
        Guid? responsibleUserId,
        CancellationToken ct
    )
    {
        var v = new Validator();
        if (zoneId is { } z && !await db.ZoneRefs().AnyAsync(x => x.Id == z && x.ProjectId == projectId && x.ArchivedAt == null, ct))
            v.Add("zoneId", "本项目没有这个片区", "No such zone in this project");
        TeamRef? team = null;
        if (teamId is { } t)
        {
            team = await db.TeamRefs()
                .AsNoTracking()
                .FirstOrDefaultAsync(x => x.Id == t && x.CompanyId == companyId && (x.ProjectId == null || x.ProjectId == projectId), ct);
            if (team is null || team.ArchivedAt is not null)
                v.Add("teamId", "本项目没有这个班组", "No such team on this project");
        }
        if (
            responsibleUserId is { } user
            && !await db.RoleAssignments.AnyAsync(
                a => a.UserId == user && (a.ProjectId == projectId || (a.ProjectId == null && a.CompanyId == companyId)),
                ct
            )
        )
            v.Add("responsibleUserId", "负责人不在本项目", "The responsible person does not work on this project");
        v.ThrowIfAny();
        var responsible = responsibleUserId
            ?? (
                team is null
                    ? null
                    : await db.StaffRefs()
                        .Where(s => s.TeamId == team.Id && s.IsLeader && s.UserId != null && s.ArchivedAt == null)
                        .OrderBy(s => s.Id)
                        .Select(s => s.UserId)
                        .FirstOrDefaultAsync(ct)
            );
        return (team, responsible);
    }

    public async Task<EnvironmentScheduleDto> CreateScheduleAsync(EnvironmentScheduleInput body, CancellationToken ct)
    {
        var zone = await db.Set<EnvironmentZone>()
            .AsNoTracking()
            .FirstOrDefaultAsync(z => z.Id == body.EnvironmentZoneId && z.ArchivedAt == null, ct)
            ?? throw ValidationException.For("environmentZoneId", "责任区不存在", "Zone not found");
        var name = body.Name!.Trim();
        if (await db.Set<EnvironmentSchedule>().AnyAsync(s => s.EnvironmentZoneId == zone.Id && s.Name == name, ct))
            throw new RuleException("environment_schedule.duplicate_name", $"该责任区已有作业“{name}”", $"The zone already has \"{name}\"");
        var schedule = EnvironmentSchedule.Create(
            zone,
            name,
            body.Work ?? zone.Work,
            body.Rule!,
            body.StartsOn ?? ChinaTime.Today(clock),
            body.TimesPerDay ?? 1,
            body.SkipNonWorkingDays ?? false,
            body.PhotoRequired ?? true
        );
        db.Add(schedule);
        await db.SaveChangesAsync(ct);
        await generator.GenerateAsync(schedule.Id, ct);
        return ToDto(await db.Set<EnvironmentSchedule>().AsNoTracking().FirstAsync(s => s.Id == schedule.Id, ct));
    }

    public async Task<EnvironmentTaskDto> TaskAsync(Guid id, CancellationToken ct) =>
        ToDto(
            await db.Set<EnvironmentTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct)
                ?? throw new NotFoundException("environment task"),
            ChinaTime.Today(clock)
        );

    public async Task<EnvironmentTaskDto> CompleteAsync(Guid id, EnvironmentDoneInput body, CancellationToken ct)
    {
        var task = await db.Set<EnvironmentTask>().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("environment task");
        if (body.PhotoId is { } photo && !await db.Set<StoredFile>().AnyAsync(f => f.Id == photo && f.ProjectId == task.ProjectId, ct))
            throw ValidationException.For("photoId", "照片不存在或不属于本项目", "The photo was not found in this project");
        var (user, name) = await MeAsync(ct);
        task.Complete(body.PhotoId, body.Note, user, name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(task, ChinaTime.Today(clock));
    }

    public async Task<EnvironmentTaskDto> SpotCheckAsync(Guid id, SpotCheckInput body, CancellationToken ct)
    {
        var task = await db.Set<EnvironmentTask>().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new NotFoundException("environment task");
        if (
            body.FindingId is { } finding
            && !await db.DeductionFindings().AnyAsync(f => f.Id == finding && f.ProjectId == task.ProjectId, ct)
        )
            throw ValidationException.For("findingId", "本项目没有这条品质扣分项", "No such QPI finding in this project");
        var (user, name) = await MeAsync(ct);
        task.SpotCheck(body.Passed!.Value, body.FindingId, body.Note, user, name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return ToDto(task, ChinaTime.Today(clock));
    }

    /// <summary>Who did the task (a spot check is never of one's own work).</summary>
    public Task<Guid?> DoneByAsync(Guid id, CancellationToken ct) =>
        db.Set<EnvironmentTask>().Where(t => t.Id == id).Select(t => t.DoneByUserId).FirstOrDefaultAsync(ct);

    /// <summary>The QPI deduction findings of a project a failed spot check may link, latest first.</summary>
    public Task<List<DeductionFindingRef>> FindingsAsync(Guid projectId, CancellationToken ct)
    {
        var since = ChinaTime.Today(clock).AddDays(-60);
        return db.DeductionFindings()
            .Where(f => f.ProjectId == projectId && f.FoundOn >= since)
            .OrderByDescending(f => f.FoundOn)
            .ThenBy(f => f.Id)
            .Take(30)
            .ToListAsync(ct);
    }

    private async Task<(Guid, string)> MeAsync(CancellationToken ct)
    {
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        return (user, name);
    }
}
