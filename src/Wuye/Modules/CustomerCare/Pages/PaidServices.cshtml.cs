using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.PaidServices;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>特约服务: the orders to assign and do (a technician: theirs), done ones with payment and rating; the menu, which the
/// desk and managers extend.</summary>
internal sealed class PaidServicesModel(WuyeDb db, ScopeAccessor scopes, PaidServices paid, KeepPaidMenu menu) : PageModel
{
    public List<PaidOrderDto> Orders { get; private set; } = [];
    public List<PaidServiceDto> Menu { get; private set; } = [];
    public List<(Guid Id, Guid? ProjectId, string Name)> Staff { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayAssign { get; private set; }
    public bool MayKeepMenu { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? StaffId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public decimal? PaidAmount { get; set; }

    [BindProperty]
    public PaidMethod? PaidMethod { get; set; }

    [BindProperty]
    public NewPaidService? Item { get; set; }

    [BindProperty]
    public decimal? EditPrice { get; set; }

    [BindProperty]
    public string? EditDescription { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(PaidServices.Doers))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        ActAsync(CareRoles.Stewards, () => paid.AssignAsync(id, new AssignPaidOrder(StaffId), ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) =>
        ActAsync(PaidServices.Doers, () => paid.CompleteAsync(id, new CompletePaidOrder(Note, PaidAmount, PaidMethod), ct), ct);

    public Task<IActionResult> OnPostItemAsync(CancellationToken ct) =>
        ActAsync(CareRoles.Publishers, () => paid.AddServiceAsync(Item ?? new(null, null, null, null, null, null), ct), ct);

    public Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct) =>
        ActAsync(CareRoles.Publishers, () => menu.EditAsync(id, new EditPaidService(EditPrice, EditDescription), ct), ct);

    public Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct) =>
        ActAsync(CareRoles.Publishers, () => menu.RetireAsync(id, ct), ct);

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
        var s = scopes.Scope;
        MayAssign = s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains);
        MayKeepMenu = CareRoles.MayPublish(s);
        Orders = await paid.OrderDtos(paid.Orders(null, !MayAssign).Where(o => o.Status != PaidOrderStatus.Cancelled))
            .Take(100)
            .ToListAsync(ct);
        Menu = await PaidServices.MenuDtos(await paid.MenuAsync(null, ct)).Take(200).ToListAsync(ct);
        if (MayAssign)
            Staff =
            [
                .. (
                    await db.StaffRefs()
                        .AsNoTracking()
                        .Where(m => m.ArchivedAt == null && m.UserId != null)
                        .OrderBy(m => m.Name)
                        .ThenBy(m => m.Id)
                        .Take(300)
                        .Select(m => new
                        {
                            m.Id,
                            m.ProjectId,
                            m.Name,
                        })
                        .ToListAsync(ct)
                ).Select(m => (m.Id, m.ProjectId, m.Name)),
            ];
        if (MayKeepMenu)
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
    }
}
