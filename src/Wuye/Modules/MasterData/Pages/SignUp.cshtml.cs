using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Features.OwnerSignUp;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>The owner portal's sign-up: the number on record, the SMS code, a password (the same rules as /api/v1/auth/sign-up).</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInLimits.CodesPolicy)]
internal sealed class SignUpModel(
    WuyeDb db,
    ScopeAccessor scope,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    TimeProvider clock,
    IOptions<WuyeOptions> options
) : PageModel
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
            Message = await OwnerSignUp.SendCodeAsync(db, scope, clock, options.Value, Validator.Check(new CodeRequest(Mobile)), ct);
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSignUpAsync(CancellationToken ct)
    {
        try
        {
            var user = await OwnerSignUp.SignUpAsync(
                db,
                scope,
                users,
                clock,
                Validator.Check(new SignUpInput(Mobile, Code, Password, null)),
                ct
            );
            await signIn.SignInAsync(user, isPersistent: true);
            return LocalRedirect("/");
        }
        catch (ValidationException ex)
        {
            Errors.AddRange(ex.Errors.SelectMany(e => e.Value));
        }
        return Page();
    }
}
