using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CareHomeTasks;

/// <summary>An owner's unread notices and surveys to answer; a steward's open care tasks and phone interviews; for publishers,
/// their draft notices and surveys; for both, today's event sign-ups still to check in.</summary>
internal sealed class CareHomeTasks(
    NoticeReader reader,
    Wuye.Platform.Database.WuyeDb db,
    TimeProvider clock,
    Features.ContactPlans.ContactPlans plans
) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Owner)
        {
            var unread = await reader.WhereReadByMe(await reader.VisibleAsync(ct), false).CountAsync(ct);
            var surveys = await UnansweredAsync(ct);
            return
            [
                new(Loc.T("未读公告", "Unread notices"), unread, "/portal/notices"),
                new(Loc.T("待填问卷", "Surveys to answer"), surveys, "/portal/surveys"),
                new(Loc.T("待评价的特约服务", "Paid services to rate"), await ToRateAsync(scope, ct), "/portal/services"),
            ];
        }
        if (role == Roles.Steward)
        {
            var me = scope.UserId;
            var open = await db.Set<CareTask>().CountAsync(t => t.AssigneeUserId == me && t.Status == CareTaskStatus.Open, ct);
            var calls = await UnansweredAsync(ct);
            return
            [
                new(Loc.T("客户关怀任务", "Care tasks"), open, "/care/tasks"),
                new(Loc.T("待电话访问的问卷", "Survey phone interviews"), calls, "/care/surveys"),
                new(Loc.T("待派特约服务", "Paid services to assign"), await ToAssignAsync(ct), "/care/paid-services"),
                new(Loc.T("今日活动待签到", "Event check-ins today"), await ToCheckInAsync(ct), "/care/events"),
                new(Loc.T("本月待走访住户", "Households to contact this month"), await plans.RemainingAsync(ct), "/care/contact-plans"),
            ];
        }
        if (CareRoles.Publishers.Contains(role))
        {
            var drafts = await (await reader.VisibleAsync(ct)).CountAsync(n => n.Status == NoticeStatus.Draft, ct);
            var surveys = await db.Set<Survey>().CountAsync(s => s.Status == SurveyStatus.Draft, ct);
            return
            [
                new(Loc.T("待发布公告", "Notices to publish"), drafts, "/care/notices"),
                new(Loc.T("待发出的问卷", "Surveys to send"), surveys, "/care/surveys"),
                new(Loc.T("待派特约服务", "Paid services to assign"), await ToAssignAsync(ct), "/care/paid-services"),
                new(Loc.T("今日活动待签到", "Event check-ins today"), await ToCheckInAsync(ct), "/care/events"),
                new(Loc.T("接待日待记录结果", "Reception outcomes to record"), await ToRecordAsync(ct), "/care/contact-plans"),
                new(Loc.T("走访分析会待召开", "Contact analysis meetings due"), await MeetingsDueAsync(ct), "/care/contact-meetings"),
            ];
        }
        if (role == Roles.Technician)
        {
            var me = scope.UserId;
            var mine = await db.Set<PaidOrder>().CountAsync(o => o.AssigneeUserId == me && o.Status == PaidOrderStatus.Assigned, ct);
            return [new(Loc.T("我的特约服务", "My paid services"), mine, "/care/paid-services")];
        }
        return [];
    }

    /// <summary>Sign-ups (the reader's zones or projects) of today's events (China time) not checked in yet.</summary>
    private Task<int> ToCheckInAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var (from, to) = (ChinaTime.StartOf(today), ChinaTime.StartOf(today.AddDays(1)));
        var events = db.Set<CommunityEvent>()
            .Where(e => e.Status == CommunityEventStatus.Open && e.StartsAt >= from && e.StartsAt < to)
            .Select(e => e.Id);
        return db.Set<EventSignUp>().CountAsync(s => s.CheckedInAt == null && events.Contains(s.EventId), ct);
    }

    /// <summary>Appointments of reception days that have begun with no outcome recorded yet.</summary>
    private Task<int> ToRecordAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var begun = db.Set<ReceptionDay>().Where(d => d.StartsAt <= now).Select(d => d.Id);
        return db.Set<ReceptionAppointment>().CountAsync(a => a.Outcome == null && begun.Contains(a.DayId), ct);
    }

    /// <summary>Analysis meetings on or past their day (the 28th) not recorded yet.</summary>
    private Task<int> MeetingsDueAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        return db.Set<ContactMeeting>().CountAsync(m => m.HeldAt == null && m.DueOn <= today, ct);
    }

    private Task<int> ToAssignAsync(CancellationToken ct) => db.Set<PaidOrder>().CountAsync(o => o.Status == PaidOrderStatus.Ordered, ct);

    private Task<int> ToRateAsync(DataScope scope, CancellationToken ct) =>
        db.Set<PaidOrder>().CountAsync(o => o.OrderedByUserId == scope.UserId && o.Status == PaidOrderStatus.Done && o.Rating == null, ct);

    /// <summary>The sampled households of open surveys not answered yet (the reader's: an owner's homes, a steward's zones);
    /// the surveys are read alone, the filter lifted, as an owner may not read project-wide rows.</summary>
    private async Task<int> UnansweredAsync(CancellationToken ct)
    {
        var waiting = await db.Set<SurveyResponse>()
            .Where(r => r.AnsweredAt == null)
            .GroupBy(r => r.SurveyId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var ids = waiting.Select(w => w.Key).ToList();
        var open = await db.Set<Survey>()
            .IgnoreQueryFilters()
            .Where(s => ids.Contains(s.Id) && s.Status == SurveyStatus.Open)
            .Select(s => s.Id)
            .ToListAsync(ct);
        return waiting.Where(w => open.Contains(w.Key)).Sum(w => w.Count);
    }
}
