using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.RenovationChecks;
using Wuye.Modules.Gate.Features.RenovationSteps;
using Wuye.Modules.Gate.Features.Workers;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages.Renovations;

/// <summary>
/// One renovation at the service center: its application, drawings and history; the desk's next step (approve the drawings with
/// conditions or send them back, the agreement, the deposit, the permit, deductions, postponement, acceptance, refund); its workers;
/// today's checks by engineering and order, violations and their rectification.
/// </summary>
internal sealed class DetailModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RenovationStepsHandler steps,
    RenovationChecksHandler checks,
    FileStore files
) : PageModel
{
    public RenovationDto R { get; private set; } = null!;
    public List<WorkerDto> Workers { get; private set; } = [];
    public List<CheckDto> Checks { get; private set; } = [];
    public bool MayManage { get; private set; }
    public bool MayInspect { get; private set; }
    public CheckKind? MyKind { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await RenovationReads.ListAsync(db, db.Set<Renovation>().Where(r => r.Id == id), ct);
        if (found.Count == 0)
            return false;
        R = found[0];
        Workers = await WorkersHandler.ListAsync(
            db,
            db.Set<RegisteredWorker>().Where(w => w.RenovationId == id).OrderBy(w => w.Name).ThenBy(w => w.Id).Take(100),
            ct
        );
        Checks =
        [
            .. (
                await db.Set<RenovationCheck>()
                    .AsNoTracking()
                    .Where(c => c.RenovationId == id)
                    .OrderByDescending(c => c.Day)
                    .ThenBy(c => c.Kind)
                    .ThenBy(c => c.Id)
                    .Take(60)
                    .ToListAsync(ct)
            ).Select(RenovationChecksHandler.ToDto),
        ];
        MayManage = GateRoles.MayManage(db.Scope);
        MayInspect = GateRoles.MayInspect(db.Scope);
        MyKind = WorkerText.KindFor(db.Scope);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!GateRoles.MayRead(db.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostStepAsync(
        Guid id,
        string step,
        string? note,
        decimal? amount,
        DateOnly? endDate,
        string? signature,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(GateRoles.Desk) || !RenovationStepsHandler.DeskStep(step))
            return Forbid();
        var input = new StepInput(note, amount, endDate, null, step == "agreement" ? signature : null);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            var r = await steps.StepAsync(id, step, input, ct);
            Done = Loc.T($"已办理，当前状态：{RenovationText.State(r.State, true)}", $"Done; now {RenovationText.State(r.State, false)}");
        });
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCheckAsync(
        Guid id,
        CheckKind? kind,
        string? findings,
        bool violation,
        decimal? deduction,
        List<IFormFile>? photos,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(GateRoles.Inspectors))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var projectId = await db.Set<Renovation>().Where(r => r.Id == id).Select(r => (Guid?)r.ProjectId).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("renovation");
            var ids = await PageActions.SavePhotosAsync(files, photos, projectId, null, ct);
            var input = new CheckInput(kind, findings, violation, deduction, ids);
            await PageActions.WithPhotosAsync(files, ids, async () =>
            {
                Validator.Check(input);
                await checks.RecordAsync(id, input, ct);
            });
            Done = Loc.T("巡查已记录", "Check recorded");
        });
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRectifyAsync(Guid id, Guid checkId, CancellationToken ct)
    {
        if (!scopes.ActAs(GateRoles.Inspectors))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            await checks.RectifyAsync(checkId, ct);
            Done = Loc.T("已记录整改", "Marked as put right");
        });
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public DateOnly Today => ChinaTime.Today(clock);
}
