using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Modules.Emergencies.Features.PlanOutage;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>计划停水停电: the outages not yet restored (untold and late ones flagged), the past ones, and for the engineering side a form
/// to plan one (project, buildings, start, expected end, reason, temporary water when longer than two hours).</summary>
internal sealed class OutagesModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, OutageReads reads, PlanOutageHandler plan)
    : PageModel
{
    public List<OutageDto> Outages { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, string Name)> Buildings { get; private set; } = [];
    public bool Planner => EmergencyRoles.MayPlanOutages(db.Scope);
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Todo { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => EmergencyRoles.MayRead(db.Scope) ? await ShowAsync(ct) : Forbid();

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Now = ChinaTime.Now(clock);
        var q = reads.Recent(null, null);
        if (Todo == "notice")
            q = q.Where(o => o.EndedAt == null && o.FirstNoticeAt == null);
        Outages = await reads.ListAsync(q.Take(60), ct);
        if (Planner)
        {
            Projects =
            [
                .. (
                    await db.ProjectRefs()
                        .Where(p => p.ArchivedAt == null)
                        .OrderBy(p => p.Name)
                        .ThenBy(p => p.Id)
                        .Take(50)
                        .Select(p => new { p.Id, p.Name })
                        .ToListAsync(ct)
                ).Select(p => (p.Id, p.Name)),
            ];
            var ids = Projects.Select(p => p.Id).ToList();
            Buildings =
            [
                .. (
                    await db.BuildingRefs()
                        .Where(b => ids.Contains(b.ProjectId) && b.ArchivedAt == null)
                        .OrderBy(b => b.ProjectId)
                        .ThenBy(b => b.Name)
                        .ThenBy(b => b.Id)
                        .Take(300)
                        .Select(b => new
                        {
                            b.Id,
                            b.ProjectId,
                            b.Name,
                        })
                        .ToListAsync(ct)
                ).Select(b => (b.Id, b.ProjectId, b.Name)),
            ];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPlanAsync(
        Guid? projectId,
        OutageKind? kind,
        List<Guid>? buildingIds,
        DateTime? startsAt,
        DateTime? expectedEndAt,
        string? reason,
        string? temporaryWater,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(EmergencyRoles.OutagePlanners))
            return Forbid();
        Guid id = Guid.Empty;
        Error = await PageActions.TryAsync(ModelState, async () =>
            id = await plan.PlanAsync(
                Validator.Check(
                    new PlanOutageInput(
                        projectId,
                        kind,
                        buildingIds,
                        null,
                        ChinaTime.FromInput(startsAt),
                        ChinaTime.FromInput(expectedEndAt),
                        reason,
                        temporaryWater
                    )
                ),
                ct
            )
        );
        return Error is null ? Redirect(OutageReads.Link(id)) : await ShowAsync(ct);
    }
}
