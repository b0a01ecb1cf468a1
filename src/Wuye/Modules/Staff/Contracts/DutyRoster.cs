namespace Wuye.Modules.Staff.Contracts;

/// <summary>A person on duty at a moment: on which post and shift of the project's roster, from when to when.</summary>
public sealed record OnDutyRef(
    Guid StaffMemberId,
    Guid? UserId,
    string Name,
    string PostName,
    string ShiftName,
    DateTimeOffset From,
    DateTimeOffset To
);

/// <summary>The duty roster (排班) as other modules may ask it: who is on duty now.</summary>
public interface IDutyRoster
{
    /// <summary>
    /// The people rostered on <paramref name="projectId"/> whose shift covers <paramref name="at"/>, by name. Read past the
    /// caller's scope (a zone steward dispatching sees no roster), keyed by the project: the caller has already checked that
    /// the reader may act on that project.
    /// </summary>
    Task<IReadOnlyList<OnDutyRef>> OnDutyAsync(Guid projectId, DateTimeOffset at, CancellationToken ct);
}
