using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Modules.Emergencies.Features.ScheduleDrill;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>应急演练: each plan's drill status (overdue first) with a form to schedule one, my open actions, the recent drills.</summary>
internal sealed class DrillsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, DrillReads reads, ScheduleDrillHandler schedule)
    : PageModel
{
    public List<DrillDueDto> Due { get; private set; } = [];
    public List<DrillDto> Recent { get; private set; } = [];
    public List<(DrillDto Drill, DrillActionDto Action)> Mine { get; private set; } = [];
    public bool Manager => EmergencyRoles.MayManage(db.Scope);
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => EmergencyRoles.MayRead(db.Scope) ? await ShowAsync(ct) : Forbid();

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Now = ChinaTime.Now(clock);
        Due = await reads.DueAsync(null, ct);
        Recent = await reads.ListAsync(reads.Recent(null).Take(30), ct);
        if (db.Scope.UserId is { } me)
        {
            var drills = db.Set<DrillAction>().Where(a => a.OwnerUserId == me && a.DoneAt == null).Select(a => a.DrillId);
            var mine = await reads.ListAsync(reads.Recent(null).Where(d => drills.Contains(d.Id)).Take(30), ct);
            Mine = [.. mine.SelectMany(d => d.Actions.Where(a => a.OwnerUserId == me && a.DoneAt is null).Select(a => (d, a)))];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid? planId, DateTime? scheduledFor, CancellationToken ct)
    {
        if (!scopes.ActAs(EmergencyRoles.Managers))
            return Forbid();
        var at = ChinaTime.FromInput(scheduledFor);
        Guid id = Guid.Empty;
        Error = await PageActions.TryAsync(ModelState, async () =>
            id = await schedule.ScheduleAsync(Validator.Check(new ScheduleDrillInput(planId, at)), ct)
        );
        return Error is null ? Redirect(DrillReads.Link(id)) : await ShowAsync(ct);
    }
}
