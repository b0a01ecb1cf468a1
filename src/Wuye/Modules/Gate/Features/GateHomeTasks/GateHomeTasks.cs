using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListVisitorPasses;
using Wuye.Modules.Gate.Features.RenovationChecks;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.GateHomeTasks;

/// <summary>
/// The gate's lines of the home to-do lists, counted in SQL under the reader's scope: at the gate, walk-ins the owner let in who are
/// still waiting, walk-ins waiting for the owner, visitors still inside from an earlier day; for the desk, drawings to review,
/// agreements the owner signed for the center to sign, work to accept; for an owner, drawings to change, agreements to sign,
/// violations to put right and visitors at the gate waiting for their word.
/// </summary>
internal sealed class GateHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string ConsoleLink = "/gate";
    public const string RenovationsLink = "/gate/renovations";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tasks = new List<HomeTask>();
        var today = ChinaTime.Today(clock);
        var kind =
            role == Roles.Technician ? CheckKind.Engineering
            : role == Roles.SecurityGuard ? CheckKind.Order
            : (CheckKind?)null;
        if (kind is { } k)
        {
            var checks = db.Set<RenovationCheck>();
            var due = await RenovationChecksHandler
                .Active(db, today)
                .CountAsync(r => !checks.Any(c => c.RenovationId == r.Id && c.Day == today && c.Kind == k), ct);
            tasks.Add(new(Loc.T("今日待巡查的装修", "Renovations to check today"), due, RenovationsLink + "?due=" + k, due > 0));
        }
        if (GateRoles.Desk.Contains(role))
        {
            var rs = db.Set<Renovation>();
            var applied = await rs.CountAsync(r => r.State == RenovationState.Applied, ct);
            var acceptance = await rs.CountAsync(r => r.State == RenovationState.AwaitingAcceptance, ct);
            var toSign = await rs.CountAsync(r => r.State == RenovationState.DrawingsApproved && r.OwnerSignatureId != null, ct);
            tasks.Add(
                new(Loc.T("待审图的装修申请", "Renovation drawings to review"), applied, RenovationsLink + "?state=Applied", applied > 0)
            );
            tasks.Add(
                new(
                    Loc.T("业主已签署、待服务中心签署的装修协议", "Renovation agreements the owner signed, for the center to sign"),
                    toSign,
                    RenovationsLink + "?state=DrawingsApproved",
                    toSign > 0
                )
            );
            tasks.Add(
                new(Loc.T("待验收的装修", "Renovations awaiting acceptance"), acceptance, RenovationsLink + "?state=AwaitingAcceptance")
            );
        }
        if (GateRoles.Desk.Contains(role) || role == Roles.Steward)
        {
            var open = await db.Set<RenovationCheck>().CountAsync(c => c.Violation && c.RectifiedAt == null, ct);
            tasks.Add(
                new(Loc.T("未整改的装修违规", "Renovation violations not yet put right"), open, RenovationsLink + "?open=true", open > 0)
            );
        }
        var passes = db.Set<VisitorPass>().Where(p => p.Kind == PassKind.WalkIn && p.ValidTo > now);
        if (role is Roles.SecurityGuard or Roles.CustomerService)
        {
            var ready = await passes.Where(p => p.Status == PassStatus.Active && p.EntriesUsed == 0).CountAsync(ct);
            var waiting = await passes.Where(p => p.Status == PassStatus.AwaitingOwner).CountAsync(ct);
            var left = await ListVisitorPassesEndpoints.LeftInside(db, ChinaTime.Today(clock)).CountAsync(ct);
            return
            [
                .. tasks,
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
            var changes = await db.Set<Renovation>()
                .CountAsync(r => r.State == RenovationState.ChangesRequested && own.Contains(r.UnitId), ct);
            var unsigned = await db.Set<Renovation>()
                .CountAsync(r => r.State == RenovationState.DrawingsApproved && r.OwnerSignatureId == null && own.Contains(r.UnitId), ct);
            var violations = await db.Set<RenovationCheck>()
                .CountAsync(c => c.Violation && c.RectifiedAt == null && c.UnitId != null && own.Contains(c.UnitId.Value), ct);
            return
            [
                new(Loc.T("装修图纸待修改", "Renovation drawings to change"), changes, "/portal/renovations", changes > 0),
                new(Loc.T("待签署的装修管理协议", "Renovation agreements to sign"), unsigned, "/portal/renovations", unsigned > 0),
                new(Loc.T("装修违规待整改", "Renovation violations to put right"), violations, "/portal/renovations", violations > 0),
                new(Loc.T("门岗等待您确认的访客", "Visitors at the gate waiting for your word"), asking, "/portal/visitors", asking > 0),
            ];
        }
        return tasks;
    }
}
