using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.PostNotice;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Contracts;

/// <summary>The customer-care module's answer to <see cref="INoticeBoard"/>, through its own use case.</summary>
internal sealed class NoticeBoardFacade(WuyeDb db, PostNoticeHandler post, TimeProvider clock) : INoticeBoard
{
    public async Task<PostedNotice> PostAsync(PostNotice notice, CancellationToken ct)
    {
        var input = new NewNotice(
            notice.ProjectId,
            notice.Title,
            notice.Body,
            notice.Kind,
            notice.Audience,
            notice.BuildingIds is null ? null : [.. notice.BuildingIds],
            null,
            notice.ExpiresAt,
            notice.Pinned,
            notice.Push,
            true
        );
        var v = new Validator();
        input.Validate(v);
        v.ThrowIfAny();
        var n = await post.HandleAsync(input, notice.Source, ct);
        return new PostedNotice(n.Id, n.Recipients);
    }

    public async Task<bool> WithdrawAsync(Guid noticeId, CancellationToken ct)
    {
        var n = await db.Set<Notice>().FirstOrDefaultAsync(x => x.Id == noticeId, ct);
        if (n is null || n.Status == NoticeStatus.Withdrawn)
            return false;
        n.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
