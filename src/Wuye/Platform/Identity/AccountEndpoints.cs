using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

public sealed record AccountDto(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Mobile,
    string? Email,
    string? Culture,
    bool MustChangePassword,
    DateTimeOffset? LastSignInAt
);

public sealed record AccountInput(string? DisplayName, string? Mobile, string? Email, string? Culture) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("displayName", DisplayName, "姓名", "Name")
            .MaxLength("displayName", DisplayName, 100, "姓名", "Name")
            .Phone("mobile", Mobile)
            .MaxLength("email", Email, 200, "电子邮箱", "E-mail");
        if (!string.IsNullOrWhiteSpace(Email) && !Email.Contains('@'))
            v.Add("email", "电子邮箱格式不正确", "Not an e-mail address");
        if (Culture is not (null or "" or "zh-CN" or "en"))
            v.Add("culture", "语言应为 zh-CN 或 en", "Language must be zh-CN or en");
    }
}

public sealed record PasswordInput(string? CurrentPassword, string? NewPassword) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("currentPassword", CurrentPassword, "当前密码", "Current password")
            .Required("newPassword", NewPassword, "新密码", "New password");
}

public sealed record AcceptInvitationInput(string? Code, string? Password) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("code", Code, "邀请码", "Invitation code").Required("password", Password, "密码", "Password");
}

public sealed record SessionDto(Guid Id, string Kind, string? UserAgent, string? Address, DateTimeOffset CreatedAt, bool Current);

/// <summary>
/// /api/v1/account: the signed-in user's own account (name, mobile, language), password and
/// sessions; POST /api/v1/invitations/accept: an invited user chooses their password.
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/account").WithTags("Account");
        g.MapGet("/", async Task<Results<Ok<AccountDto>, UnauthorizedHttpResult>> (UserManager<AppUser> users, HttpContext http) =>
                await users.GetUserAsync(http.User) is { } u ? TypedResults.Ok(Dto(u)) : TypedResults.Unauthorized()
            )
            .WithSummary("My account");
        g.MapPut(
                "/",
                async Task<Results<Ok<AccountDto>, UnauthorizedHttpResult>> (
                    UserManager<AppUser> users,
                    HttpContext http,
                    AccountInput body
                ) =>
                {
                    if (await users.GetUserAsync(http.User) is not { } u)
                        return TypedResults.Unauthorized();
                    u.DisplayName = body.DisplayName!.Trim();
                    var mobile = string.IsNullOrWhiteSpace(body.Mobile) ? null : body.Mobile.Trim();
                    if (mobile != u.PhoneNumber)
                    {
                        u.PhoneNumber = mobile;
                        u.PhoneNumberConfirmed = false;
                    }
                    u.Email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim();
                    u.Culture = string.IsNullOrWhiteSpace(body.Culture) ? null : body.Culture;
                    Accounts.Check(await users.UpdateAsync(u), "displayName");
                    return TypedResults.Ok(Dto(u));
                }
            )
            .WithSummary("Change my name, mobile number, e-mail or language");
        g.MapPost(
                "/password",
                async Task<Results<NoContent, UnauthorizedHttpResult>> (
                    UserManager<AppUser> users,
                    SignInManager<AppUser> signIn,
                    Accounts accounts,
                    HttpContext http,
                    PasswordInput body
                ) =>
                {
                    if (await users.GetUserAsync(http.User) is not { } u)
                        return TypedResults.Unauthorized();
                    await accounts.ChangePasswordAsync(u, body.CurrentPassword!, body.NewPassword!);
                    // The stamp changed: every other session and token ends. A page keeps its own cookie; an API client signs in again.
                    if (!IsBearer(http))
                        await signIn.RefreshSignInAsync(u);
                    return TypedResults.NoContent();
                }
            )
            .WithSummary("Change my password (also the one-time password); my other sessions and tokens end");
        g.MapGet("/sessions", async (WuyeDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
            {
                var me = UserId(http);
                var current = Guid.TryParse(http.User.FindFirstValue(AccountGate.SessionClaim), out var sid) ? sid : Guid.Empty;
                var since = clock.GetUtcNow().AddDays(-30);
                var rows = await db.Set<UserSession>()
                    .AsNoTracking()
                    .Where(s => s.UserId == me && s.EndedAt == null && s.CreatedAt > since)
                    .OrderByDescending(s => s.CreatedAt)
                    .Take(100)
                    .ToListAsync(ct);
                return TypedResults.Ok(
                    rows.Select(s => new SessionDto(s.Id, s.Kind, s.UserAgent, s.Address, s.CreatedAt, s.Id == current)).ToList()
                );
            })
            .WithSummary("My open sessions (browsers and API tokens), newest first");
        g.MapDelete(
                "/sessions/{id:guid}",
                async Task<Results<NoContent, NotFound>> (WuyeDb db, Accounts accounts, HttpContext http, Guid id, CancellationToken ct) =>
                {
                    var me = UserId(http);
                    if (!await db.Set<UserSession>().AnyAsync(s => s.Id == id && s.UserId == me && s.EndedAt == null, ct))
                        return TypedResults.NotFound();
                    await accounts.EndSessionsAsync(me, id);
                    return TypedResults.NoContent();
                }
            )
            .WithSummary("Sign one of my sessions out (its cookie or token stops working)");

        api.MapPost("/invitations/accept", async (Accounts accounts, AcceptInvitationInput body, CancellationToken ct) =>
            {
                var user = await accounts.AcceptInvitationAsync(body.Code!, body.Password!, ct);
                return TypedResults.Ok(new { userName = user.UserName });
            })
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.CodesPolicy)
            .WithTags("Invitations")
            .WithSummary("Accept an invitation: choose a password with the code sent by SMS or e-mail");
    }

    internal static bool IsBearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static AccountDto Dto(AppUser u) =>
        new(u.Id, u.UserName!, u.DisplayName, u.PhoneNumber, u.Email, u.Culture, u.MustChangePassword, u.LastSignInAt);
}
