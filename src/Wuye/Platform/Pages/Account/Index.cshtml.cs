using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

/// <summary>My account: name, mobile, language, the password change, and the sessions (each can be signed out).</summary>
public sealed class AccountModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    Identity.Accounts accounts,
    WuyeDb db,
    TimeProvider clock
) : PageModel
{
    public AccountDto Me { get; private set; } = null!;
    public List<SessionDto> Sessions { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Challenge();

    public async Task<IActionResult> OnPostProfileAsync(string? displayName, string? mobile, string? culture, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var input = new AccountInput(displayName, mobile, user.Email, culture);
        var v = new Validator();
        input.Validate(v);
        try
        {
            v.ThrowIfAny();
            user.DisplayName = displayName!.Trim();
            var m = string.IsNullOrWhiteSpace(mobile) ? null : mobile.Trim();
            if (m != user.PhoneNumber)
            {
                user.PhoneNumber = m;
                user.PhoneNumberConfirmed = false;
            }
            user.Culture = culture;
            Identity.Accounts.Check(await users.UpdateAsync(user), "displayName");
            await signIn.RefreshSignInAsync(user);
            if (culture is "zh-CN" or "en")
                Response.Cookies.Append(
                    Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                    Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture))
                );
            Saved = true;
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct)
    {
        var me = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await db.Set<UserSession>().AnyAsync(s => s.Id == id && s.UserId == me && s.EndedAt == null, ct))
            await accounts.EndSessionsAsync(me, id);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return false;
        Me = new(
            user.Id,
            user.UserName!,
            user.DisplayName,
            user.PhoneNumber,
            user.Email,
            user.Culture,
            user.MustChangePassword,
            user.LastSignInAt
        );
        var current = Guid.TryParse(User.FindFirstValue(AccountGate.SessionClaim), out var sid) ? sid : Guid.Empty;
        var since = clock.GetUtcNow().AddDays(-30);
        Sessions =
        [
            .. (
                await db.Set<UserSession>()
                    .AsNoTracking()
                    .Where(s => s.UserId == user.Id && s.EndedAt == null && s.CreatedAt > since)
                    .OrderByDescending(s => s.CreatedAt)
                    .Take(50)
                    .ToListAsync(ct)
            ).Select(s => new SessionDto(s.Id, s.Kind, s.UserAgent, s.Address, s.CreatedAt, s.Id == current)),
        ];
        return true;
    }
}
