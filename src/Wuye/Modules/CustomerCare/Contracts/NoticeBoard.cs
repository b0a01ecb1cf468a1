namespace Wuye.Modules.CustomerCare.Contracts;

/// <summary>What a notice (公告) is about: an emergency notice is always pushed to everyone it is for.</summary>
public enum NoticeKind
{
    General,

    /// <summary>停水停电、紧急维修、恶劣天气…: pushed at once on every channel, quiet hours or not.</summary>
    Emergency,

    /// <summary>月度工作计划及完成情况 (写字楼 #8).</summary>
    WorkPlan,

    /// <summary>社区活动.</summary>
    Activity,
}

/// <summary>Who a notice is for: the project's households, its staff, or both.</summary>
public enum NoticeAudience
{
    Everyone,
    Owners,
    Staff,
}

/// <summary>
/// A notice another module publishes on a project's notice board (公示栏), e.g. an outage notice.
/// <paramref name="BuildingIds"/> narrows the households to those buildings (empty = the whole project);
/// <paramref name="ExpiresAt"/> takes it off the board; <paramref name="Source"/> names the module that posted it.
/// </summary>
public sealed record PostNotice(
    Guid ProjectId,
    string Title,
    string Body,
    NoticeKind Kind = NoticeKind.General,
    NoticeAudience Audience = NoticeAudience.Everyone,
    IReadOnlyCollection<Guid>? BuildingIds = null,
    DateTimeOffset? ExpiresAt = null,
    bool Pinned = false,
    bool Push = false,
    string? Source = null
);

public sealed record PostedNotice(Guid Id, int Recipients);

/// <summary>The notice board (公示栏) as other modules use it.</summary>
public interface INoticeBoard
{
    /// <summary>
    /// Publishes a notice at once through the board's own use case (its validation, author, push): saved with the
    /// caller's pending changes in one SaveChanges. Emergency notices (and <see cref="PostNotice.Push"/>) notify every
    /// recipient through the outbox. Throws <c>ValidationException</c> for a bad notice, as the API would answer.
    /// </summary>
    Task<PostedNotice> PostAsync(PostNotice notice, CancellationToken ct);

    /// <summary>Takes a notice off the board (e.g. when the outage is over); false when it is unknown or already off.</summary>
    Task<bool> WithdrawAsync(Guid noticeId, CancellationToken ct);
}
