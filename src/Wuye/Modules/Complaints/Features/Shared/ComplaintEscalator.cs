using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>Raises a complaint's escalation level (intake, reclassification, by hand, and the timed job).</summary>
internal sealed class ComplaintEscalator(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    /// <summary>
    /// Marks the level raised (unique per complaint and level), notes it on the timeline, and tells
    /// the project manager (level 1) or company management (level 2), in-app and by outbox.
    /// The caller saves; a second raise of the same level fails on the unique key. A level already raised (by a rival run
    /// that committed first) writes nothing: no second timeline entry, no second message.
    /// </summary>
    public async Task RaiseAsync(Complaint c, int level, string actorName, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var raised = await db.Set<ComplaintEscalation>().Where(e => e.ComplaintId == c.Id).Select(e => e.Level).ToListAsync(ct);
        if (raised.Contains(level))
            return;
        for (var l = 1; l <= level; l++)
            if (!raised.Contains(l))
                db.Add(
                    new ComplaintEscalation
                    {
                        CompanyId = c.CompanyId,
                        ProjectId = c.ProjectId,
                        ZoneId = c.ZoneId,
                        UnitId = c.UnitId,
                        ComplaintId = c.Id,
                        Level = l,
                        At = now,
                    }
                );
        c.RaiseTo(level);
        var to =
            level >= 2
                ? await notifier.UsersWithRoleAsync(Roles.CompanyManager, c.CompanyId, null, ct)
                : await notifier.UsersWithRoleAsync(Roles.ProjectManager, c.CompanyId, c.ProjectId, ct);
        var who = level >= 2 ? Loc.T("公司管理层", "company management") : Loc.T("项目经理", "the project manager");
        db.Add(c.Event(ComplaintEventKind.Escalated, now, db.Scope.UserId, actorName, $"{Loc.T("升级至", "to")} {who}：{reason}"));
        var flags = (c.Vip ? "VIP " : "") + (c.Major is { } m ? ComplaintText.MajorName(m) + " " : "");
        await notifier.NotifyAsync(
            to,
            c.CompanyId,
            $"{flags}投诉 {c.Number} 已升级",
            $"{reason}。{c.Description}",
            $"/complaints/{c.Id}",
            $"complaint:{c.Id:N}:L{level}",
            ct
        );
    }
}
