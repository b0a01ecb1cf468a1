using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.Shared;

/// <summary>
/// A planned outage loaded with its row locked until the transaction ends. Publishing a notice, cancelling and ending all take it
/// first: a notice published while the outage is cancelled is either among the told (and hears it is off), or comes after and is
/// refused — never told of an outage nobody calls off.
/// </summary>
internal static class OutageLock
{
    public static async Task<PlannedOutage> LoadAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"select 1 from emergencies.planned_outage where id = {id} for update", ct);
        return await db.Set<PlannedOutage>().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("planned outage");
    }
}
