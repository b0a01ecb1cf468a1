using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListVisitorPasses;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.GateHomeTasks;

/// <summary>
/// The gate's lines of the home to-do lists, counted in SQL under the reader's scope: at the gate, walk-ins the owner let in who are
/// still waiting, walk-ins waiting for the owner, visitors still inside from an earlier day; for an owner, visitors at the gate
/// waiting for their word.
/// </summary>
internal sealed class GateHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string ConsoleLink = "/gate";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var passes = db.Set<VisitorPass>().Where(p => p.Kind == PassKind.WalkIn && p.ValidTo > now);
        if (role is Roles.SecurityGuard or Roles.CustomerService)
        {
            var ready = await passes.Where(p => p.Status == PassStatus.Active && p.EntriesUsed == 0).CountAsync(ct);
            var waiting = await passes.Where(p => p.Status == PassStatus.AwaitingOwner).CountAsync(ct);
            var left = await ListVisitorPassesEndpoints.LeftInside(db, ChinaTime.Today(clock)).CountAsync(ct);
            return
            [
                new(
                    Loc.T("业主已同意、待放行的访客", "Walk-ins the owner let in, waiting at the gate"),
                    ready,
                    ConsoleLink + "#walk-ins",
                    ready > 0
                ),
                new(Loc.T("等待业主确认的访客", "Walk-ins waiting for the owner"), waiting, ConsoleLink + "#walk-ins"),
                new(Loc.T("前一天未离开的访客", "Visitors still inside from an earlier day"), left, ConsoleLink + "#left-inside", left > 0),
            ];
        }
        if (role == Roles.Owner)
        {
            var own = scope.Units;
            var asking = await passes.Where(p => p.Status == PassStatus.AwaitingOwner && own.Contains(p.UnitId)).CountAsync(ct);
            return
            [
                new(Loc.T("门岗等待您确认的访客", "Visitors at the gate waiting for your word"), asking, "/portal/visitors", asking > 0),
            ];
        }
        return [];
    }
}
