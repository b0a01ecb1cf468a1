using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Jobs;

/// <summary>
/// An improvement notice (工作改进通知单) still open past its deadline — a rectification not fixed, a suggestion not
/// answered, a deduction not put right, or a reopened one past its new deadline — reminds its responsible person.
/// Once per notice and round: a reopened notice that runs late again is reminded again. Notices already reminded are
/// skipped in SQL (the outbox key is the mark), so a backlog never starves the new ones.
/// </summary>
internal sealed class NoticeOverdueReminderJob(IServiceScopeFactory scopes, ILogger<NoticeOverdueReminderJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    public static string Key(Guid noticeId, int round) => $"notice-overdue:{noticeId}:{round}";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var today = ChinaTime.Today(services.GetRequiredService<TimeProvider>());
        // The key as Notifier writes it (user id without dashes, channel name), built in SQL so the anti-join uses the unique index.
        var due = await (
            from n in db.Set<ImprovementNotice>().AsNoTracking()
            join f in db.Set<Finding>() on n.FindingId equals f.Id
            join p in db.ProjectRefs() on n.ProjectId equals p.Id
            where
                n.Status == NoticeStatus.Open
                && n.Deadline < today
                && !db.Set<OutboxMessage>()
                    .Any(m =>
                        m.DedupeKey
                        == "notice-overdue:"
                            + n.Id.ToString()
                            + ":"
                            + n.Round.ToString()
                            + ":"
                            + n.ResponsibleUserId.ToString().Replace("-", "")
                            + ":InApp"
                    )
            orderby n.Deadline, n.Number
            select new
            {
                n.Id,
                n.CompanyId,
                n.Number,
                n.Round,
                n.Deadline,
                n.ResponsibleUserId,
                f.Type,
                f.Description,
                Project = p.Name,
            }
        )
            .Take(Batch)
            .ToListAsync(ct);
        var acted = 0;
        foreach (var n in due)
        {
            var type = Qpi.FindingTypes.First(t => t.Value == n.Type).Zh;
            var ask = n.Type == FindingType.Suggestion ? "请尽快回复采纳或落实情况" : "请尽快整改并回复整改情况";
            await notifier.NotifyAsync(
                [n.ResponsibleUserId],
                n.CompanyId,
                $"工作改进通知单 {n.Number} 已逾期",
                $"{n.Project}：{type}“{n.Description}”整改期限 {n.Deadline:yyyy-MM-dd} 已过，尚未回复。{ask}。",
                "/inspections/notices",
                Key(n.Id, n.Round),
                ct
            );
            if (await SurveyReminderJob.SaveOnceAsync(db, ct))
                acted++;
        }
        return acted;
    }
}
