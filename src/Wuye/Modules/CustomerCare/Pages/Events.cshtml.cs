using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CommunityEvents;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>社区活动 for stewards, the desk and managers: the year against the seeds' goals, the events to check in now, the form to
/// announce one (with its invitations), the coming and past events, and the clubs.</summary>
internal sealed class EventsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    CommunityEventReads reads,
    CommunityEventWrites writes,
    Clubs clubs,
    BirthdayParties parties
) : PageModel
{
    /// <summary>The care calendar's birthday-party proposal for the first project and the month (yyyy-MM; this month by default).</summary>
    public BirthdayProposalDto? Birthday { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public List<CommunityYearDto> Year { get; private set; } = [];
    public List<CommunityEventDto> Now { get; private set; } = [];
    public List<CommunityEventDto> Coming { get; private set; } = [];
    public List<CommunityEventDto> Past { get; private set; } = [];
    public Dictionary<Guid, List<EventSignUpDto>> SignUps { get; private set; } = [];
    public List<ClubDto> ClubList { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, string Name)> Zones { get; private set; } = [];
    public bool MayFoundClubs { get; private set; }
    public int ThisYear { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public Guid? ZoneId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Theme { get; set; }

    [BindProperty]
    public string? Interests { get; set; }

    [BindProperty]
    public DateTime? StartsAt { get; set; }

    [BindProperty]
    public DateTime? EndsAt { get; set; }

    [BindProperty]
    public string? Place { get; set; }

    [BindProperty]
    public int? Capacity { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public int? Attended { get; set; }

    [BindProperty]
    public NewClub? Club { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) =>
        ActAsync(
            CareRoles.Stewards,
            () =>
                writes.CreateAsync(
                    new NewCommunityEvent(
                        ProjectId,
                        ZoneId,
                        Title,
                        Theme,
                        Interests?.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                        ChinaTime.FromInput(StartsAt),
                        ChinaTime.FromInput(EndsAt),
                        Place,
                        Capacity,
                        Description
                    ),
                    ct
                ),
            ct
        );

    public Task<IActionResult> OnPostBirthdayAsync(CancellationToken ct) =>
        ActAsync(
            CareRoles.Stewards,
            () =>
                parties.CreateAsync(
                    new NewBirthdayParty(
                        ProjectId,
                        null,
                        Month,
                        Title,
                        ChinaTime.FromInput(StartsAt),
                        ChinaTime.FromInput(EndsAt),
                        Place,
                        Capacity,
                        Description
                    ),
                    ct
                ),
            ct
        );

    public Task<IActionResult> OnPostCheckInAsync(Guid id, Guid signUpId, CancellationToken ct) =>
        ActAsync(CareRoles.Stewards, () => writes.CheckInAsync(id, new EventCheckIn(signUpId, Attended), ct), ct);

    public Task<IActionResult> OnPostClubAsync(CancellationToken ct) =>
        ActAsync(CareRoles.Publishers, () => clubs.CreateAsync(Club ?? new(null, null, null, null), ct), ct);

    private async Task<IActionResult> ActAsync(string[] roles, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(roles))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = Loc.T("已保存", "Saved");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        ThisYear = ChinaTime.Now(clock).Year;
        MayFoundClubs = CareRoles.MayPublish(scopes.Scope);
        Year = await reads.YearAsync(ThisYear, ct);
        var visible = await reads.VisibleAsync(ct);
        var soon = now.AddDays(2);
        var checkIn = visible.Where(e => e.Status == CommunityEventStatus.Open && e.StartsAt <= soon && e.StartsAt > now.AddDays(-2));
        Now = (
            await reads.WithCountsAsync(
                await CommunityEventReads.Dtos(checkIn.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)).Take(20).ToListAsync(ct),
                ct
            )
        )
            .Where(e => CommunityEvent.CheckInOpen(e.StartsAt, now))
            .ToList();
        Coming = await reads.WithCountsAsync(
            await CommunityEventReads
                .Dtos(visible.Where(e => e.StartsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id))
                .Take(30)
                .ToListAsync(ct),
            ct
        );
        Past = await reads.WithCountsAsync(
            await CommunityEventReads
                .Dtos(visible.Where(e => e.StartsAt <= now).OrderByDescending(e => e.StartsAt).ThenBy(e => e.Id))
                .Take(30)
                .ToListAsync(ct),
            ct
        );
        var ids = Now.Select(e => e.Id).ToList();
        var signUps = await reads.SignUps(db.Set<EventSignUp>().Where(s => ids.Contains(s.EventId))).Take(1000).ToListAsync(ct);
        SignUps = signUps.GroupBy(s => s.EventId).ToDictionary(g => g.Key, g => g.ToList());
        ClubList = await clubs.ListAsync(null, ct);
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Take(200)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        var today = ChinaTime.Today(clock);
        var month = BirthdayParties.ParseMonth(Month) ?? new DateOnly(today.Year, today.Month, 1);
        Birthday = Projects.Count > 0 ? await parties.ProposeAsync(ProjectId ?? Projects[0].Id, null, month, ct) : null;
        var me = scopes.Scope.UserId;
        Zones =
        [
            .. (
                await db.ZoneRefs()
                    .AsNoTracking()
                    .Where(z => z.ArchivedAt == null && z.StewardUserId == me)
                    .OrderBy(z => z.Name)
                    .ThenBy(z => z.Id)
                    .Take(50)
                    .Select(z => new
                    {
                        z.Id,
                        z.ProjectId,
                        z.Name,
                    })
                    .ToListAsync(ct)
            ).Select(z => (z.Id, z.ProjectId, z.Name)),
        ];
    }
}
