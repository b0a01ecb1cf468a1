using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;

namespace Wuye.Modules.Inspections.Jobs;

/// <summary>
/// The monthly sales-office and quarterly developer surveys of pre-handover sites (seed 002 篇3) fall due at the end
/// of their period. Within <c>Wuye:Inspections:SurveyReminderDays</c> (3) of that, the site's supervisors of the period
/// (and, for the developer's survey, the site's project managers) are reminded; once the period has ended without one,
/// the survey is flagged overdue to them and the company's managers. Only the period just ended is flagged, so a
/// first run does not dig up a year of history. Each (site, survey, period, kind) reaches each person once: the
/// outbox's unique dedupe key is the mark, checked before sending and enforced by the index when two instances race.
/// </summary>
internal sealed class SurveyReminderJob(IServiceScopeFactory scopes, ILogger<SurveyReminderJob> log, IOptions<InspectionsOptions> options)
    : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var lead = TimeSpan.FromDays(options.Value.SurveyReminderDays);
        var rows = await SiteSurveys.ScheduleAsync(db, clock, null, ct);
        var siteIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        var companies = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => siteIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.CompanyId, ct);
        var acted = 0;
        foreach (var row in rows)
        {
            if (
                !SiteSurveys.TryRespondent(row.Respondent, out var respondent)
                || !SiteSurveys.TryPeriod(respondent, row.Period, out var start)
            )
                continue;
            var end = start.AddMonths(SiteSurvey.Months(respondent));
            var overdue = row.Status == "overdue" && now < SiteSurvey.DueAt(respondent, end);
            var comingDue = row.Status == "due" && now >= row.DueAt - lead;
            if (!overdue && !comingDue)
                continue;
            var companyId = companies[row.ProjectId];

            var to = await db.Set<SupervisionCheck>()
                .AsNoTracking()
                .Where(c => c.ProjectId == row.ProjectId && c.CheckedOn >= start && c.CheckedOn < end)
                .Select(c => c.SupervisorUserId)
                .Distinct()
                .ToListAsync(ct);
            if (respondent == SurveyRespondent.Developer)
                to.AddRange(await ProjectManagersAsync(db, row.ProjectId, ct));
            if (overdue)
                to.AddRange(await notifier.UsersWithRoleAsync(Roles.CompanyManager, companyId, row.ProjectId, ct));
            var key = Key(row.ProjectId, row.Respondent, row.Period, overdue);
            var pending = await NotYetToldAsync(db, key, to, ct);
            if (pending.Count == 0)
                continue;

            var what = respondent == SurveyRespondent.SalesOffice ? "销售部月度服务质量调查" : "开发建设单位季度服务质量调查";
            var lastDay = end.AddDays(-1);
            var (title, body) = overdue
                ? ($"{row.ProjectName} {what}已逾期", $"{row.Period} 的{what}截至 {lastDay:yyyy-MM-dd} 未提交，请尽快补做。")
                : ($"{row.ProjectName} {what}待完成", $"{row.Period} 的{what}须在 {lastDay:yyyy-MM-dd} 当天结束前提交。");
            await notifier.NotifyAsync(pending, companyId, title, body, "/inspections/supervision", key, ct);
            if (await SaveOnceAsync(db, ct))
                acted++;
        }
        return acted;
    }

    /// <summary>The mark of a survey's reminder (or overdue flag); <see cref="Notifier"/> appends the recipient and channel.</summary>
    public static string Key(Guid projectId, string respondent, string period, bool overdue) =>
        $"site-survey:{projectId:N}:{respondent}:{period}:{(overdue ? "overdue" : "due")}";

    private static Task<List<Guid>> ProjectManagersAsync(WuyeDb db, Guid projectId, CancellationToken ct) =>
        db
            .RoleAssignments.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Role == Roles.ProjectManager)
            .Select(r => r.UserId)
            .Distinct()
            .ToListAsync(ct);

    /// <summary>Who of <paramref name="to"/> has no in-app message under this key yet (the key <see cref="Notifier"/> writes).</summary>
    internal static async Task<List<Guid>> NotYetToldAsync(WuyeDb db, string key, IEnumerable<Guid> to, CancellationToken ct)
    {
        var people = to.Distinct().ToList();
        var keys = people.Select(u => $"{key}:{u:N}:{NotificationChannel.InApp}").ToList();
        var told = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(m => keys.Contains(m.DedupeKey!))
            .Select(m => m.RecipientUserId)
            .ToListAsync(ct);
        return [.. people.Where(u => !told.Contains(u))];
    }

    /// <summary>Saves the messages; when another instance queued the same ones first, nothing of ours is written.</summary>
    internal static async Task<bool> SaveOnceAsync(WuyeDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
