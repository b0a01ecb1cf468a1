using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

/// <summary>
/// Adds the display name and chosen language to the sign-in cookie and token, and opens a
/// session (<see cref="UserSession"/>) for each sign-in so the user can see and end it.
/// </summary>
internal sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    IOptions<IdentityOptions> options,
    WuyeDb db,
    IHttpContextAccessor http,
    TimeProvider clock
) : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim("display_name", user.DisplayName));
        if (!string.IsNullOrEmpty(user.Culture))
            id.AddClaim(new Claim("culture", user.Culture));
        if (http.HttpContext is { } ctx)
        {
            var now = clock.GetUtcNow();
            var sessionId = Guid.CreateVersion7();
            var kind = ctx.Request.Path.StartsWithSegments("/api") ? "token" : "cookie";
            var agent = ctx.Request.Headers.UserAgent.ToString() is { Length: > 0 } a ? (a.Length > 200 ? a[..200] : a) : null;
            var address = ctx.Connection.RemoteIpAddress?.ToString();
            // Plain SQL: a sign-in is not a change of the account (no change-log row, no concurrency stamp).
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                insert into identity.user_session (id, user_id, kind, user_agent, address, created_at)
                values ({sessionId}, {user.Id}, {kind}, {agent}, {address}, {now})
                """
            );
            await db.Database.ExecuteSqlInterpolatedAsync($"update identity.user_account set last_sign_in_at = {now} where id = {user.Id}");
            id.AddClaim(new Claim(AccountGate.SessionClaim, sessionId.ToString()));
        }
        return id;
    }
}

/// <summary>A disabled account may not sign in, whatever its password; only its right password learns that it is disabled.</summary>
internal sealed class AccountSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation
) : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>
    /// A disabled account is told so only with its right password: a wrong one is answered, and
    /// counted towards the lockout, like any wrong password, so the answer never tells a guesser
    /// that the account exists and is disabled.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (user.DisabledAt is null)
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (await UserManager.IsLockedOutAsync(user))
            return SignInResult.LockedOut;
        if (await UserManager.CheckPasswordAsync(user, password))
            return SignInResult.NotAllowed;
        if (lockoutOnFailure)
        {
            await UserManager.AccessFailedAsync(user);
            if (await UserManager.IsLockedOutAsync(user))
                return SignInResult.LockedOut;
        }
        return SignInResult.Failed;
    }
}
