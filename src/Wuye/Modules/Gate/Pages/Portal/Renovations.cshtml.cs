using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ApplyRenovation;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.RenovationChecks;
using Wuye.Modules.Gate.Features.RenovationSteps;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages.Portal;

/// <summary>
/// 我的装修: an owner applies to renovate their home on a phone (contractor, scope, dates, photos of the drawings), follows every step
/// with its history, the violations found on the daily checks and the deposit, resubmits changed drawings, asks for acceptance and
/// opens the agreement and the permit.
/// </summary>
internal sealed class RenovationsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    ApplyRenovationHandler apply,
    RenovationStepsHandler steps,
    FileStore files,
    Microsoft.Extensions.Options.IOptions<GateOptions> options
) : PageModel
{
    public List<UnitRef> Units { get; private set; } = [];
    public List<RenovationDto> Items { get; private set; } = [];
    public ILookup<Guid, CheckDto> Violations { get; private set; } = Array.Empty<CheckDto>().ToLookup(c => c.RenovationId);
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public DateOnly Today { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        Units = await db.OwnUnitRefs().OrderBy(u => u.FullLabel).ThenBy(u => u.Id).ToListAsync(ct);
        var own = db.Scope.Units;
        Items = await RenovationReads.ListAsync(
            db,
            db.Set<Renovation>().Where(r => own.Contains(r.UnitId)).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Take(20),
            ct
        );
        var ids = Items.Select(r => r.Id).ToList();
        Violations = (
            await db.Set<RenovationCheck>()
                .AsNoTracking()
                .Where(c => ids.Contains(c.RenovationId) && c.Violation)
                .OrderByDescending(c => c.Day)
                .ThenBy(c => c.Id)
                .ToListAsync(ct)
        )
            .Select(RenovationChecksHandler.ToDto)
            .ToLookup(c => c.RenovationId);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? unitId,
        string? contractor,
        string? scope,
        DateOnly? startDate,
        DateOnly? endDate,
        List<IFormFile>? drawings,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(new ApplyInput(unitId, contractor, scope, startDate, endDate));
            var ids = await RenovationFiles.SaveDrawingsAsync(files, drawings, unitId, options.Value.DrawingMaxBytes, "drawings", ct);
            await PageActions.WithPhotosAsync(files, ids, () =>
                apply.ApplyAsync(new ApplyInput(unitId, contractor, scope, startDate, endDate, ids), ct)
            );
            Done = Loc.T(
                "申请已提交，服务中心审核图纸后会通知您",
                "Applied: the service center will tell you once it has reviewed the drawings"
            );
        });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(
        Guid renovationId,
        string step,
        string? note,
        string? signature,
        List<IFormFile>? drawings,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        if (step is not ("resubmissions" or "acceptance-requests" or "agreement-signatures"))
            return BadRequest();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var unitId = await db.Set<Renovation>().Where(r => r.Id == renovationId).Select(r => (Guid?)r.UnitId).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("renovation");
            var ids = await RenovationFiles.SaveDrawingsAsync(files, drawings, unitId, options.Value.DrawingMaxBytes, "drawings", ct);
            var input = new StepInput(note, null, null, ids, signature);
            await PageActions.WithPhotosAsync(files, ids, async () =>
            {
                Validator.Check(input);
                await steps.StepAsync(renovationId, step, input, ct);
            });
            Done =
                step == "agreement-signatures"
                    ? Loc.T("协议已签署，等待服务中心签署", "Signed: the service center signs next")
                    : Loc.T("已提交", "Sent");
        });
        await LoadAsync(ct);
        return Page();
    }
}
