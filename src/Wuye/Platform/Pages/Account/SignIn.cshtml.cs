using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

[EnableRateLimiting(SignInLimits.Policy)]
public sealed class SignInModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = Loc.T("请输入用户名和密码", "Enter your user name and password");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : "/");
        Error = result.IsLockedOut
            ? Loc.T("登录失败次数过多，账号已锁定 15 分钟，请稍后再试或联系管理员", "Too many failed sign-ins: the account is locked for 15 minutes. Try later or ask an administrator.")
            : Loc.T("用户名或密码错误", "Wrong user name or password");
        if (result.IsLockedOut) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
