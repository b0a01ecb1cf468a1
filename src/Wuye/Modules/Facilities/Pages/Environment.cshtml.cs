using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.EnvironmentTasks;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>保洁绿化: the worker's tasks of today (and earlier ones left open) on a phone; the supervisors' board of a day, zone by
/// zone (done of due, overdue, failed spot checks).</summary>
internal sealed class EnvironmentModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public sealed record ZoneLine(
        Guid Id,
        string Name,
        EnvironmentWork Work,
        string? Team,
        int Due,
        int Done,
        int Overdue,
        int Checked,
        int Failed,
        List<EnvironmentTaskDto> Tasks
    );

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public DateOnly Today { get; private set; }
    public List<EnvironmentTaskDto> Mine { get; private set; } = [];
    public List<ZoneLine> Board { get; private set; } = [];
    public bool Worker => FacilitiesRoles.EnvironmentWorkers.Any(db.Scope.HasRole);
    public bool Supervisor => FacilitiesRoles.MaySupervise(db.Scope);
    public bool Planner => FacilitiesRoles.MayPlan(db.Scope);
    public bool ShowBoard => Supervisor && (View == "board" || !Worker);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayReadEnvironment(db.Scope))
            return Forbid();
        Today = ChinaTime.Today(clock);
        if (!ShowBoard)
        {
            var me = db.Scope.UserId;
            var tasks = await db.Set<EnvironmentTask>()
                .AsNoTracking()
                .Where(t =>
                    (t.AssigneeUserId == me || t.AssigneeUserId == null)
                    && (t.DueOn == Today || (t.DueOn < Today && t.Status == EnvironmentTaskStatus.Open))
                )
                .OrderBy(t => t.Status)
                .ThenBy(t => t.DueOn)
                .ThenBy(t => t.ZoneName)
                .ThenBy(t => t.Name)
                .ThenBy(t => t.Round)
                .ThenBy(t => t.Id)
                .Take(200)
                .ToListAsync(ct);
            Mine = [.. tasks.Select(t => EnvironmentService.ToDto(t, Today))];
            return Page();
        }
        var day = Day ?? Today;
        Day = day;
        var zones = await db.Set<EnvironmentZone>()
            .AsNoTracking()
            .Where(z => z.ArchivedAt == null)
            .OrderBy(z => z.Name)
            .ThenBy(z => z.Id)
            .Take(200)
            .ToListAsync(ct);
        var ofDay = (
            await db.Set<EnvironmentTask>()
                .AsNoTracking()
                .Where(t => t.DueOn == day)
                .OrderBy(t => t.Name)
                .ThenBy(t => t.Round)
                .ThenBy(t => t.Id)
                .Take(2000)
                .ToListAsync(ct)
        ).ToLookup(t => t.EnvironmentZoneId);
        var overdue = await db.Set<EnvironmentTask>()
            .Where(t => t.Status == EnvironmentTaskStatus.Open && t.DueOn < Today)
            .GroupBy(t => t.EnvironmentZoneId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Board =
        [
            .. zones.Select(z =>
            {
                var list = ofDay[z.Id].ToList();
                return new ZoneLine(
                    z.Id,
                    z.Name,
                    z.Work,
                    z.TeamName,
                    list.Count,
                    list.Count(t => t.Status == EnvironmentTaskStatus.Done),
                    overdue.GetValueOrDefault(z.Id),
                    list.Count(t => t.CheckedAt != null),
                    list.Count(t => t.CheckPassed == false),
                    [.. list.Select(t => EnvironmentService.ToDto(t, Today))]
                );
            }),
        ];
        return Page();
    }

    public static string Badge(EnvironmentTaskDto t) =>
        t.CheckPassed == false ? "bg-red-lt"
        : t.Status == EnvironmentTaskStatus.Done ? "bg-green-lt"
        : t.Overdue ? "bg-red-lt"
        : "bg-blue-lt";
}
