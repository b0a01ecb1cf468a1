using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.RecordSafetyEvent;
using Wuye.Modules.Emergencies.Features.SafetyIndicators;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>安全指标: the year's indicators of each project against the 001/002 targets, the safety log, and for security and the
/// managers a form to record an event.</summary>
internal sealed class SafetyModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, SafetyReads reads, RecordSafetyEventHandler record)
    : PageModel
{
    public List<ProjectSafetyDto> Indicators { get; private set; } = [];
    public List<SafetyEventDto> Events { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool Recorder => db.Scope.IsGlobal || EmergencyRoles.SafetyRecorders.Any(db.Scope.HasRole);
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    private bool MayRead => db.Scope.IsGlobal || SafetyEndpoints.Readers.Any(db.Scope.HasRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => MayRead ? await ShowAsync(ct) : Forbid();

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Now = ChinaTime.Now(clock);
        if (Year is not (>= 2000 and <= 2100))
            Year = Now.Year;
        Indicators = await reads.IndicatorsAsync(null, Year.Value, ct);
        Events = await reads.ListAsync(reads.Events(null, Year, null).Take(100), ct);
        if (Recorder)
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
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(
        Guid? projectId,
        SafetyEventKind? kind,
        bool? major,
        DateTime? occurredAt,
        string? location,
        string? description,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(EmergencyRoles.SafetyRecorders))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            record.RecordAsync(
                Validator.Check(new SafetyEventInput(projectId, kind, major, ChinaTime.FromInput(occurredAt), location, description, null)),
                ct
            )
        );
        return Error is null ? Redirect(SafetyReads.Link) : await ShowAsync(ct);
    }
}
