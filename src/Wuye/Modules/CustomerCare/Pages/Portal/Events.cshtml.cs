using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CommunityEvents;
using Wuye.Modules.CustomerCare.Features.ReceptionDays;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages.Portal;

/// <summary>社区活动 for an owner: the coming events of their homes' projects and zones with the places left and a sign-up form
/// (home, people), their sign-ups, and the clubs to join or leave.</summary>
internal sealed class EventsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    CommunityEventReads reads,
    CommunityEventWrites writes,
    Clubs clubs,
    ReceptionDays reception
) : PageModel
{
    public List<ReceptionDayDto> Days { get; private set; } = [];
    public List<ReceptionAppointmentDto> Booked { get; private set; } = [];

    [BindProperty]
    public string? Topic { get; set; }

    public Task<IActionResult> OnPostBookAsync(Guid dayId, CancellationToken ct) =>
        ActAsync(() => reception.BookAsync(dayId, new NewReceptionAppointment(UnitId, Topic), ct), ct);

    public List<CommunityEventDto> Coming { get; private set; } = [];
    public List<EventSignUpDto> Mine { get; private set; } = [];
    public Dictionary<Guid, CommunityEventDto> MineEvents { get; private set; } = [];
    public List<ClubDto> ClubList { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, Guid? ZoneId, string Label)> Homes { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public int? People { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSignUpAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => writes.SignUpAsync(id, new NewEventSignUp(UnitId, People, Note), ct), ct);

    public Task<IActionResult> OnPostJoinAsync(Guid clubId, CancellationToken ct) =>
        ActAsync(() => clubs.JoinAsync(clubId, new JoinClub(UnitId), ct), ct);

    public Task<IActionResult> OnPostLeaveAsync(Guid clubId, CancellationToken ct) =>
        ActAsync(() => clubs.LeaveAsync(clubId, UnitId ?? Guid.Empty, ct), ct);

    private async Task<IActionResult> ActAsync(Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = Loc.T("已提交", "Sent");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Homes =
        [
            .. (
                await db.OwnUnitRefs()
                    .OrderBy(u => u.Label)
                    .ThenBy(u => u.Id)
                    .Select(u => new
                    {
                        u.Id,
                        u.ProjectId,
                        u.ZoneId,
                        u.Label,
                    })
                    .ToListAsync(ct)
            ).Select(u => (u.Id, u.ProjectId, u.ZoneId, u.Label)),
        ];
        Coming = [.. (await reads.ListAsync(null, null, true, 1, 50, ct)).Items];
        Mine = await reads.SignUps(db.Set<EventSignUp>()).Take(50).ToListAsync(ct);
        var ids = Mine.Select(s => s.EventId).Distinct().ToList();
        MineEvents = (
            await reads.WithCountsAsync(
                await CommunityEventReads.Dtos((await reads.VisibleAsync(ct)).Where(e => ids.Contains(e.Id))).ToListAsync(ct),
                ct
            )
        ).ToDictionary(e => e.Id);
        ClubList = await clubs.ListAsync(null, ct);
        Days = await reception.ListAsync(true, ct);
        foreach (var d in Days)
            Booked.AddRange(await reception.Appointments(d.Id).Take(20).ToListAsync(ct));
    }

    public IEnumerable<(Guid Id, string Label)> HomesFor(Guid projectId, Guid? zoneId) =>
        Homes.Where(h => h.ProjectId == projectId && (zoneId == null || h.ZoneId == zoneId)).Select(h => (h.Id, h.Label));
}
