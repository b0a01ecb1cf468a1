using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.VendorMeetings;
using Wuye.Modules.Facilities.Features.VendorScorecards;
using Wuye.Modules.Facilities.Features.VendorStars;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>外包考评: the month's vendor scorecards, ranked, each with its records, its contract end (near ones marked) and its open
/// meeting actions (overdue ones marked) and its best employees of the month.</summary>
internal sealed class VendorsModel(
    WuyeDb db,
    TimeProvider clock,
    VendorScorecardReader reader,
    VendorMeetingService meetings,
    VendorStarService stars
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public List<VendorScorecardDto> Cards { get; private set; } = [];

    /// <summary>Each vendor's open meeting actions (000#18), overdue first.</summary>
    public ILookup<Guid, VendorMeetingActionDto> Actions { get; private set; } =
        Enumerable.Empty<VendorMeetingActionDto>().ToLookup(a => a.VendorId);

    /// <summary>Each vendor's best employees of the month (000#17), one per project.</summary>
    public ILookup<Guid, VendorStarDto> Stars { get; private set; } = Enumerable.Empty<VendorStarDto>().ToLookup(s => s.VendorId);
    public string? Error { get; private set; }
    public const int Soon = VendorContractJob.Days;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayReadVendors(db.Scope))
            return Forbid();
        var m = ChinaTime.Today(clock);
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", out m))
        {
            Error = Loc.T("月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
            m = ChinaTime.Today(clock);
        }
        Month = $"{m:yyyy-MM}";
        Cards = await reader.MonthAsync(m, null, ct);
        Actions = (await meetings.ActionsAsync(null, null, true, ct))
            .OrderByDescending(a => a.Overdue)
            .ThenBy(a => a.DueOn)
            .ToLookup(a => a.VendorId);
        Stars = (await stars.ListAsync(null, m, null, ct)).ToLookup(s => s.VendorId);
        return Page();
    }
}
