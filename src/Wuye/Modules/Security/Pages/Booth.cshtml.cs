using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.BoothReceipts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 岗亭收费 on a phone (万科#6): the booth guard takes a fee with one tap (a quick amount, or typed) and hands over the numbered
/// receipt; the last receipt, if the driver did not take it, is voided at once with its reason; today's receipts of the booth.
/// </summary>
internal sealed class BoothModel(WuyeDb db, ScopeAccessor scopes, BoothReceiptHandler handler, TimeProvider clock) : PageModel
{
    public static readonly decimal[] QuickAmounts = [5m, 10m, 15m, 20m, 30m];

    [BindProperty(SupportsGet = true)]
    public Guid? Post { get; set; }
    public List<BoothDto> Booths { get; private set; } = [];
    public BoothDto? Booth { get; private set; }
    public List<BoothReceiptDto> Today { get; private set; } = [];

    /// <summary>The guard's own last receipt at this booth, still within the void window: the one a driver may leave behind.</summary>
    public BoothReceiptDto? Last { get; private set; }
    public BoothReceiptDto? Issued { get; private set; }
    public bool Cashier => SecurityRoles.MayIssueReceipts(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public int VoidMinutes => (int)handler.VoidWindow.TotalMinutes;

    private async Task LoadAsync(CancellationToken ct)
    {
        Booths = await handler.BoothsAsync(ct);
        Booth = Booths.FirstOrDefault(b => b.Id == Post) ?? Booths.FirstOrDefault();
        if (Booth is null)
            return;
        var today = ChinaTime.Today(clock);
        var list = await handler.Query(null, Booth.Id, today, today, null).Take(30).ToListAsync(ct);
        Today = [.. list.Select(BoothReceiptHandler.Dto)];
        var me = db.Scope.UserId;
        var since = clock.GetUtcNow() - handler.VoidWindow;
        var last = await db.Set<BoothReceipt>()
            .AsNoTracking()
            .Where(r => r.SecurityPostId == Booth.Id && r.IssuedBy == me && r.Source == ReceiptSource.Issued)
            .OrderByDescending(r => r.Serial)
            .FirstOrDefaultAsync(ct);
        Last = last is not null && last.VoidedAt is null && last.IssuedAt >= since ? BoothReceiptHandler.Dto(last) : null;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(
        decimal? quick,
        decimal? amount,
        PayMethod? method,
        string? plate,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Cashiers))
            return Forbid();
        var input = new IssueReceiptInput(Post, quick ?? amount, method ?? PayMethod.Cash, plate);
        BoothReceipt? r = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            r = await handler.IssueAsync(input, ct);
        });
        if (r is not null)
        {
            Issued = BoothReceiptHandler.Dto(r);
            Done = Loc.T(
                $"已开收据 {r.PostName} No.{r.Number}，¥{r.Amount:0.00}",
                $"Receipt {r.PostName} No.{r.Number} issued, ¥{r.Amount:0.00}"
            );
        }
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVoidAsync(Guid id, string? reason, string? other, CancellationToken ct)
    {
        if (!scopes.ActAs([.. SecurityRoles.Cashiers, .. SecurityRoles.Reconcilers]))
            return Forbid();
        var input = new VoidReceiptInput(reason == "other" ? other : reason);
        BoothReceipt? r = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            r = await handler.VoidAsync(id, input, ct);
        });
        if (r is not null)
            Done = Loc.T($"收据 {r.PostName} No.{r.Number} 已作废", $"Receipt {r.PostName} No.{r.Number} voided");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
