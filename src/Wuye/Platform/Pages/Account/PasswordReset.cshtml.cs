using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Account;

/// <summary>
/// A forgotten password: a code by SMS to the account's mobile number, then a new password (the rules of /api/v1/auth/password-reset).
/// </summary>
[EnableRateLimiting(SignInLimits.CodesPolicy)]
public sealed class PasswordResetModel(PasswordReset reset) : PageModel
{
    [BindProperty]
    public string? Mobile { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }
    public string? Message { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostCodeAsync(CancellationToken ct)
    {
        try
        {
            Message = await reset.SendCodeAsync(Validator.Check(new ResetCodeRequest(Mobile)).Mobile!, ct);
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken ct)
    {
        try
        {
            var input = Validator.Check(new PasswordResetInput(Mobile, Code, Password));
            await reset.ResetAsync(input.Mobile!, input.Code!, input.Password!, ct);
            return LocalRedirect("/account/sign-in?reset=1");
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
            return Page();
        }
    }
}
