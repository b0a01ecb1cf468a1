using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>What the gate needs of an account on each request: its stamp, whether it is shut, whether it must change its password, whether
/// this session still runs.</summary>
public sealed record AccountState(string? SecurityStamp, bool Disabled, bool MustChangePassword, bool SessionEnded);

/// <summary>
/// Reads <see cref="AccountState"/> with plain SQL and keeps it for Wuye:Accounts:CheckSeconds (5 s).
/// A save of an account or session through WuyeDb drops this instance's cache at once; other
/// instances read the new state within the cache lifetime. The cached bearer tickets
/// (<see cref="CachedBearerTokens"/>) therefore never keep a disabled user in: the ticket says who
/// the caller is, this says whether that caller may still come in.
/// </summary>
public sealed class AccountStates(NpgsqlDataSource db, IMemoryCache cache, IOptions<WuyeOptions> options)
{
    private static long _generation;

    public static void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<AccountState?> GetAsync(Guid userId, Guid? sessionId, CancellationToken ct)
    {
        var seconds = options.Value.Accounts.CheckSeconds;
        var key = ("account-state", userId, sessionId, Interlocked.Read(ref _generation));
        if (seconds > 0 && cache.TryGetValue(key, out AccountState? cached))
            return cached;
        const string sql = """
            select u.security_stamp, u.disabled_at is not null, u.must_change_password,
                   coalesce((select s.ended_at is not null from identity.user_session s where s.id = $2 and s.user_id = u.id), $3)
              from identity.user_account u where u.id = $1
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId ?? Guid.Empty });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = sessionId is not null });
        AccountState? state = null;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
                state = new AccountState(r.IsDBNull(0) ? null : r.GetString(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3));
        if (seconds > 0)
            cache.Set(
                key,
                state,
                new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds), Size = 1 }
            );
        return state;
    }
}

/// <summary>
/// Runs after authentication: a cookie or token of an account that is disabled, whose password or
/// stamp changed since, or whose session was signed out, counts as no sign-in at all (the cookie is
/// dropped). An account holding a one-time password reaches only the password change until it is changed.
/// </summary>
internal sealed class AccountGate(RequestDelegate next)
{
    public const string SessionClaim = "wuye_sid";
    private static readonly string[] OpenDuringChange =
    [
        "/account/password",
        "/account/sign-out",
        "/account/culture",
        "/api/v1/account",
        "/api/v1/me",
        "/error",
    ];

    public async Task InvokeAsync(HttpContext http, AccountStates states, IOptions<IdentityOptions> identity)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            Guid? session = Guid.TryParse(user.FindFirstValue(SessionClaim), out var sid) ? sid : null;
            var state = await states.GetAsync(userId, session, http.RequestAborted);
            var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            if (
                state is null
                || state.Disabled
                || state.SessionEnded
                || !string.Equals(state.SecurityStamp ?? "", stamp ?? "", StringComparison.Ordinal)
            )
            {
                if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else if (state.MustChangePassword && !IsOpen(http.Request.Path))
            {
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = http,
                                ProblemDetails =
                                {
                                    Status = StatusCodes.Status403Forbidden,
                                    Title = Loc.T(
                                        "请先修改一次性密码（POST /api/v1/account/password）",
                                        "Change the one-time password first (POST /api/v1/account/password)"
                                    ),
                                    Extensions = { ["code"] = "auth.password_change_required" },
                                },
                            }
                        );
                    return;
                }
                // A page goes to the password change; a page's fragment call (htmx) is refused, not redirected into the page.
                if (http.Request.Headers.ContainsKey("HX-Request"))
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                else
                    http.Response.Redirect("/account/password");
                return;
            }
        }
        await next(http);
    }

    private static bool IsOpen(PathString path) =>
        Path.HasExtension(path.Value) || OpenDuringChange.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
