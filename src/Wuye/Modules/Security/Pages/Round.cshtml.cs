using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ExcuseMissedPoint;
using Wuye.Modules.Security.Features.RecordPatrolScan;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
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
    ExcuseMissedPointHandler excuses,
    FileStore files
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
        IFormFile? photo,
        string? hazard,
        bool hazardUrgent,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Guards))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var check = new ScanInput(payload, string.IsNullOrWhiteSpace(payload) ? code : null, latitude, longitude, note, null, hazard);
            Validator.Check(check);
            var project = await db.Set<PatrolRound>().Where(r => r.Id == id).Select(r => (Guid?)r.ProjectId).FirstOrDefaultAsync(ct);
            var ids = await PageActions.SavePhotosAsync(files, photo is null ? [] : [photo], project, null, ct);
            var input = check with
            {
                PhotoId = ids.Length > 0 ? ids[0] : null,
                HazardUrgent = !string.IsNullOrWhiteSpace(hazard) && hazardUrgent,
            };
            // Only the write is wrapped: once RecordAsync returns the scan is committed and its photo must stay (review finding: a
            // failed read of the answer after the commit used to discard the photo of a committed scan). The page reloads the round.
            await PageActions.WithPhotosAsync(files, ids, () => scans.RecordAsync(id, input, ct));
        });
        if (Error is null)
            Done = string.IsNullOrWhiteSpace(hazard)
                ? Loc.T("已打卡", "Scanned")
                : Loc.T("已打卡，隐患已转报修", "Scanned; the hazard went to repairs");
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
