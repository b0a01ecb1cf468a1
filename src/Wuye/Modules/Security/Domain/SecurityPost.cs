using System.Globalization;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

internal enum PostKind
{
    Gate,
    CarPark,
    Patrol,
    Lobby,
    Monitoring,
}

/// <summary>A time slot of a day, China time, "HH:mm-HH:mm" (never across midnight).</summary>
internal readonly record struct TimeSlot(TimeOnly From, TimeOnly To)
{
    public override string ToString() => $"{From:HH\\:mm}-{To:HH\\:mm}";

    public (DateTimeOffset From, DateTimeOffset To) On(DateOnly day) =>
        (new(day.ToDateTime(From), ChinaTime.Offset), new(day.ToDateTime(To), ChinaTime.Offset));

    public static bool TryParse(string? text, out TimeSlot slot)
    {
        slot = default;
        var parts = (text ?? "").Split('-', 2, StringSplitOptions.TrimEntries);
        if (
            parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            || to <= from
        )
            return false;
        slot = new(from, to);
        return true;
    }

    /// <summary>Slots stored as "06:00-07:30,11:00-12:00".</summary>
    public static List<TimeSlot> ParseList(string? stored) =>
        [
            .. (stored ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => TryParse(s, out var slot) ? slot : (TimeSlot?)null)
                .OfType<TimeSlot>()
                .OrderBy(s => s.From),
        ];

    public static string Join(IEnumerable<TimeSlot> slots) => string.Join(",", slots.OrderBy(s => s.From));
}

/// <summary>
/// 岗位: a gate, car park, patrol, lobby or monitoring post of a project. <see cref="PeakSlots"/> makes it a fixed post staffed only
/// at peak hours (000#1); in <see cref="DoubleSlots"/> it needs two guards at once (万科#17: construction-site gates).
/// </summary>
internal sealed class SecurityPost : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public PostKind Kind { get; set; }
    public string PeakSlots { get; set; } = "";
    public string DoubleSlots { get; set; } = "";
    public DateTimeOffset? ArchivedAt { get; set; }

    public static SecurityPost Create(
        Guid companyId,
        Guid projectId,
        string name,
        PostKind kind,
        IList<TimeSlot> peak,
        IList<TimeSlot> doubles
    )
    {
        for (var i = 1; i < doubles.Count; i++)
            if (doubles[i].From < doubles[i - 1].To)
                throw ValidationException.For($"doubleSlots[{i}]", "双岗时段不能重叠", "Double-post slots must not overlap");
        for (var i = 1; i < peak.Count; i++)
            if (peak[i].From < peak[i - 1].To)
                throw ValidationException.For($"peakSlots[{i}]", "高峰时段不能重叠", "Peak slots must not overlap");
        return new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            Kind = kind,
            PeakSlots = TimeSlot.Join(peak),
            DoubleSlots = TimeSlot.Join(doubles),
        };
    }
}

/// <summary>班次: a project's shift, China time; a shift ending at or before its start ends the next day (夜班 19:00–07:00).</summary>
internal sealed class GuardShift : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }

    public (DateTimeOffset From, DateTimeOffset To) On(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(Starts), ChinaTime.Offset);
        var to = new DateTimeOffset((Ends > Starts ? day : day.AddDays(1)).ToDateTime(Ends), ChinaTime.Offset);
        return (from, to);
    }

    public static GuardShift Create(Guid companyId, Guid projectId, string name, TimeOnly starts, TimeOnly ends)
    {
        if (starts == ends)
            throw ValidationException.For("ends", "下班时间不能等于上班时间", "A shift must end at another time than it starts");
        return new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            Starts = starts,
            Ends = ends,
        };
    }
}

/// <summary>在岗: a person of the staff register on a post for one shift of one day; the window is kept for "who is on now".</summary>
internal sealed class PostAssignment : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SecurityPostId { get; set; }
    public Guid GuardShiftId { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid? UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// Puts a person on a post for a shift of a day. The post, the shift and the person must be of one project; a person already on a
    /// post at an overlapping time (<paramref name="overlapping"/>, found by the caller) is refused.
    /// </summary>
    public static PostAssignment For(
        SecurityPost post,
        GuardShift shift,
        DateOnly day,
        Guid staffId,
        Guid? staffProjectId,
        Guid? userId,
        string name,
        string? overlapping
    )
    {
        if (post.ArchivedAt is not null)
            throw new RuleException("post.archived", "该岗位已停用", "The post is archived");
        if (shift.ProjectId != post.ProjectId)
            throw ValidationException.For("guardShiftId", "该班次不属于本岗位的项目", "The shift is of another project");
        if (staffProjectId != post.ProjectId)
            throw ValidationException.For(
                "staffMemberId",
                "该员工不在本项目的员工名册中",
                "The person is not on this project's staff register"
            );
        if (overlapping is not null)
            throw new RuleException(
                "post_assignment.double_booked",
                $"{name} 在该时段已安排在“{overlapping}”",
                $"{name} is already on \"{overlapping}\" at that time"
            );
        var (from, to) = shift.On(day);
        return new()
        {
            CompanyId = post.CompanyId,
            ProjectId = post.ProjectId,
            SecurityPostId = post.Id,
            GuardShiftId = shift.Id,
            Day = day,
            StartsAt = from.ToUniversalTime(),
            EndsAt = to.ToUniversalTime(),
            StaffMemberId = staffId,
            UserId = userId,
            Name = name,
        };
    }
}
