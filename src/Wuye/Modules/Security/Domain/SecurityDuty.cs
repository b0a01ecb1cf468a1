using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>What a security duty is (001 ch.2.1: 监控、消防).</summary>
internal enum DutyKind
{
    /// <summary>CCTV footage kept for at least the set number of days: a daily check of the oldest recording's date.</summary>
    CctvRetention,

    /// <summary>The fire equipment checked (extinguishers, hydrants, alarms): recorded here or as a fire-system maintenance task.</summary>
    FireEquipmentCheck,

    /// <summary>A fire drill, every half year: read from the drills completed in Emergencies.</summary>
    FireDrill,
}

/// <summary>
/// 安保职责 as a record, not a line of text (001): a duty of a project with its schedule — every <see cref="EveryDays"/> days from
/// <see cref="StartsOn"/>. Its next due date follows the last time it was done; a duty past its due date is overdue, flagged on the
/// supervisor's home page and told to them once per due date (<see cref="AlertedDueOn"/>).
/// </summary>
internal sealed class SecurityDuty : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public DutyKind Kind { get; set; }
    public int EveryDays { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly? AlertedDueOn { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public static int DefaultEvery(DutyKind k) =>
        k switch
        {
            DutyKind.CctvRetention => 1,
            DutyKind.FireEquipmentCheck => 30,
            _ => 182,
        };

    /// <summary>The day it is next due: its start until first done, then the last time done plus its interval.</summary>
    public DateOnly DueOn(DateOnly? lastDone) => lastDone is { } d ? d.AddDays(EveryDays) : StartsOn;

    /// <summary>Overdue once the due day has passed (a daily check not done yesterday is overdue today).</summary>
    public bool Overdue(DateOnly? lastDone, DateOnly today) => today > DueOn(lastDone);

    /// <summary>Whether it is done by records of this module (the drill is read from Emergencies).</summary>
    public bool RecordedHere => Kind != DutyKind.FireDrill;
}

/// <summary>
/// One time a duty was done: the day, for CCTV the date of the oldest recording still kept (fewer than the set days kept is a
/// finding), for fire equipment whether anything was wrong; who recorded it and when. Once per duty and day.
/// </summary>
internal sealed class DutyCheck : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SecurityDutyId { get; set; }
    public DateOnly Day { get; set; }
    public DateOnly? OldestRecordingOn { get; set; }
    public int? RetainedDays { get; set; }
    public bool Finding { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public required string RecordedByName { get; set; }

    public static DutyCheck Record(
        SecurityDuty duty,
        DateOnly day,
        DateOnly? oldestRecordingOn,
        bool finding,
        string? note,
        int minRetentionDays,
        Guid by,
        string byName,
        DateTimeOffset now
    )
    {
        if (!duty.RecordedHere)
            throw new RuleException(
                "security_duty.recorded_elsewhere",
                "消防演练在“应急预案 → 演练”中记录完成",
                "A fire drill is recorded as completed in Emergencies (drills)"
            );
        if (duty.ArchivedAt is not null)
            throw new RuleException("security_duty.archived", "该职责已停用", "The duty is archived");
        int? kept = null;
        if (duty.Kind == DutyKind.CctvRetention)
        {
            if (oldestRecordingOn is not { } oldest)
                throw ValidationException.For("oldestRecordingOn", "请填写最早录像日期", "The oldest recording's date is required");
            if (oldest > day)
                throw ValidationException.For(
                    "oldestRecordingOn",
                    "最早录像日期不能晚于检查日期",
                    "The oldest recording is after the check day"
                );
            kept = day.DayNumber - oldest.DayNumber;
            finding = kept < minRetentionDays;
        }
        if (finding && duty.Kind != DutyKind.CctvRetention && string.IsNullOrWhiteSpace(note))
            throw ValidationException.For("note", "有问题时请写明情况", "Say what was wrong");
        return new()
        {
            CompanyId = duty.CompanyId,
            ProjectId = duty.ProjectId,
            SecurityDutyId = duty.Id,
            Day = day,
            OldestRecordingOn = duty.Kind == DutyKind.CctvRetention ? oldestRecordingOn : null,
            RetainedDays = kept,
            Finding = finding,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RecordedAt = now.ToUniversalTime(),
            RecordedBy = by,
            RecordedByName = byName,
        };
    }
}
