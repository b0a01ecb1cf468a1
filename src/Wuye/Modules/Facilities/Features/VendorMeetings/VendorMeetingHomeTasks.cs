using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorMeetings;

/// <summary>The owner's line on the home to-do list: their vendor-meeting actions open past their due day, in each staff role that
/// may own one.</summary>
internal sealed class VendorMeetingHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string Link = "/facilities/vendor-meetings";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (!FacilitiesRoles.Readers.Contains(role) || scope.UserId is not { } me)
            return [];
        var today = ChinaTime.Today(clock);
        var late = await db.Set<VendorMeetingAction>().CountAsync(a => a.OwnerUserId == me && a.DoneAt == null && a.DueOn < today, ct);
        return late == 0 ? [] : [new(Loc.T("逾期未完成的外包例会措施", "Overdue vendor meeting actions"), late, Link, true)];
    }
}
