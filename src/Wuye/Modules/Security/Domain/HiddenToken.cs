using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>
/// 安全搜寻棒 (万科#5): a token the supervisor hid for a post's guard to find on the night patrol — where (<see cref="Place"/>, shown to
/// the guard only once found) and a code written on it that the guard enters when found. It is found, or not found once the shift
/// of the guard it was hidden for ends (<see cref="DueAt"/>); the supervisor is told then (<see cref="AlertedAt"/>).
/// </summary>
internal sealed class HiddenToken : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SecurityPostId { get; set; }
    public required string PostName { get; set; }

    [Wuye.Platform.Audit.Secret]
    public required string Place { get; set; }

    [Wuye.Platform.Audit.Secret]
    public required string Code { get; set; }
    public Guid HiddenBy { get; set; }
    public DateTimeOffset HiddenAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public Guid? GuardUserId { get; set; }
    public string? GuardName { get; set; }
    public DateTimeOffset? FoundAt { get; set; }
    public Guid? FoundBy { get; set; }
    public DateTimeOffset? AlertedAt { get; set; }

    /// <summary>
    /// Hides a token for the post's shift under way or next today (<paramref name="shift"/>: when it ends and who has it, found
    /// by the caller — the staff duty roster's where it has rostered the post's hours, the rota elsewhere).
    /// </summary>
    public static HiddenToken Hide(
        SecurityPost post,
        (DateTimeOffset EndsAt, Guid? UserId, string Name)? shift,
        string place,
        string code,
        Guid by,
        DateTimeOffset now
    )
    {
        if (post.ArchivedAt is not null)
            throw new RuleException("post.archived", "该岗位已停用", "The post is archived");
        if (shift is null)
            throw new RuleException(
                "hidden_token.no_shift",
                $"“{post.Name}”今天没有在岗或待上岗的人，无法安排搜寻",
                $"Nobody is on \"{post.Name}\" now or later today: there is nobody to search"
            );
        return new()
        {
            CompanyId = post.CompanyId,
            ProjectId = post.ProjectId,
            SecurityPostId = post.Id,
            PostName = post.Name,
            Place = place.Trim(),
            Code = code,
            HiddenBy = by,
            HiddenAt = now,
            DueAt = shift.Value.EndsAt,
            GuardUserId = shift.Value.UserId,
            GuardName = shift.Value.Name,
        };
    }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A code of 6 characters no one can guess (the guard must have the token in hand to enter it).</summary>
    public static string NewCode() =>
        new([
            .. Enumerable.Range(0, 6).Select(_ => Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)]),
        ]);

    public string State(DateTimeOffset now) =>
        FoundAt is not null ? "found"
        : now >= DueAt ? "not_found"
        : "hidden";

    public int? MinutesToFind => FoundAt is { } f ? (int)Math.Round((f - HiddenAt).TotalMinutes) : null;

    /// <summary>The guard enters the code written on the token, before the shift ends.</summary>
    public void Find(Guid userId, DateTimeOffset now)
    {
        if (FoundAt is not null)
            throw new RuleException("hidden_token.found", "该搜寻棒已找到", "This token has been found");
        if (now >= DueAt)
            throw new RuleException(
                "hidden_token.shift_over",
                $"班次已于 {ChinaTime.ToChina(DueAt):HH:mm} 结束，该搜寻棒记为未找到",
                $"The shift ended at {ChinaTime.ToChina(DueAt):HH:mm}: the token stands as not found"
            );
        FoundAt = now;
        FoundBy = userId;
    }
}
