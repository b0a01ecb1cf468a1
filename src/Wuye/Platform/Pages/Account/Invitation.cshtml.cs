using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

/// <summary>The page the invitation SMS or e-mail links to: the code and a new password sign the invited person in.</summary>
[EnableRateLimiting(SignInLimits.CodesPolicy)]
public sealed class InvitationModel(Identity.Accounts accounts, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code) || string.IsNullOrEmpty(Password))
        {
            Errors.Add(Loc.T("请填写邀请码和密码", "Enter the code and a password"));
            return Page();
        }
        try
        {
            var user = await accounts.AcceptInvitationAsync(Code, Password, ct);
            await signIn.SignInAsync(user, isPersistent: true);
            return LocalRedirect("/");
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
            return Page();
        }
    }
}
