using Microsoft.Extensions.Options;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffTalks;

/// <summary>
/// The project manager's talks quota on his home page: this month's talks still to hold (the title shows held/quota), the
/// staff not yet talked with this quarter, and the issues raised not yet followed up — each leading to the talks page.
/// </summary>
internal sealed class TalkHomeTasks(WuyeDb db, TimeProvider clock, IOptions<StaffOptions> options) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role != Roles.ProjectManager)
            return [];
        var today = ChinaTime.Today(clock);
        var quota = options.Value.TalksPerMonth;
        var rows = await StaffTalkViews.ProgressAsync(db, StaffTalkViews.KeptProjects(db, role), StaffTalk.MonthOf(today), quota, ct);
        var held = rows.Sum(r => r.MonthTalks);
        var target = rows.Count * quota;
        var tasks = new List<HomeTask>
        {
            new(
                Loc.T($"本月员工座谈（已谈 {held}/{target}）", $"Staff talks this month ({held}/{target} held)"),
                rows.Sum(r => r.MonthShort),
                StaffTalkViews.Page
            ),
            new(
                Loc.T("本季度尚未座谈的员工", "Staff not yet talked with this quarter"),
                rows.Sum(r => r.QuarterShort),
                StaffTalkViews.Page
            ),
        };
        if (rows.Sum(r => r.OpenIssues) is var open and > 0)
            tasks.Add(new(Loc.T("座谈问题待跟进", "Issues from talks to follow up"), open, StaffTalkViews.Page + "?open=true"));
        return tasks;
    }
}
