using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CareHomeTasks;

/// <summary>An owner's (and staff member's) unread notices; for publishers, their scheduled and draft notices.</summary>
internal sealed class CareHomeTasks(NoticeReader reader) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Owner)
        {
            var unread = await reader.WhereReadByMe(await reader.VisibleAsync(ct), false).CountAsync(ct);
            return [new(Loc.T("未读公告", "Unread notices"), unread, "/portal/notices")];
        }
        if (CareRoles.Publishers.Contains(role))
        {
            var drafts = await (await reader.VisibleAsync(ct)).CountAsync(n => n.Status == NoticeStatus.Draft, ct);
            return [new(Loc.T("待发布公告", "Notices to publish"), drafts, "/care/notices")];
        }
        return [];
    }
}
