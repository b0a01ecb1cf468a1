using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CareHomeTasks;

/// <summary>An owner's unread notices; a steward's open care tasks; for publishers, their draft notices.</summary>
internal sealed class CareHomeTasks(NoticeReader reader, Wuye.Platform.Database.WuyeDb db) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Owner)
        {
            var unread = await reader.WhereReadByMe(await reader.VisibleAsync(ct), false).CountAsync(ct);
            return [new(Loc.T("未读公告", "Unread notices"), unread, "/portal/notices")];
        }
        if (role == Roles.Steward)
        {
            var me = scope.UserId;
            var open = await db.Set<CareTask>().CountAsync(t => t.AssigneeUserId == me && t.Status == CareTaskStatus.Open, ct);
            return [new(Loc.T("客户关怀任务", "Care tasks"), open, "/care/tasks")];
        }
        if (CareRoles.Publishers.Contains(role))
        {
            var drafts = await (await reader.VisibleAsync(ct)).CountAsync(n => n.Status == NoticeStatus.Draft, ct);
            return [new(Loc.T("待发布公告", "Notices to publish"), drafts, "/care/notices")];
        }
        return [];
    }
}
