using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.CompleteDrill;
using Wuye.Modules.Emergencies.Features.CompleteDrillAction;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.RunDrill;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>One drill: run it (its steps timed on the incident page in drill mode), complete it with who took part, the summary and the
/// findings as actions with owners and deadlines; each owner marks their action done here.</summary>
internal sealed class DrillModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, DrillReads reads) : PageModel
{
    public const int FindingRows = 3;
    public DrillDto Drill { get; private set; } = null!;
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public bool Manager => EmergencyRoles.MayManage(db.Scope);
    public bool OnDuty => EmergencyRoles.OnDutyHere(db.Scope);
    public Guid? Me => db.Scope.UserId;
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        EmergencyRoles.MayRead(db.Scope) ? await ShowAsync(id, ct) : Forbid();

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Drill = await reads.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Today = ChinaTime.Today(clock);
        if (Manager && Drill.CompletedAt is null)
        {
            var project = Drill.ProjectId;
            var company = await db.Set<Drill>().Where(d => d.Id == id).Select(d => d.CompanyId).FirstAsync(ct);
            Staff =
            [
                .. (
                    await db
                        .RoleAssignments.AsNoTracking()
                        .Where(r => r.CompanyId == company && (r.ProjectId == null || r.ProjectId == project))
                        .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { u.Id, Name = u.DisplayName ?? u.UserName ?? "" })
                        .Distinct()
                        .OrderBy(u => u.Name)
                        .Take(200)
                        .ToListAsync(ct)
                ).Select(u => (u.Id, u.Name)),
            ];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(Guid id, [FromServices] RunDrillHandler run, CancellationToken ct)
    {
        if (!scopes.ActAs(EmergencyRoles.OnDuty))
            return Forbid();
        Guid incident = Guid.Empty;
        Error = await PageActions.TryAsync(ModelState, async () => incident = await run.StartAsync(id, ct));
        return Error is null ? Redirect(IncidentReads.Link(incident)) : await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostCompleteAsync(
        Guid id,
        string? participants,
        string? summary,
        List<string?>? finding,
        List<Guid?>? owner,
        List<DateOnly?>? dueOn,
        [FromServices] CompleteDrillHandler complete,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(EmergencyRoles.Managers))
            return Forbid();
        var people = (participants ?? "").Split(
            ['\n', ',', '，', '、', ';', '；'],
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
        );
        var findings = new List<FindingInput>();
        for (var i = 0; i < (finding?.Count ?? 0); i++)
            if (!string.IsNullOrWhiteSpace(finding![i]))
                findings.Add(new FindingInput(finding[i], owner?.ElementAtOrDefault(i), dueOn?.ElementAtOrDefault(i)));
        var input = new CompleteDrillInput([.. people], summary, findings);
        Error = await PageActions.TryAsync(ModelState, () => complete.CompleteAsync(id, Validator.Check(input), ct));
        return Error is null ? Redirect(DrillReads.Link(id)) : await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDoneAsync(
        Guid id,
        Guid actionId,
        [FromServices] CompleteDrillActionHandler done,
        CancellationToken ct
    )
    {
        if (!EmergencyRoles.MayRead(db.Scope))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => done.DoneAsync(id, actionId, ct));
        return Error is null ? Redirect(DrillReads.Link(id) + $"#a-{actionId}") : await ShowAsync(id, ct);
    }
}
