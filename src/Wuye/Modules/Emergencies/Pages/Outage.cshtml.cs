using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Modules.Emergencies.Features.OutageProgress;
using Wuye.Modules.Emergencies.Features.PublishOutageNotice;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>One planned outage: its area and deadline, the notice to its residents (units to tell, text), the temporary water supply,
/// the supply restored or the outage called off before its start, and the timeline (planned, notices with the late ones flagged,
/// start, end).</summary>
internal sealed class OutageModel(
    WuyeDb db,
    ScopeAccessor scopes,
    OutageReads reads,
    PublishOutageNoticeHandler notices,
    OutageProgressHandler progress,
    TimeProvider clock
) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public OutageDto Outage { get; private set; } = null!;
    public List<(Guid Id, string Label)> Units { get; private set; } = [];
    public string DefaultText { get; private set; } = "";
    public string? Error { get; private set; }
    public bool MayAct => EmergencyRoles.MayPlanOutages(db.Scope) && Outage.EndedAt is null;

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Outage = await reads.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        if (MayAct)
        {
            var o = await db.Set<PlannedOutage>().AsNoTracking().FirstAsync(x => x.Id == id, ct);
            Units =
            [
                .. (
                    await reads
                        .AreaUnits(o)
                        .OrderBy(u => u.Label)
                        .ThenBy(u => u.Id)
                        .Take(2000)
                        .Select(u => new { u.Id, u.Label })
                        .ToListAsync(ct)
                ).Select(u => (u.Id, u.Label)),
            ];
            DefaultText = PublishOutageNoticeHandler.DefaultText(o, [.. Outage.Buildings, .. Outage.Units]);
        }
        return Page();
    }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        EmergencyRoles.MayRead(db.Scope) ? ShowAsync(id, ct) : Task.FromResult<IActionResult>(Forbid());

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(EmergencyRoles.OutagePlanners))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        return Error is null ? Redirect(OutageReads.Link(id)) : await ShowAsync(id, ct);
    }

    public Task<IActionResult> OnPostNoticeAsync(Guid id, List<Guid>? unitIds, string? text, CancellationToken ct) =>
        ActAsync(id, () => notices.PublishAsync(id, Validator.Check(new OutageNoticeInput(unitIds, text)), ct), ct);

    public Task<IActionResult> OnPostWaterAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => progress.TemporaryWaterAsync(id, ct), ct);

    public Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct) => ActAsync(id, () => progress.EndAsync(id, ct), ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct) =>
        ActAsync(id, () => progress.CancelAsync(id, new OutageCancelInput(reason), ct), ct);
}
