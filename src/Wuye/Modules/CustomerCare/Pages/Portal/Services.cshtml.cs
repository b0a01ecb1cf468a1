using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Features.PaidServices;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages.Portal;

/// <summary>特约服务 for an owner: the priced menu of their homes' projects, an order form per item, their orders and the rating
/// of the done ones.</summary>
internal sealed class ServicesModel(WuyeDb db, ScopeAccessor scopes, PaidServices paid, CancelPaidOrder cancel) : PageModel
{
    public List<PaidServiceDto> Menu { get; private set; } = [];
    public List<PaidOrderDto> Orders { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, string Label)> Homes { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public int? Quantity { get; set; }

    [BindProperty]
    public DateTime? WantedAt { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostOrderAsync(Guid serviceId, CancellationToken ct) =>
        ActAsync(() => paid.OrderAsync(new NewPaidOrder(serviceId, UnitId, Quantity, ChinaTime.FromInput(WantedAt), Note), ct), ct);

    public Task<IActionResult> OnPostRateAsync(Guid id, CancellationToken ct) =>
        ActAsync(() => paid.RateAsync(id, new RatePaidOrder(Rating, Comment), ct), ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => ActAsync(() => cancel.CancelAsync(id, ct), ct);

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
                        u.Label,
                    })
                    .ToListAsync(ct)
            ).Select(u => (u.Id, u.ProjectId, u.Label)),
        ];
        Menu = await PaidServices.MenuDtos(await paid.MenuAsync(null, ct)).Take(200).ToListAsync(ct);
        Orders = await paid.OrderDtos(paid.Orders(null, false)).Take(50).ToListAsync(ct);
    }
}
