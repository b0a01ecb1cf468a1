using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnvironmentTasks;

/// <summary>
/// The cleaning and greening lines of the home to-do lists: the field staff's open tasks of today and before (their own or
/// nobody's), when they have any; for the zone steward and the project and company managers, the tasks of past days left undone.
/// The company manager's vendor contracts ending within 60 days. Counted in SQL under the reader's scope.
/// </summary>
internal sealed class EnvironmentHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string Link = "/facilities/environment";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var open = db.Set<EnvironmentTask>().Where(t => t.Status == EnvironmentTaskStatus.Open && t.DueOn <= today);
        var lines = new List<HomeTask>();
        if (role is Roles.Technician)
        {
            var me = scope.UserId;
            var mine = await open.CountAsync(t => t.AssigneeUserId == me || t.AssigneeUserId == null, ct);
            if (mine > 0)
                lines.Add(new(Loc.T("今日保洁绿化任务", "Cleaning and greening tasks today"), mine, Link, false));
        }
        if (role is Roles.Steward or Roles.ProjectManager or Roles.CompanyManager)
        {
            var late = await open.CountAsync(t => t.DueOn < today, ct);
            lines.Add(new(Loc.T("逾期未完成的保洁绿化任务", "Overdue cleaning and greening tasks"), late, Link + "?view=board", late > 0));
        }
        if (role == Roles.CompanyManager)
        {
            var until = today.AddDays(Jobs.VendorContractJob.Days);
            var ending = await db.VendorRefs()
                .CountAsync(v => v.ArchivedAt == null && v.ContractEnd != null && v.ContractEnd >= today && v.ContractEnd <= until, ct);
            if (ending > 0)
                lines.Add(new(Loc.T("即将到期的外包合同", "Vendor contracts ending soon"), ending, "/facilities/vendors", true));
        }
        return lines;
    }
}
