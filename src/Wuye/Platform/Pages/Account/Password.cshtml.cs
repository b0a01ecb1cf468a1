using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

/// <summary>The password change; the only page an account with a one-time password reaches (AccountGate sends it here).</summary>
public sealed class PasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Identity.Accounts accounts) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }
    public bool MustChange { get; private set; }
    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        MustChange = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var wasOneTime = user.MustChangePassword;
        MustChange = wasOneTime;
        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            Errors.Add(Loc.T("请填写当前密码和新密码", "Enter the current and the new password"));
            return Page();
        }
        try
        {
            await accounts.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        if (wasOneTime)
            return LocalRedirect("/");
        MustChange = false;
        Done = true;
        return Page();
    }
}
