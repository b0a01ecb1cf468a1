using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.ListMaintenanceTasks;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>设备保养: open maintenance tasks by due date (a technician's own and unassigned ones), overdue ones, or the latest done;
/// the project's plans for the managers.</summary>
internal sealed class TasksModel(WuyeDb db, TimeProvider clock, FacilitiesViews views) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }
    public List<TaskDto> Tasks { get; private set; } = [];
    public List<PlanDto> Plans { get; private set; } = [];
    public bool Planner => FacilitiesRoles.MayPlan(db.Scope);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayRead(db.Scope))
            return Forbid();
        var today = ChinaTime.Today(clock);
        var me = FacilitiesRoles.MayDo(db.Scope) && !Planner ? db.Scope.UserId : null;
        var query = ListMaintenanceTasksEndpoints.Query(
            db,
            null,
            View == "done" ? MaintenanceTaskStatus.Done : MaintenanceTaskStatus.Open,
            me
        );
        if (View == "overdue")
            query = query.Where(t => t.DueOn < today);
        Tasks = await views.TasksAsync(await query.AsNoTracking().Take(200).ToListAsync(ct), false, ct);
        if (Planner)
            Plans = await views.PlansAsync(
                db.Set<MaintenancePlan>().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).ThenBy(p => p.Id).Take(100),
                ct
            );
        return Page();
    }

    public static string Badge(TaskDto t) =>
        t.Status == MaintenanceTaskStatus.Done ? (t.Failures > 0 ? "bg-orange-lt" : "bg-green-lt")
        : t.Overdue ? "bg-red-lt"
        : "bg-blue-lt";
}
