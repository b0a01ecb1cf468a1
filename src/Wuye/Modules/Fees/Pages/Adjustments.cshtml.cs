using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.FeeAdjustments;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>减免: fee staff ask to reduce an open bill; a manager who did not ask approves (a credit note) or rejects, saying why.</summary>
internal sealed class AdjustmentsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, FeeAdjustmentsHandler adjustments) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty]
    public Guid? BillId { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public AdjustmentReason? Reason { get; set; }

    [BindProperty]
    public string? ReasonText { get; set; }

    public List<UnitLabelRef> Found { get; private set; } = [];
    public string? UnitLabel { get; private set; }
    public List<BillDto> OpenBills { get; private set; } = [];
    public List<AdjustmentDto> Items { get; private set; } = [];
    public bool MayDecide { get; private set; }
    public Guid? Me { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewAdjustment(BillId, Amount, Reason, ReasonText);
            Validator.Check(input);
            await adjustments.RequestAsync(input, ct);
        });
        if (Error is null)
            return Redirect("/fees/adjustments?done=requested");
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? note, CancellationToken ct) => DecideAsync(id, true, note, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? note, CancellationToken ct) => DecideAsync(id, false, note, ct);

    private async Task<IActionResult> DecideAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Managers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(new AdjustmentDecision(note));
            await adjustments.DecideAsync(id, approve, note, ct);
        });
        if (Error is null)
            return Redirect($"/fees/adjustments?done={(approve ? "approved" : "rejected")}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayDecide = FeeRoles.MayManage(db.Scope);
        Me = db.Scope.UserId;
        Done = Request.Query["done"].ToString() switch
        {
            "requested" => Loc.T("已提交，等待经理审批", "Sent; a manager will decide"),
            "approved" => Loc.T("已批准，减免单已冲抵账单", "Approved; the credit note settled the bill"),
            "rejected" => Loc.T("已驳回", "Rejected"),
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var t = Q.Trim();
            Found = await db.UnitLabels().Where(u => u.Label.Contains(t)).OrderBy(u => u.Label).ThenBy(u => u.Id).Take(20).ToListAsync(ct);
        }
        if (UnitId is { } unit)
        {
            UnitLabel = await db.UnitRefs().Where(u => u.Id == unit).Select(u => u.FullLabel).FirstOrDefaultAsync(ct);
            if (UnitLabel is null)
                UnitId = null;
            else
                OpenBills = await BillQueries.LoadAsync(
                    db,
                    db.Set<Bill>().Where(b => b.UnitId == unit && b.Paid < b.Amount).OrderBy(b => b.DueDate).ThenBy(b => b.Id),
                    ChinaTime.Today(clock),
                    ct
                );
        }
        Items = [.. (await adjustments.ListAsync(null, All ? null : AdjustmentStatus.Pending, 1, 50, ct)).Items];
    }
}
