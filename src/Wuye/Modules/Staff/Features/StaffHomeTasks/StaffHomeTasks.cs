using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Modules.Staff.Jobs;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffHomeTasks;

/// <summary>
/// What waits in the staff module: for the keepers of the register, the certificates of their scope expiring soon and
/// those already lapsed; for front-line staff, their own certificates to renew (shown only when there are some).
/// Each line leads to the certificates page filtered the same way. Training: keepers, the sessions held whose results are
/// not all in; trainees, the sessions they are enrolled in that are still to come.
/// </summary>
internal sealed class StaffHomeTasks(WuyeDb db, TimeProvider clock, IOptions<StaffOptions> options) : IHomeTaskSource
{
    public static string Url(CertificateStatus status) => $"{CertificateExpiryJob.Link}?status={status.ToString().ToLowerInvariant()}";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var keeper = StaffRoles.Keepers.Contains(role);
        if (!keeper && !StaffRoles.Holders.Contains(role))
            return [];
        var today = ChinaTime.Today(clock);
        var days = options.Value.CertificateRemindDays;
        var visible = CertificateViews.Visible(db);
        var expiring = await visible.InStatus(CertificateStatus.Expiring, today, days).CountAsync(ct);
        var lapsed = await visible.InStatus(CertificateStatus.Lapsed, today, days).CountAsync(ct);
        var tasks = new List<HomeTask>();
        if (keeper || expiring > 0)
            tasks.Add(
                new(
                    keeper
                        ? Loc.T("即将到期的特种作业证书", "Certificates expiring soon")
                        : Loc.T("我的证书即将到期", "My certificates expiring soon"),
                    expiring,
                    Url(CertificateStatus.Expiring)
                )
            );
        if (lapsed > 0)
            tasks.Add(
                new(
                    keeper ? Loc.T("已过期的特种作业证书", "Lapsed certificates") : Loc.T("我的证书已过期", "My certificates have lapsed"),
                    lapsed,
                    Url(CertificateStatus.Lapsed),
                    Urgent: true
                )
            );
        var lines = db.Set<TrainingAttendance>();
        var trainings = TrainingViews.Visible(db);
        if (keeper)
            tasks.Add(
                new(
                    Loc.T("待录入成绩的培训", "Training awaiting results"),
                    await trainings.CountAsync(t => t.HeldOn <= today && lines.Any(a => a.SessionId == t.Id && a.Attended == null), ct),
                    TrainingLinks.Page + "?awaiting=true"
                )
            );
        else if (await trainings.CountAsync(t => t.HeldOn >= today, ct) is var upcoming and > 0)
            tasks.Add(new(Loc.T("即将参加的培训", "Training coming up"), upcoming, TrainingLinks.Page));
        return tasks;
    }
}
