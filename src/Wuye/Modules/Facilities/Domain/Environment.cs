using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>What an environment schedule's work is (001 ch.2.2 保洁, ch.2.4 绿化; 000#26 消杀).</summary>
internal enum EnvironmentWork
{
    Cleaning,
    Greening,
    PestControl,
}

/// <summary>
/// 环境责任区 (000#21): a stretch of the project (a lobby, the garage, the lawns) that one team keeps, the project's own or a vendor's
/// (<see cref="VendorId"/> is the team's vendor, kept so the vendor's records add up), with the person who receives its tasks.
/// <see cref="ZoneId"/> is the master-data zone (片区) it lies in, so the zone's steward sees it.
/// </summary>
internal sealed class EnvironmentZone : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public required string Name { get; set; }
    public EnvironmentWork Work { get; set; }
    public Guid? TeamId { get; set; }
    public string? TeamName { get; set; }
    public Guid? VendorId { get; set; }
    public Guid? ResponsibleUserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>
/// 作业计划: what is done in a zone and how often, as an iCalendar RRULE expanded by the same engine as the maintenance plans
/// (<see cref="Recurrence"/>); <see cref="TimesPerDay"/> rounds on each due day (elevator cars twice a day). Each due day's rounds
/// become tasks once (<see cref="GeneratedThrough"/> and the unique key).
/// </summary>
internal sealed class EnvironmentSchedule : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid EnvironmentZoneId { get; set; }
    public required string Name { get; set; }
    public EnvironmentWork Work { get; set; }
    public required string Rule { get; set; }
    public DateOnly StartsOn { get; set; }
    public int TimesPerDay { get; set; } = 1;
    public bool SkipNonWorkingDays { get; set; }
    public bool PhotoRequired { get; set; } = true;
    public DateOnly? GeneratedThrough { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public static EnvironmentSchedule Create(
        EnvironmentZone zone,
        string name,
        EnvironmentWork work,
        string rule,
        DateOnly startsOn,
        int timesPerDay,
        bool skipNonWorkingDays,
        bool photoRequired
    )
    {
        if (Recurrence.Problem(rule) is { } p)
            throw ValidationException.For("rule", p.Zh, p.En);
        if (timesPerDay is < 1 or > 4)
            throw ValidationException.For("timesPerDay", "每天次数应在 1–4 之间", "Times per day must be 1–4");
        return new EnvironmentSchedule
        {
            CompanyId = zone.CompanyId,
            ProjectId = zone.ProjectId,
            ZoneId = zone.ZoneId,
            EnvironmentZoneId = zone.Id,
            Name = name.Trim(),
            Work = work,
            Rule = rule.Trim(),
            StartsOn = startsOn,
            TimesPerDay = timesPerDay,
            SkipNonWorkingDays = skipNonWorkingDays,
            PhotoRequired = photoRequired,
        };
    }

    /// <summary>
    /// A new rule, rounds, name, work or photo rule: only days not generated yet (after <see cref="GeneratedThrough"/>) follow it;
    /// tasks already made keep what they were made with.
    /// </summary>
    public void Edit(string name, EnvironmentWork work, string rule, int timesPerDay, bool skipNonWorkingDays, bool photoRequired)
    {
        if (ArchivedAt is not null)
            throw new RuleException("environment_schedule.archived", "该作业计划已归档", "The schedule is archived");
        if (Recurrence.Problem(rule) is { } p)
            throw ValidationException.For("rule", p.Zh, p.En);
        if (timesPerDay is < 1 or > 4)
            throw ValidationException.For("timesPerDay", "每天次数应在 1–4 之间", "Times per day must be 1–4");
        Name = name.Trim();
        Work = work;
        Rule = rule.Trim();
        TimesPerDay = timesPerDay;
        SkipNonWorkingDays = skipNonWorkingDays;
        PhotoRequired = photoRequired;
    }

    /// <summary>Archived once: no task is generated from it any more; tasks already made stay.</summary>
    public void Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
            throw new RuleException("environment_schedule.archived", "该作业计划已归档", "The schedule is archived");
        ArchivedAt = now.ToUniversalTime();
    }

    /// <summary>Due dates in [<paramref name="from"/>, <paramref name="to"/>], by the maintenance plans' engine.</summary>
    public IEnumerable<DateOnly> DueDates(DateOnly from, DateOnly to, Func<DateOnly, bool>? isWorkingDay) =>
        Recurrence.Due(Rule, StartsOn, SkipNonWorkingDays, from, to, isWorkingDay);

    /// <summary>The tasks of one due day (one per round), for the zone's team and person as they are now.</summary>
    public IEnumerable<EnvironmentTask> TasksOn(DateOnly due, EnvironmentZone zone) =>
        Enumerable
            .Range(1, TimesPerDay)
            .Select(round => new EnvironmentTask
            {
                CompanyId = CompanyId,
                ProjectId = ProjectId,
                ZoneId = ZoneId,
                EnvironmentZoneId = EnvironmentZoneId,
                EnvironmentScheduleId = Id,
                VendorId = zone.VendorId,
                Name = Name,
                ZoneName = zone.Name,
                Work = Work,
                DueOn = due,
                Round = round,
                Rounds = TimesPerDay,
                AssigneeUserId = zone.ResponsibleUserId,
                PhotoRequired = PhotoRequired,
            });
}

internal enum EnvironmentTaskStatus
{
    Open,
    Done,
}

/// <summary>
/// 环境作业任务: one round of a schedule on one day (unique on schedule, day and round). Done once on a phone, with a photo when the
/// schedule asks; a supervisor may then spot-check it once (抽查): a failed check says why and may link the QPI deduction finding
/// it gave rise to.
/// </summary>
internal sealed class EnvironmentTask : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid EnvironmentZoneId { get; set; }
    public Guid EnvironmentScheduleId { get; set; }
    public Guid? VendorId { get; set; }
    public required string Name { get; set; }
    public required string ZoneName { get; set; }
    public EnvironmentWork Work { get; set; }
    public DateOnly DueOn { get; set; }
    public int Round { get; set; } = 1;
    public int Rounds { get; set; } = 1;
    public Guid? AssigneeUserId { get; set; }
    public bool PhotoRequired { get; set; }
    public EnvironmentTaskStatus Status { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneByUserId { get; set; }
    public string? DoneByName { get; set; }
    public Guid? PhotoId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public string? CheckedByName { get; set; }
    public bool? CheckPassed { get; set; }
    public string? CheckNote { get; set; }
    public Guid? FindingId { get; set; }

    public bool IsOverdue(DateOnly today) => Status == EnvironmentTaskStatus.Open && DueOn < today;

    /// <summary>Done, once, with its photo when the schedule asks for one.</summary>
    public void Complete(Guid? photoId, string? note, Guid userId, string userName, DateTimeOffset now)
    {
        if (Status == EnvironmentTaskStatus.Done)
            throw new RuleException("environment_task.done", "该任务已完成", "The task is already done");
        if (PhotoRequired && photoId is null)
            throw ValidationException.For("photoId", "请拍照上传作业完成情况", "Take a photo of the finished work");
        Status = EnvironmentTaskStatus.Done;
        DoneAt = now.ToUniversalTime();
        DoneByUserId = userId;
        DoneByName = userName;
        PhotoId = photoId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>A supervisor's spot check of done work, once, never by the one who did it; a failed check says why.</summary>
    public void SpotCheck(bool passed, Guid? findingId, string? note, Guid userId, string userName, DateTimeOffset now)
    {
        if (Status != EnvironmentTaskStatus.Done)
            throw new RuleException("environment_task.not_done", "任务完成后才能抽查", "Only done work can be spot-checked");
        if (CheckedAt is not null)
            throw new RuleException("environment_task.checked", "该任务已抽查", "The task has already been spot-checked");
        if (DoneByUserId == userId)
            throw new RuleException("environment_task.own_work", "不能抽查自己完成的任务", "Nobody spot-checks their own work");
        if (!passed && string.IsNullOrWhiteSpace(note) && findingId is null)
            throw ValidationException.For("note", "抽查不合格请写明问题或关联品质扣分项", "Say what was wrong, or link the QPI finding");
        CheckedAt = now.ToUniversalTime();
        CheckedByName = userName;
        CheckPassed = passed;
        CheckNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        FindingId = findingId;
    }
}
