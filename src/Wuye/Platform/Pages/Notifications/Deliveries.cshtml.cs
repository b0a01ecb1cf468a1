using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Notifications;

/// <summary>
/// 发送记录: the messages the signed-in person caused, newest first, by channel and state (sent, delivered, failed with
/// the reason, held for quiet hours, not sent with the reason, retrying), filtered by state; a failed SMS or e-mail can be
/// sent again. Anyone signed in may open it and sees only their own messages.
/// </summary>
public sealed class DeliveriesModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, IOptions<ChannelOptions> options) : PageModel
{
    public const int Shown = 100;

    public List<OutboxMessage> Items { get; private set; } = [];
    public int Total { get; private set; }
    public DeliveryState? State { get; private set; }

    /// <summary>An SMS sent before this and still without a receipt shows as 无回执.</summary>
    public DateTimeOffset Cutoff { get; private set; }
    public HashSet<Guid> Retried { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Resent { get; private set; }

    public static readonly DeliveryState[] Filters =
    [
        DeliveryState.Failed,
        DeliveryState.Retrying,
        DeliveryState.Held,
        DeliveryState.Suppressed,
        DeliveryState.Sent,
        DeliveryState.Delivered,
        DeliveryState.NoReceipt,
    ];

    public async Task OnGetAsync(string? state, bool resent, CancellationToken ct)
    {
        Resent = resent;
        await LoadAsync(state, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, string? state, CancellationToken ct)
    {
        try
        {
            await DeliveryEndpoints.RetryAsync(db, scopes.Scope.UserId, id, clock.GetUtcNow(), ct);
            return RedirectToPage(new { state, resent = true });
        }
        catch (Exception e) when (e is RuleException or NotFoundException)
        {
            Error = e is RuleException r ? r.Text.ToString() : Loc.T("找不到这条消息", "Message not found");
            await LoadAsync(state, ct);
            return Page();
        }
    }

    private async Task LoadAsync(string? state, CancellationToken ct)
    {
        State = EnumQuery<DeliveryState>.TryParse(state, out var s) ? s.Value : null;
        Cutoff = Deliveries.ReceiptCutoff(clock.GetUtcNow(), options.Value);
        var q = DeliveryEndpoints.Mine(db, scopes.Scope.UserId, State, Cutoff);
        Total = await q.CountAsync(ct);
        Items = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Shown).ToListAsync(ct);
        var keys = Items.Select(m => $"retry:{m.Id:N}").ToList();
        var done = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(m => keys.Contains(m.DedupeKey!))
            .Select(m => m.DedupeKey!)
            .ToListAsync(ct);
        Retried = [.. Items.Where(m => done.Contains($"retry:{m.Id:N}")).Select(m => m.Id)];
    }

    public static string Badge(DeliveryState s) =>
        s switch
        {
            DeliveryState.Delivered => "bg-green-lt",
            DeliveryState.Failed => "bg-red-lt",
            DeliveryState.Retrying or DeliveryState.Held => "bg-yellow-lt",
            DeliveryState.Suppressed => "bg-secondary-lt",
            DeliveryState.NoReceipt => "bg-orange-lt",
            _ => "bg-blue-lt",
        };
}
