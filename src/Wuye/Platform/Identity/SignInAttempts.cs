using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Wuye.Platform.Identity;

/// <summary>
/// Password sign-in for the API and the sign-in page alike, answering a name that has no account
/// exactly as one that has: after the same number of failures it too is "locked" for the same time,
/// so the lockout answer never tells whether an account exists.
/// </summary>
public sealed class SignInAttempts(SignInManager<AppUser> signIn, IMemoryCache cache, IOptions<WuyeOptions> options, TimeProvider clock)
{
    public async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool persistent, string scheme)
    {
        signIn.AuthenticationScheme = scheme;
        var name = userName.Trim();
        var key = ("sign-in-unknown", name.ToUpperInvariant());
        var settings = options.Value.SignIn;
        if (cache.TryGetValue(key, out Failures? counted) && counted!.LockedUntil > clock.GetUtcNow())
            return SignInResult.LockedOut;
        var result = await signIn.PasswordSignInAsync(name, password, persistent, lockoutOnFailure: true);
        if (result.Succeeded || result.IsLockedOut || result.IsNotAllowed)
            return result;
        if (await signIn.UserManager.FindByNameAsync(name) is not null)
            return result;
        var failures = counted ?? new Failures();
        failures.Count++;
        if (failures.Count >= settings.MaxFailedAttempts)
        {
            failures.Count = 0;
            failures.LockedUntil = clock.GetUtcNow().AddMinutes(settings.LockoutMinutes);
        }
        cache.Set(key, failures, TimeSpan.FromMinutes(settings.LockoutMinutes * 2));
        // Like an account, the failure that reaches the limit already answers "locked".
        return failures.LockedUntil > clock.GetUtcNow() ? SignInResult.LockedOut : result;
    }

    /// <summary>"Locked for N minutes", as configured.</summary>
    public string LockedMessage =>
        Web.Loc.T(
            $"登录失败次数过多，账号已锁定 {options.Value.SignIn.LockoutMinutes} 分钟，请稍后再试或联系管理员",
            $"Too many failed sign-ins: the account is locked for {options.Value.SignIn.LockoutMinutes} minutes. Try later or ask an "
                + $"administrator."
        );

    private sealed class Failures
    {
        public int Count { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }
}
