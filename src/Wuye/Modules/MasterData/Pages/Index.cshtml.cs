using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>The master-data area: how many records of each kind the user's scope holds, and where to find them.</summary>
internal sealed class IndexModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public int Projects { get; private set; }
    public int Zones { get; private set; }
    public int Teams { get; private set; }
    public int Staff { get; private set; }
    public int Buildings { get; private set; }
    public int Units { get; private set; }
    public int People { get; private set; }
    public int Parking { get; private set; }
    public int Assets { get; private set; }
    public int AssetsDue { get; private set; }
    public int Vendors { get; private set; }
    public int Vehicles { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Projects = await db.Projects().CountAsync(p => p.ArchivedAt == null, ct);
        Zones = await db.Zones().CountAsync(z => z.ArchivedAt == null, ct);
        Teams = await db.Set<Team>().CountAsync(t => t.ArchivedAt == null, ct);
        Staff = await db.Set<StaffMember>().CountAsync(s => s.ArchivedAt == null, ct);
        Buildings = await db.Buildings().CountAsync(b => b.ArchivedAt == null, ct);
        Units = await db.Units().CountAsync(u => u.ArchivedAt == null, ct);
        People = await db.People().CountAsync(p => p.ArchivedAt == null, ct);
        Parking = await db.Set<ParkingSpace>().CountAsync(p => p.ArchivedAt == null, ct);
        Assets = await db.Set<Asset>().CountAsync(a => a.ArchivedAt == null, ct);
        var inAMonth = DateOnly.FromDateTime(clock.GetLocalNow().Date).AddMonths(1);
        AssetsDue = await db.Set<Asset>()
            .CountAsync(a => a.ArchivedAt == null && a.NextInspection != null && a.NextInspection <= inAMonth, ct);
        Vendors = await db.Set<Vendor>().CountAsync(v => v.ArchivedAt == null, ct);
        Vehicles = await db.Set<Vehicle>().CountAsync(v => v.ArchivedAt == null, ct);
    }
}
