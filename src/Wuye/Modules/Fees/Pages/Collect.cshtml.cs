using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OneOffCharges;
using Wuye.Modules.Fees.Features.RecordPayment;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>前台收款: find the home, see what it owes (oldest first, with late fees), take cash or a transfer, print the receipt.</summary>
internal sealed class CollectModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RecordPaymentHandler record,
    OneOffChargesHandler charges
) : PageModel
{
    /// <summary>A one-off charge to raise on the home (一次性收费): the item, and an amount when not the item's price.</summary>
    [BindProperty]
    public Guid? ChargeItemId { get; set; }

    [BindProperty]
    public decimal? ChargeAmount { get; set; }

    public List<(Guid Id, string Name, decimal Price)> OneOffItems { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public PaymentMethod? Method { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>One key per form shown: submitting it twice books one payment.</summary>
    [BindProperty]
    public Guid FormKey { get; set; }

    public List<UnitLabelRef> Found { get; private set; } = [];
    public string? UnitLabel { get; private set; }
    public List<BillDto> Open { get; private set; } = [];
    public decimal Credit { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Cashiers))
            return Forbid();
        FormKey = Guid.NewGuid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Cashiers))
            return Forbid();
        Payment? paid = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewPayment(UnitId, Amount, Method, Note);
            Validator.Check(input);
            paid = await record.HandleAsync(input, ct, FormKey == Guid.Empty ? null : FormKey);
        });
        if (paid is not null)
            return Redirect($"/fees/receipts/{paid.Id}");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostChargeAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Cashiers))
            return Forbid();
        // The use case names its fields as the API does (amount, feeItemId): on this page they are the charge form's, not the
        // payment form's amount.
        var errors = new ModelStateDictionary();
        Error = await PageActions.TryAsync(errors, () =>
            charges.ChargeAsync(new NewOneOffCharge(UnitId, ChargeItemId, null, ChargeAmount), Guid.CreateVersion7(), true, ct)
        );
        if (Error is null)
            return RedirectToPage(new { unitId = UnitId });
        foreach (var (field, entry) in errors)
        foreach (var e in entry.Errors)
            ModelState.AddModelError(
                field switch
                {
                    "amount" or "quantity" => nameof(ChargeAmount),
                    "feeItemId" => nameof(ChargeItemId),
                    _ => field,
                },
                e.ErrorMessage
            );
        FormKey = Guid.NewGuid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var t = Q.Trim();
            Found = await db.UnitLabels().Where(u => u.Label.Contains(t)).OrderBy(u => u.Label).ThenBy(u => u.Id).Take(20).ToListAsync(ct);
        }
        if (UnitId is not { } id)
            return;
        UnitLabel = await db.UnitRefs().Where(u => u.Id == id).Select(u => u.FullLabel).FirstOrDefaultAsync(ct);
        if (UnitLabel is null)
        {
            UnitId = null;
            return;
        }
        Open = await BillQueries.LoadAsync(
            db,
            db.Set<Bill>().Where(b => b.UnitId == id && b.Paid < b.Amount).OrderBy(b => b.DueDate).ThenBy(b => b.Id),
            ChinaTime.Today(clock),
            ct
        );
        var projectId = await db.UnitRefs().Where(u => u.Id == id).Select(u => u.ProjectId).FirstAsync(ct);
        OneOffItems =
        [
            .. (
                await db.Set<FeeItem>()
                    .Where(i => i.ProjectId == projectId && i.Kind == FeeKind.OneOff && i.ArchivedAt == null)
                    .OrderBy(i => i.Name)
                    .Select(i => new
                    {
                        i.Id,
                        i.Name,
                        i.UnitPrice,
                    })
                    .ToListAsync(ct)
            ).Select(i => (i.Id, i.Name, i.UnitPrice)),
        ];
        Credit = await db.Set<Payment>().Where(p => p.UnitId == id).SumAsync(p => p.Amount - p.Allocated, ct);
        Amount ??= Open.Sum(b => b.Outstanding) is var owed and > 0 ? owed : null;
    }
}
