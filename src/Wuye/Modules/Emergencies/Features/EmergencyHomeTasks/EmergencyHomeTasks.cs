using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.EmergencyHomeTasks;

/// <summary>
/// The emergency lines of the home to-do lists: for everyone on duty, the open incidents (and drill runs) with a step of their role
/// still to do. Counted in SQL under the reader's scope.
/// </summary>
internal sealed class EmergencyHomeTasks(WuyeDb db) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (!EmergencyRoles.StepRoles.Contains(role))
            return [];
        var open = await db.Set<Incident>().CountAsync(i => i.ClosedAt == null && i.Steps.Any(s => s.DoneAt == null && s.Role == role), ct);
        return [new(Loc.T("进行中的突发事件（待我岗位处置）", "Open incidents with a step for my role"), open, "/emergencies", open > 0)];
    }
}
