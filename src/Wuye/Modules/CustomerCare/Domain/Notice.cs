using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

internal enum NoticeStatus
{
    Draft,
    Published,
    Withdrawn,
}

/// <summary>
/// 公告: a notice on a project's notice board (公示栏) for its households, its staff or both, optionally for some
/// buildings only. Published now or from a later moment, shown until <see cref="ExpiresAt"/>, pinned notices first.
/// Readers' receipts are <see cref="NoticeRead"/> rows. Emergencies are always pushed to every recipient.
/// </summary>
internal sealed class Notice : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public NoticeKind Kind { get; set; }
    public NoticeAudience Audience { get; set; }

    /// <summary>Only the households of these buildings (empty = the whole project). Staff audiences ignore it.</summary>
    public Guid[] BuildingIds { get; set; } = [];
    public bool Pinned { get; set; }

    /// <summary>Notify every recipient (in-app, SMS, e-mail) when it goes up; always for emergencies.</summary>
    public bool Push { get; set; }
    public NoticeStatus Status { get; set; }

    /// <summary>When it goes up (may be later than the moment it was published).</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    /// <summary>When its recipients were notified (once; the push job does scheduled ones).</summary>
    public DateTimeOffset? PushedAt { get; set; }
    public Guid? AuthorUserId { get; set; }
    public required string AuthorName { get; set; }

    /// <summary>The module that posted it through the contract (emergencies…), null when typed on the board.</summary>
    public string? Source { get; set; }

    /// <summary>How many people it was for when it went up (the denominator of the read rate).</summary>
    public int Recipients { get; set; }

    public bool MustPush => Push || Kind == NoticeKind.Emergency;

    public bool IsUp(DateTimeOffset now) =>
        Status == NoticeStatus.Published && PublishedAt <= now && (ExpiresAt is null || ExpiresAt > now);

    public bool ForOwners => Audience is NoticeAudience.Everyone or NoticeAudience.Owners;

    public bool ForStaff => Audience is NoticeAudience.Everyone or NoticeAudience.Staff;

    /// <summary>Puts the notice up now, or from <paramref name="from"/> when that is later.</summary>
    public void Publish(DateTimeOffset now, DateTimeOffset? from = null)
    {
        if (Status == NoticeStatus.Published)
            throw new RuleException("notice.published", "该公告已发布", "This notice is already published");
        if (Status == NoticeStatus.Withdrawn)
            throw new RuleException(
                "notice.withdrawn",
                "该公告已撤下，不能再发布",
                "This notice was withdrawn and cannot be published again"
            );
        var at = from is { } f && f > now ? f : now;
        if (ExpiresAt is { } exp && exp <= at)
            throw new RuleException("notice.expired", "有效期已过，不能发布", "The notice would expire before it goes up");
        Status = NoticeStatus.Published;
        PublishedAt = at.ToUniversalTime();
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (Status == NoticeStatus.Withdrawn)
            throw new RuleException("notice.withdrawn", "该公告已撤下", "This notice is already withdrawn");
        Status = NoticeStatus.Withdrawn;
        WithdrawnAt = now;
    }

    public void Pin(bool pinned)
    {
        if (Status == NoticeStatus.Withdrawn)
            throw new RuleException("notice.withdrawn", "已撤下的公告不能置顶", "A withdrawn notice cannot be pinned");
        Pinned = pinned;
    }

    /// <summary>Whether the push is due: up, not yet pushed, and meant to be pushed.</summary>
    public bool PushDue(DateTimeOffset now) => MustPush && PushedAt is null && IsUp(now);
}

/// <summary>已读回执: one reader's first opening of a notice (written once, never changed).</summary>
internal sealed class NoticeRead : IScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid NoticeId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A file attached to a notice (附件): stored in the platform's file store under the notice's project, read only
/// through the notice (whoever may read the notice may download it).</summary>
internal sealed class NoticeAttachment : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid NoticeId { get; set; }
    public Guid FileId { get; set; }
    public int Position { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
}
