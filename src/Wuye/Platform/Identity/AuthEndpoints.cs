using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

public sealed record TokenRequest(string? UserName, string? Password) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("userName", UserName, "用户名", "User name").Required("password", Password, "密码", "Password");
}

public sealed record MeResponse(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Culture,
    string[] Roles,
    string Home,
    bool IsGlobal,
    Guid[] Companies,
    Guid[] Projects,
    Guid[] Zones,
    Guid[] Units
);

internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").AddEndpointFilter<ValidationFilter>();

        // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken } itself.
        auth.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest body, SignInAttempts attempts) =>
            {
                var result = await attempts.PasswordSignInAsync(
                    body.UserName!,
                    body.Password!,
                    persistent: false,
                    IdentityConstants.BearerScheme
                );
                if (result.Succeeded)
                    return TypedResults.Empty;
                return SignInProblem(result, attempts.LockedMessage);
            })
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.Policy)
            .WithSummary("Exchange a user name and password for a bearer token");

        auth.MapPost(
                "/refresh",
                async Task<Results<EmptyHttpResult, UnauthorizedHttpResult>> (
                    RefreshRequest body,
                    SignInManager<AppUser> signIn,
                    IOptionsMonitor<BearerTokenOptions> options,
                    TimeProvider clock,
                    Accounts accounts,
                    WuyeDb db
                ) =>
                {
                    var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
                    var ticket = protector.Unprotect(body.RefreshToken);
                    if (
                        ticket?.Properties.ExpiresUtc is not { } expires
                        || clock.GetUtcNow() >= expires
                        || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                        || user.DisabledAt is not null
                    )
                        return TypedResults.Unauthorized();
                    // The refreshed token replaces the old one: its session ends (and with it the old access token).
                    if (Guid.TryParse(ticket.Principal.FindFirst(AccountGate.SessionClaim)?.Value, out var oldSession))
                    {
                        // A signed-out session's refresh token is dead too.
                        if (await db.Set<UserSession>().AnyAsync(s => s.Id == oldSession && s.EndedAt != null))
                            return TypedResults.Unauthorized();
                        await accounts.EndSessionsAsync(user.Id, oldSession);
                    }
                    signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                    await signIn.SignInAsync(user, isPersistent: false);
                    return TypedResults.Empty;
                }
            )
            .AllowAnonymous()
            .WithSummary("Exchange a refresh token for a new bearer token");

        app.MapGet(
                "/api/v1/me",
                async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> (
                    UserManager<AppUser> users,
                    ScopeAccessor accessor,
                    HttpContext http
                ) =>
                {
                    var user = await users.GetUserAsync(http.User);
                    if (user is null)
                        return TypedResults.Unauthorized();
                    var s = accessor.Scope;
                    return TypedResults.Ok(
                        new MeResponse(
                            user.Id,
                            user.UserName!,
                            user.DisplayName,
                            user.Culture,
                            s.Roles,
                            HomePages.For(s),
                            s.IsGlobal,
                            s.ReadCompanies,
                            s.FullProjects,
                            s.Zones,
                            s.Units
                        )
                    );
                }
            )
            .RequireAuthorization()
            .WithTags("Auth")
            .WithSummary("The signed-in user, roles and scope");
    }

    public sealed record RefreshRequest(string RefreshToken);

    internal static ProblemHttpResult SignInProblem(SignInResult result, string lockedMessage)
    {
        if (result.IsLockedOut)
            return TypedResults.Problem(
                statusCode: 429,
                title: lockedMessage,
                extensions: new Dictionary<string, object?> { ["code"] = "auth.locked_out" }
            );
        if (result.IsNotAllowed)
            return TypedResults.Problem(
                statusCode: 403,
                title: Loc.T("该账号不允许登录", "This account may not sign in"),
                extensions: new Dictionary<string, object?> { ["code"] = "auth.not_allowed" }
            );
        return TypedResults.Problem(
            statusCode: 401,
            title: Loc.T("用户名或密码错误", "Wrong user name or password"),
            extensions: new Dictionary<string, object?> { ["code"] = "auth.invalid_credentials" }
        );
    }
}

/// <summary>The home page of the user's most senior role.</summary>
public static class HomePages
{
    public static string For(DataScope scope)
    {
        if (scope.IsGlobal)
            return "/home/admin";
        foreach (var role in Roles.All)
            if (scope.Roles.Contains(role.Code))
                return role.Home;
        return "/home/none";
    }
}
