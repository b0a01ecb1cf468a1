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

/// <summary>
/// A person the roster puts on a security post (through the roster post that staffs it) for a shift of a day: the security
/// module (roll-call, patrol, post board, safety tips, hidden tokens) reads these before its own rota.
/// </summary>
public sealed record SecurityPostDutyRef(
    Guid SecurityPostId,
    DateOnly Day,
    Guid StaffMemberId,
    Guid? UserId,
    string Name,
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

    /// <summary>
    /// The roster's entries of <paramref name="projectId"/> on roster posts that staff a security post, for the shift days
    /// <paramref name="fromDay"/> to <paramref name="toDay"/> (inclusive), whatever their hours: the hours they cover on a security post
    /// are rostered here (the roster wins over the security rota for those hours of that post). Read past the caller's scope, keyed
    /// by the project, as <see cref="OnDutyAsync"/>.
    /// </summary>
    Task<IReadOnlyList<SecurityPostDutyRef>> SecurityPostDutiesAsync(
        Guid projectId,
        DateOnly fromDay,
        DateOnly toDay,
        CancellationToken ct
    );
}
