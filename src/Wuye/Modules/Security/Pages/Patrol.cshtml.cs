using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ListPatrolRounds;
using Wuye.Modules.Security.Features.ListPatrolRoutes;
using Wuye.Modules.Security.Features.SecurityHomeTasks;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>巡逻: the day's rounds with their state and grade (or the last 7 days' missed ones), and the routes for the supervisor.</summary>
internal sealed class PatrolModel(WuyeDb db, TimeProvider clock, RoundViews views, RouteReads routes) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }
    public DateOnly Day { get; private set; }
    public bool Missed => View == "missed";
    public List<RoundDto> Rounds { get; private set; } = [];
    public List<RouteDto> Routes { get; private set; } = [];
    public bool Supervisor => SecurityRoles.MaySupervise(db.Scope);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        Day = Date ?? ChinaTime.Today(clock);
        var query = Missed
            ? SecurityHomeTasks.MissedRecently(db, clock.GetUtcNow()).AsNoTracking().OrderByDescending(r => r.StartsAt).ThenBy(r => r.Id)
            : ListPatrolRoundsEndpoints.OnDay(db, Day, null);
        Rounds = await views.ToDtosAsync(await query.Take(200).ToListAsync(ct), false, ct);
        if (Supervisor)
            Routes = await routes.ListAsync(
                db.Set<PatrolRoute>().AsNoTracking().Where(r => r.ArchivedAt == null).OrderBy(r => r.Name).ThenBy(r => r.Id).Take(100),
                ct
            );
        return Page();
    }

    public static string Badge(RoundState s) =>
        s switch
        {
            RoundState.Completed => "bg-green-lt",
            RoundState.Missed => "bg-red-lt",
            RoundState.Overdue => "bg-orange-lt",
            RoundState.InProgress => "bg-blue-lt",
            _ => "bg-secondary-lt",
        };
}
