using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CareCalendar;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>关怀任务: the steward's open care tasks (the desk and managers: their projects'), and the greetings sent lately.</summary>
internal sealed class CareTasksModel(ScopeAccessor scopes, CareTasks tasks, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public List<CareTaskDto> Open { get; private set; } = [];
    public List<CareTaskDto> Recent { get; private set; } = [];
    public DateOnly Today => Wuye.Platform.Web.ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        var mine = !All && scopes.Scope.Roles.Contains(Wuye.Platform.Identity.Roles.Steward);
        Open =
        [
            .. (await tasks.Dtos(tasks.Query(null, null, CareTaskStatus.Open, mine)).Take(200).ToListAsync(ct)).Select(CareTasks.Named),
        ];
        Recent =
        [
            .. (
                await tasks
                    .Project(
                        tasks
                            .Query(null, null, null, mine)
                            .Where(t => t.Status != CareTaskStatus.Open)
                            .OrderByDescending(t => t.DoneAt)
                            .ThenByDescending(t => t.Id)
                            .Take(30)
                    )
                    .ToListAsync(ct)
            ).Select(CareTasks.Named),
        ];
        return Page();
    }
}
