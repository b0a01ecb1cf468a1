using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.SecurityDuties;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 安保职责 on a phone (001): each duty with its schedule, when last done and when due, overdue in red; the monitoring center records
/// the daily CCTV check (the oldest recording's date), guards and the supervisor the fire-equipment check; the fire drill is read
/// from Emergencies. The last checks of each duty.
/// </summary>
internal sealed class DutiesModel(WuyeDb db, ScopeAccessor scopes, SecurityDutyHandler handler, TimeProvider clock) : PageModel
{
    public List<DutyDto> Duties { get; private set; } = [];
    public Dictionary<Guid, List<DutyCheckDto>> Recent { get; private set; } = [];
    public bool Supervisor => SecurityRoles.MaySupervise(db.Scope);
    public bool Recorder => SecurityRoles.MayRecordDuties(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public int MinDays => handler.MinRetentionDays;
    public DateOnly Today => ChinaTime.Today(clock);

    private async Task LoadAsync(CancellationToken ct)
    {
        Duties = await handler.StatusesAsync(null, ct);
        var ids = Duties.Select(d => d.Id).ToList();
        var since = Today.AddDays(-7);
        var checks = await db.Set<DutyCheck>()
            .AsNoTracking()
            .Where(c => ids.Contains(c.SecurityDutyId) && c.Day >= since)
            .OrderByDescending(c => c.Day)
            .ThenBy(c => c.Id)
            .Take(500)
            .ToListAsync(ct);
        Recent = checks.GroupBy(c => c.SecurityDutyId).ToDictionary(g => g.Key, g => g.Select(SecurityDutyHandler.Dto).ToList());
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(
        Guid id,
        DateOnly? oldestRecordingOn,
        bool? finding,
        string? note,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.DutyRecorders))
            return Forbid();
        var input = new DutyCheckInput(null, oldestRecordingOn, finding, note);
        DutyCheck? c = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            c = await handler.RecordAsync(id, input, ct);
        });
        if (c is not null)
            Done = c.Finding
                ? Loc.T("已记录，发现问题已通知主管", "Recorded; the finding was told to the supervisor")
                : Loc.T("已记录", "Recorded");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
