using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.CloseIncident;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Modules.Emergencies.Features.RecordIncidentEntry;
using Wuye.Modules.Emergencies.Features.TellResidents;
using Wuye.Modules.Emergencies.Features.TickIncidentStep;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Pages;

/// <summary>
/// One incident on a phone: the steps to tick (late ones flagged), the numbers to call (a call made goes on the timeline), notes and
/// photos from the scene, the residents told, and closing with cause and summary.
/// </summary>
internal sealed class IncidentModel(
    WuyeDb db,
    ScopeAccessor scopes,
    IncidentReads reads,
    PlanReads plans,
    FileStore files,
    TickIncidentStepHandler ticks,
    RecordIncidentEntryHandler entries,
    ResidentNotices notices,
    CloseIncidentHandler closes
) : PageModel
{
    public IncidentDto Incident { get; private set; } = null!;
    public List<PlanContactDto> Contacts { get; private set; } = [];
    public string? Error { get; private set; }
    public bool MayAct => EmergencyRoles.OnDutyHere(db.Scope) && Incident.ClosedAt is null;

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Incident = await reads.OneAsync(id, ct);
            Contacts = [.. (await plans.OneAsync(Incident.EmergencyPlanId, ct)).Contacts];
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        EmergencyRoles.MayRead(db.Scope) ? ShowAsync(id, ct) : Task.FromResult<IActionResult>(Forbid());

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(EmergencyRoles.OnDuty))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        return Error is null ? Redirect(IncidentReads.Link(id)) : await ShowAsync(id, ct);
    }

    public Task<IActionResult> OnPostTickAsync(Guid id, int position, string? note, CancellationToken ct) =>
        ActAsync(id, () => ticks.TickAsync(id, position, Validator.Check(new TickInput(note)), ct), ct);

    public Task<IActionResult> OnPostCallAsync(Guid id, string? text, CancellationToken ct) =>
        ActAsync(
            id,
            () =>
                entries.RecordAsync(
                    id,
                    Validator.Check(new EntryInput(EntryInputKind.Call, Loc.T($"已拨打 {text}", $"Called {text}"))),
                    null,
                    ct
                ),
            ct
        );

    public Task<IActionResult> OnPostNoteAsync(Guid id, string? text, IFormFile? photo, CancellationToken ct) =>
        ActAsync(
            id,
            async () =>
            {
                var input = Validator.Check(
                    new EntryInput(
                        EntryInputKind.Note,
                        string.IsNullOrWhiteSpace(text) && photo is not null ? Loc.T("现场照片", "Photo") : text
                    )
                );
                var project = await db.Set<Incident>().Where(i => i.Id == id).Select(i => (Guid?)i.ProjectId).FirstOrDefaultAsync(ct);
                var ids = await PageActions.SavePhotosAsync(files, photo is null ? [] : [photo], project, null, ct);
                await PageActions.WithPhotosAsync(files, ids, () => entries.RecordAsync(id, input, ids.Length > 0 ? ids[0] : null, ct));
            },
            ct
        );

    public Task<IActionResult> OnPostNoticeAsync(Guid id, string? text, CancellationToken ct) =>
        ActAsync(id, () => notices.TellAsync(id, Validator.Check(new NoticeInput(text)), ct), ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? cause, string? summary, string? openStepsReason, CancellationToken ct) =>
        ActAsync(id, () => closes.CloseAsync(id, Validator.Check(new CloseInput(cause, summary, openStepsReason)), ct), ct);
}
