using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CareCalendar;
using Wuye.Modules.CustomerCare.Features.Profiles;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>One household's profile: members with birthdays and move-in, interests and consent, business, tags, and its segments
/// with the reasons; the steward edits the profile here.</summary>
internal sealed class HouseholdModel(ScopeAccessor scopes, OwnerProfiles profiles, CareTasks care) : PageModel
{
    public List<CareTaskDto> Tasks { get; private set; } = [];
    public List<CareVisitDto> Visits { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "task")]
    public Guid? Highlighted { get; set; }

    [BindProperty]
    public CareKind? EventKind { get; set; }

    [BindProperty]
    public DateOnly? EventDate { get; set; }

    [BindProperty]
    public string? EventNote { get; set; }

    [BindProperty]
    public Guid? CareTaskId { get; set; }

    [BindProperty]
    public string? Asked { get; set; }

    [BindProperty]
    public string? FollowUp { get; set; }

    [BindProperty]
    public DateOnly? FollowUpDue { get; set; }

    public HouseholdProfileDto? Profile { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public string? BusinessName { get; set; }

    [BindProperty]
    public DateOnly? LicenceDate { get; set; }

    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid PersonId { get; set; }

    [BindProperty]
    public string? Interests { get; set; }

    [BindProperty]
    public string? Consent { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostHouseholdAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => profiles.SaveHouseholdAsync(id, new HouseholdInput(BusinessName, LicenceDate, Split(Tags), Note), ct), ct);

    public Task<IActionResult> OnPostMemberAsync(Guid id, CancellationToken ct)
    {
        bool? consent = Consent switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        return ActAsync(id, () => profiles.SaveMemberAsync(id, PersonId, new MemberInput(Split(Interests), consent), ct), ct);
    }

    public Task<IActionResult> OnPostEventAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => care.NoteAsync(new NewLifeEvent(id, null, EventKind, EventDate, EventNote), ct), ct);

    public Task<IActionResult> OnPostVisitAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => care.VisitAsync(new NewCareVisit(id, null, CareTaskId, null, Asked, FollowUp, FollowUpDue), ct), ct);

    private static string[] Split(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = Loc.T("已保存", "Saved");
            return RedirectToPage(new { id });
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Profile = await profiles.GetAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Tasks = [.. (await care.Dtos(care.Query(null, id, null, false)).Take(30).ToListAsync(ct)).Select(CareTasks.Named)];
        Visits = await CareTasks.VisitDtos(care.VisitRows(id)).Take(20).ToListAsync(ct);
        if (!ModelState.ContainsKey(nameof(BusinessName)))
        {
            BusinessName = Profile.BusinessName;
            LicenceDate = Profile.LicenceDate;
            Tags = string.Join("，", Profile.Tags);
            Note = Profile.Note;
        }
        return true;
    }
}
