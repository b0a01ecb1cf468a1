using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;

namespace Wuye.Modules.CustomerCare.Features.Shared;

/// <summary>A notice as staff and owners read it; <see cref="ReadCount"/> and <see cref="Recipients"/> are for publishers only.</summary>
internal sealed record NoticeDto(
    Guid Id,
    Guid ProjectId,
    string Title,
    string Body,
    NoticeKind Kind,
    NoticeAudience Audience,
    Guid[] BuildingIds,
    bool Pinned,
    bool Push,
    NoticeStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ExpiresAt,
    string AuthorName,
    string? Source,
    bool ReadByMe,
    int? ReadCount,
    int? Recipients,
    List<NoticeAttachmentDto> Attachments
);

/// <summary>A notice's attachment: <see cref="Url"/> downloads it for whoever may read the notice.</summary>
internal sealed record NoticeAttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Url);

internal sealed record NoticeReadDto(Guid UserId, string Name, DateTimeOffset ReadAt);
