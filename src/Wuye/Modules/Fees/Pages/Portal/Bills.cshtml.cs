using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.ListPayments;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages.Portal;

/// <summary>
/// 我的账单: an owner's bills on a phone, each line with its basis (area × price), what is owed and the late
/// fee today; the receipts of what they paid.
/// </summary>
internal sealed class BillsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, OnlinePaymentsHandler online) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Order { get; set; }

    public PaymentOrderDto? OrderState { get; private set; }
    public bool OnlineOn => online.Gateway.Configured;
    public string? Error { get; private set; }

    public List<BillDto> Bills { get; private set; } = [];
    public List<PaymentRow> Payments { get; private set; } = [];
    public decimal Owed { get; private set; }
    public decimal Credit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>在线支付: places the order at the gateway and shows the owner the way to its cashier page.</summary>
    public async Task<IActionResult> OnPostPayAsync(Guid billId, CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        string? number = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            number = (await online.StartAsync(billId, OnlinePaymentsHandler.BaseUrl(online.Gateway), ct)).OrderNumber;
        });
        // To the order's banner with the gateway's cashier link (the pages' CSP keeps a form from redirecting off the site).
        if (Error is null && number is not null)
            return Redirect($"/portal/bills?order={number}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Order))
            OrderState = await db.Set<PaymentOrder>().AnyAsync(o => o.OrderNumber == Order, ct) ? await online.OneAsync(Order, ct) : null;
        var own = db.Scope.Units;
        Bills = await BillQueries.LoadAsync(
            db,
            db.Set<Bill>().Where(b => own.Contains(b.UnitId)).OrderByDescending(b => b.Period).ThenBy(b => b.Id).Take(36),
            ChinaTime.Today(clock),
            ct
        );
        Owed = await db.Set<Bill>().Where(b => own.Contains(b.UnitId)).SumAsync(b => b.Amount - b.Paid, ct);
        Credit = await db.Set<Payment>().Where(p => own.Contains(p.UnitId)).SumAsync(p => p.Amount - p.Allocated, ct);
        var labels = db.UnitLabels();
        Payments = await db.Set<Payment>()
            .AsNoTracking()
            .Where(p => own.Contains(p.UnitId))
            .OrderByDescending(p => p.PaidAt)
            .ThenByDescending(p => p.Id)
            .Take(20)
            .Select(x => new PaymentRow(
                x.Id,
                x.ReceiptNumber,
                x.ProjectId,
                x.UnitId,
                labels.Where(l => l.Id == x.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                x.Method,
                x.Amount,
                x.Amount - x.Allocated,
                x.PaidAt,
                x.ReceivedByName
            ))
            .ToListAsync(ct);
    }
}
