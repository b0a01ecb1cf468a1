using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Inspections.Features;
using Wuye.Platform.Database;

namespace Wuye.Pages.Inspections;

public sealed class TeamsModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    public string Month { get; private set; } = "";
    public List<TeamMonthRow> Ranking { get; private set; } = [];
    public List<SupervisionReminder> Reminders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Qpi.TryMonth(MonthText, out var month)) month = Qpi.MonthOf(Qpi.Today(clock));
        Month = month.ToString("yyyy-MM");
        Ranking = await TeamMutualCheckEndpoints.RankAsync(db, clock, null, month, month.AddMonths(1), ct);
        Reminders = await SiteSupervisionEndpoints.RemindersAsync(db, clock, ct);
    }
}
