using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ParkingViolations;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 违章停车 on a phone: the repeat violators of the rolling window; for guards and the supervisor a form to record a violation with a
/// photo (then the notice to print) and, on each open one, its outcome; the ledger, newest first, with each plate's count.
/// </summary>
internal sealed class ViolationsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    ParkingViolationHandler handler,
    ViolationStepHandler steps,
    FileStore files
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }
    public List<ParkingViolationDto> Violations { get; private set; } = [];
    public List<RepeaterDto> Repeaters { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool Recorder => SecurityRoles.MayRecordParking(db.Scope);

    /// <summary>The supervisor takes the escalating steps for repeat violators (notice, SMS, pass suspension) and lifts a
    /// suspension.</summary>
    public bool Supervisor => !db.Scope.IsGlobal && SecurityRoles.Supervisors.Any(db.Scope.HasRole);
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public Guid? Recorded { get; private set; }
    public int Days => handler.Days;
    public int Threshold => handler.Threshold;

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await handler.Query(null, null, View == "repeaters" ? "escalated" : null).Take(100).ToListAsync(ct);
        Violations = await handler.DtosAsync(list, ct);
        Repeaters = await handler.RepeatersAsync(null, ct);
        if (Recorder)
            Projects =
            [
                .. (
                    await db.ProjectRefs()
                        .Where(p => p.ArchivedAt == null && db.Set<SecurityPost>().Any(s => s.ProjectId == p.Id))
                        .OrderBy(p => p.Name)
                        .ThenBy(p => p.Id)
                        .Take(100)
                        .Select(p => new { p.Id, p.Name })
                        .ToListAsync(ct)
                ).Select(p => (p.Id, p.Name)),
            ];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(
        Guid? projectId,
        string? plate,
        string? place,
        ViolationKind? kind,
        string? note,
        List<IFormFile>? photos,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.ParkingRecorders))
            return Forbid();
        var input = new RecordViolationInput(projectId, plate, place, kind, note, []);
        ParkingViolation? v = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            var ids = await PageActions.SavePhotosAsync(files, photos, projectId, null, ct);
            await PageActions.WithPhotosAsync(files, ids, async () => v = await handler.RecordAsync(input with { PhotoIds = ids }, ct));
        });
        if (v is not null)
        {
            Recorded = v.Id;
            Done = Loc.T($"已登记违章 {v.Number}", $"Violation {v.Number} recorded");
        }
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, ViolationOutcome? outcome, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.ParkingRecorders))
            return Forbid();
        var input = new CloseViolationInput(outcome, note);
        ParkingViolation? v = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            v = await handler.CloseAsync(id, input, ct);
        });
        if (v is not null)
            Done = Loc.T($"违章 {v.Number} 已处理", $"Violation {v.Number} closed");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(
        Guid? projectId,
        string? plate,
        ViolationStepKind? step,
        string? note,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        var input = new TakeStepInput(projectId, plate, step, note);
        ViolationStep? s = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            s = await steps.TakeAsync(input, ct);
        });
        if (s is not null)
            Done = Loc.T(
                $"{s.Plate}：已{ViolationStep.Name(s.Step, false)}，已通知 {s.OwnersTold} 位车主",
                $"{s.Plate}: {ViolationStep.Name(s.Step, true)} taken; {s.OwnersTold} owner(s) told"
            );
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        ViolationStep? s = null;
        Error = await PageActions.TryAsync(ModelState, async () => s = await steps.LiftAsync(id, ct));
        if (s is not null)
            Done = Loc.T($"{s.Plate} 的通行证已恢复", $"The pass of {s.Plate} is reinstated");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
