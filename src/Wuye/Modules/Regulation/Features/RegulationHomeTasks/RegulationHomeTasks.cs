using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RegulationHomeTasks;

/// <summary>
/// The regulation lines of the home to-do lists: for the regulator, objections waiting for a decision; for a company's managers,
/// records about the company still in their objection window (the time to object runs out). Counted under the reader's scope.
/// </summary>
internal sealed class RegulationHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string Link = "/regulation/credit";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Regulator)
        {
            var pending = await db.Set<ConductRecord>()
                .CountAsync(r => r.Decision == null && db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id), ct);
            return [new(Loc.T("待处理的信用记录异议", "Objections to conduct records to decide"), pending, Link, pending > 0)];
        }
        if (role is Roles.CompanyManager or Roles.QualityInspector)
        {
            var today = ChinaTime.Today(clock);
            var open = await db.Set<ConductRecord>()
                .CountAsync(
                    r =>
                        r.Decision == null
                        && r.AppealUntil >= today
                        && r.Kind != ConductKind.Good
                        && !db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id),
                    ct
                );
            if (open > 0)
                return [new(Loc.T("异议期内的信用记录", "Conduct records open to objection"), open, Link, false)];
        }
        return [];
    }
}
