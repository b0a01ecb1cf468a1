using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>
/// 外包方月度例会 (000#18): one per project and month (<see cref="Month"/> is the first day of the month it was held in), with the
/// vendors present and the actions agreed (<see cref="VendorMeetingAction"/>).
/// </summary>
internal sealed class VendorMeeting : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly Month { get; set; }
    public DateOnly HeldOn { get; set; }
    public Guid[] VendorIds { get; set; } = [];
    public string? Minutes { get; set; }
    public Guid RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>A meeting held on a day not in the future, with at least one vendor present.</summary>
    public static VendorMeeting Create(
        Guid companyId,
        Guid projectId,
        DateOnly heldOn,
        IReadOnlyCollection<Guid> vendorIds,
        string? minutes,
        Guid userId,
        string userName,
        DateOnly today
    )
    {
        var v = new Validator();
        if (heldOn > today)
            v.Add("heldOn", "例会日期不能晚于今天", "The meeting cannot be held in the future");
        if (vendorIds.Count == 0)
            v.Add("vendorIds", "请选择出席的外包单位", "Choose the vendors present");
        v.ThrowIfAny();
        return new VendorMeeting
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Month = MonthOf(heldOn),
            HeldOn = heldOn,
            VendorIds = [.. vendorIds.Distinct()],
            Minutes = string.IsNullOrWhiteSpace(minutes) ? null : minutes.Trim(),
            RecordedByUserId = userId,
            RecordedByName = userName,
        };
    }

    /// <summary>An action agreed at the meeting: for a vendor present, owned by a person, due on or after the meeting.</summary>
    /// <param name="field">The input's field prefix, so that an action's error names its row (<c>actions[1].</c>).</param>
    public VendorMeetingAction AddAction(
        Guid vendorId,
        string vendorName,
        string what,
        Guid ownerUserId,
        string ownerName,
        DateOnly dueOn,
        string field = ""
    )
    {
        var v = new Validator();
        if (!VendorIds.Contains(vendorId))
            v.Add(field + "vendorId", "该外包单位未出席本次例会", "That vendor was not at the meeting");
        if (string.IsNullOrWhiteSpace(what))
            v.Add(field + "what", "请填写措施内容", "Say what is to be done");
        if (dueOn < HeldOn)
            v.Add(field + "dueOn", "完成期限不能早于例会日期", "The due date cannot be before the meeting");
        v.ThrowIfAny();
        return new VendorMeetingAction
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            VendorMeetingId = Id,
            VendorId = vendorId,
            VendorName = vendorName,
            What = what.Trim(),
            OwnerUserId = ownerUserId,
            OwnerName = ownerName,
            DueOn = dueOn,
        };
    }
}

/// <summary>
/// 例会措施: what a vendor is to do, the person of ours who follows it and the day it is due; done once, with a note saying what
/// was done. Open past its due day it is overdue (the owner's home to-do list, the vendor's scorecard).
/// </summary>
internal sealed class VendorMeetingAction : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid VendorMeetingId { get; set; }
    public Guid VendorId { get; set; }
    public required string VendorName { get; set; }
    public required string What { get; set; }
    public Guid OwnerUserId { get; set; }
    public required string OwnerName { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneNote { get; set; }
    public string? DoneByName { get; set; }

    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;

    /// <summary>Followed to done, once, with a note of what was done.</summary>
    public void Close(string? note, string userName, DateTimeOffset now)
    {
        if (DoneAt is not null)
            throw new RuleException("vendor_meeting_action.done", "该措施已完成", "The action is already done");
        if (string.IsNullOrWhiteSpace(note))
            throw ValidationException.For("note", "请写明完成情况", "Say what was done");
        DoneAt = now.ToUniversalTime();
        DoneNote = note.Trim();
        DoneByName = userName;
    }
}
