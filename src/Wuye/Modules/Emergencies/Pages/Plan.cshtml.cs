using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Modules.Emergencies.Features.StartIncident;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>One plan: the steps in force, the numbers to call, the versions; the card to print; started as an incident by whoever is on
/// duty.</summary>
internal sealed class PlanModel(WuyeDb db, ScopeAccessor scopes, PlanReads plans, StartIncidentHandler starts) : PageModel
{
    public PlanDto Plan { get; private set; } = null!;
    public List<BuildingRef> Buildings { get; private set; } = [];
    public string? Error { get; private set; }
    public bool OpenStart { get; private set; }
    public bool Manager => EmergencyRoles.MayManage(db.Scope);
    public bool MayStart => EmergencyRoles.OnDutyHere(db.Scope) && Plan.ArchivedAt is null;

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Plan = await plans.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Buildings = await db.BuildingRefs()
            .AsNoTracking()
            .Where(b => b.ProjectId == Plan.ProjectId && b.ArchivedAt == null)
            .OrderBy(b => b.Name)
            .Take(100)
            .ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        EmergencyRoles.MayRead(db.Scope) ? ShowAsync(id, ct) : Task.FromResult<IActionResult>(Forbid());

    public async Task<IActionResult> OnPostStartAsync(
        Guid id,
        string? location,
        List<Guid>? buildingIds,
        string? notice,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(EmergencyRoles.OnDuty))
            return Forbid();
        Guid started = Guid.Empty;
        Error = await PageActions.TryAsync(ModelState, async () =>
            started = (await starts.StartAsync(Validator.Check(new StartIncidentInput(id, location, buildingIds, notice)), null, ct)).Id
        );
        if (Error is null)
            return Redirect(IncidentReads.Link(started));
        OpenStart = true;
        return await ShowAsync(id, ct);
    }
}
