using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.ListPayments;
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
internal sealed class BillsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock) : PageModel
{
    public List<BillDto> Bills { get; private set; } = [];
    public List<PaymentRow> Payments { get; private set; } = [];
    public decimal Owed { get; private set; }
    public decimal Credit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
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
        return Page();
    }
}
