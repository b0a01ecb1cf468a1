using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ExcuseMissedPoint;
using Wuye.Modules.Security.Features.RecordPatrolScan;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// One round on a phone: each checkpoint's result, and while the round is open the guard's scan form (camera where the browser reads
/// QR codes, the typed code otherwise, the phone's position when allowed). Once closed, the supervisor excuses missed points.
/// </summary>
internal sealed class RoundModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RoundViews views,
    RecordPatrolScanHandler scans,
    ExcuseMissedPointHandler excuses
) : PageModel
{
    public RoundDto Round { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool MayScan => SecurityRoles.MayScan(db.Scope) && Round.StartsAt <= clock.GetUtcNow() && clock.GetUtcNow() < Round.EndsAt;
    public bool MayExcuse => SecurityRoles.MaySupervise(db.Scope) && clock.GetUtcNow() >= Round.EndsAt;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var round = await db.Set<PatrolRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
            return false;
        Round = (await views.ToDtosAsync([round], true, ct))[0];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostScanAsync(
        Guid id,
        string? code,
        string? payload,
        double? latitude,
        double? longitude,
        string? note,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Guards))
            return Forbid();
        var input = new ScanInput(payload, string.IsNullOrWhiteSpace(payload) ? code : null, latitude, longitude, note);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await scans.ScanAsync(id, input, ct);
        });
        if (Error is null)
            Done = Loc.T("已打卡", "Scanned");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostExcuseAsync(Guid id, Guid checkpointId, string? reason, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        var input = new ExcuseInput(checkpointId, reason);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await excuses.ExcuseAsync(id, input, ct);
        });
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public static string Badge(PointState s) =>
        s switch
        {
            PointState.Done => "bg-green-lt",
            PointState.Missed => "bg-red-lt",
            PointState.Overdue => "bg-orange-lt",
            PointState.Excused => "bg-purple-lt",
            _ => "bg-secondary-lt",
        };
}
