using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Pages.Account;

/// <summary>消息设置: my SMS and e-mail channels and the withdrawal of consent (PIPL); emergencies always reach me.</summary>
public sealed class MessagesModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock) : PageModel
{
    public MessagePreferenceDto Pref { get; private set; } = PreferenceEndpoints.Dto(null);
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (scopes.Scope.UserId is null)
            return Challenge();
        Pref = PreferenceEndpoints.Dto(await db.Set<MessagePreference>().AsNoTracking().FirstOrDefaultAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? sms, bool email, bool optedOut, CancellationToken ct)
    {
        if (scopes.Scope.UserId is not { } me)
            return Challenge();
        var mode = Enum.TryParse<SmsMode>(sms, out var m) && Enum.IsDefined(m) ? m : SmsMode.Always;
        Pref = PreferenceEndpoints.Dto(await PreferenceEndpoints.SaveAsync(db, me, mode, email, optedOut, clock.GetUtcNow(), ct));
        Saved = true;
        return Page();
    }
}
