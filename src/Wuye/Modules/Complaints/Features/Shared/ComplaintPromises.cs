using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>A project's complaint settings and the reply promises made on its business calendar.</summary>
internal sealed class ComplaintPromises(WuyeDb db, IProjectCalendars calendars)
{
    /// <summary>
    /// The promised reply time <paramref name="workingDays"/> working days after <paramref name="from"/>
    /// on the project's business calendar (seed 002 篇4: 二日内反馈 counts 工作日): one working day is the
    /// calendar's working hours of one day, so a promise given at 16:00 on the Friday before a holiday
    /// falls at 16:00 on the second working day after it, and one given after hours runs from the next opening.
    /// </summary>
    public async Task<DateTimeOffset> PromiseAsync(
        Guid companyId,
        Guid projectId,
        DateTimeOffset from,
        int workingDays,
        CancellationToken ct
    )
    {
        var time = await calendars.ForProjectAsync(companyId, projectId, ct);
        return time.AddWorkingDays(from, workingDays)
            ?? throw new RuleException(
                "complaint.no_working_days",
                "按本项目的工作日历，答复期限内没有工作日，请检查工作日历",
                "On this project's business calendar there are no working days to reply in; check the calendar"
            );
    }

    /// <summary>The project's settings; read past the caller's scope because an owner's complaint runs on them.</summary>
    public async Task<ComplaintSettings> SettingsAsync(Guid companyId, Guid projectId, CancellationToken ct) =>
        await db.Set<ComplaintSettings>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct)
        ?? ComplaintSettings.Defaults(companyId, projectId);
}
