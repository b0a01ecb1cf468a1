using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

[EnableRateLimiting(SignInLimits.Policy)]
public sealed class SignInModel(SignInAttempts attempts) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = Loc.T("请输入用户名和密码", "Enter your user name and password");
            return Page();
        }
        var result = await attempts.PasswordSignInAsync(UserName, Password, persistent: true, IdentityConstants.ApplicationScheme);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : "/");
        Error = result.IsLockedOut ? attempts.LockedMessage : Loc.T("用户名或密码错误", "Wrong user name or password");
        if (result.IsLockedOut)
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
