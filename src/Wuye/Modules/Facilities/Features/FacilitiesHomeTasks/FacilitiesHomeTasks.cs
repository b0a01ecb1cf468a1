using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.FacilitiesHomeTasks;

/// <summary>
/// The facilities lines of the home to-do lists: a technician's open maintenance tasks (his own or nobody's) generated so far; for
/// the project and company managers, the open tasks past their due date; anyone's abnormal meter readings to handle. Counted in
/// SQL under the reader's scope.
/// </summary>
internal sealed class FacilitiesHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string TasksLink = "/facilities/tasks";
    public const string MetersLink = "/facilities/meters";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var lines = new List<HomeTask>();
        if (role is Roles.Technician or Roles.ProjectManager or Roles.CompanyManager)
        {
            var me = scope.UserId;
            var abnormal = await db.Set<MeterReading>().CountAsync(r => r.AssigneeUserId == me && r.ResolvedAt == null, ct);
            if (abnormal > 0)
                lines.Add(new(Loc.T("待处理的抄表异常", "Abnormal meter readings"), abnormal, MetersLink, true));
        }
        return [.. await MaintenanceAsync(scope, role, ct), .. lines];
    }

    private async Task<IReadOnlyList<HomeTask>> MaintenanceAsync(DataScope scope, string role, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var open = db.Set<MaintenanceTask>().Where(t => t.Status == MaintenanceTaskStatus.Open);
        if (role == Roles.Technician)
        {
            var me = scope.UserId;
            var mine = await open.CountAsync(t => t.AssigneeUserId == me || t.AssigneeUserId == null, ct);
            var late = await open.AnyAsync(t => (t.AssigneeUserId == me || t.AssigneeUserId == null) && t.DueOn < today, ct);
            return [new(Loc.T("待做的保养任务", "Maintenance tasks to do"), mine, TasksLink, late)];
        }
        if (role is Roles.ProjectManager or Roles.CompanyManager)
        {
            var overdue = await open.CountAsync(t => t.DueOn < today, ct);
            return [new(Loc.T("逾期未做的保养任务", "Overdue maintenance tasks"), overdue, TasksLink + "?view=overdue", overdue > 0)];
        }
        return [];
    }
}
