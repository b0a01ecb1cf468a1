using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

public sealed record ResetCodeRequest(string? Mobile) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("mobile", Mobile, "手机号", "Mobile number");
        if (!string.IsNullOrWhiteSpace(Mobile) && !System.Text.RegularExpressions.Regex.IsMatch(Mobile.Trim(), @"^1[3-9]\d{9}$"))
            v.Add("mobile", "手机号应为 11 位数字", "A mobile number has 11 digits");
    }
}

public sealed record PasswordResetInput(string? Mobile, string? Code, string? Password) : IValidatable
{
    public void Validate(Validator v)
    {
        new ResetCodeRequest(Mobile).Validate(v);
        v.Required("code", Code, "验证码", "Verification code").Required("password", Password, "新密码", "New password");
    }
}

/// <summary>
/// A forgotten password, reset by the person with a code sent by SMS to the mobile number on their
/// account. The answer to a code request is the same, with the same writes, whether an account has
/// that number or not; only an account's number gets an SMS. A code is single use, valid
/// Wuye:Accounts:CodeMinutes, and dies after <see cref="MaxTries"/> wrong tries; requests are limited
/// per client address (Wuye:Accounts:CodesPer10Minutes). The reset ends every session and token.
/// </summary>
public sealed class PasswordReset(
    WuyeDb db,
    ScopeAccessor scope,
    UserManager<AppUser> users,
    Accounts accounts,
    TimeProvider clock,
    IOptions<WuyeOptions> options
)
{
    public const string Purpose = "password-reset";
    public const int MaxTries = 5;

    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/auth/password-reset").WithTags("Auth").AddEndpointFilter<ValidationFilter>().DisableAntiforgery();
        g.MapPost("/codes", async (PasswordReset reset, ResetCodeRequest body, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, new { message = await reset.SendCodeAsync(body.Mobile!, ct) })
            )
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.CodesPolicy)
            .WithSummary("Send a password-reset code by SMS to the mobile number of an account (the same answer for any number)");
        g.MapPost("/", async (PasswordReset reset, PasswordResetInput body, CancellationToken ct) =>
            {
                await reset.ResetAsync(body.Mobile!, body.Code!, body.Password!, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.CodesPolicy)
            .WithSummary("Choose a new password with the SMS code; every session and token of the account ends");
    }

    /// <summary>Records a code for the number and, when an account has it, sends it by SMS; the answer is the same either way.</summary>
    public async Task<string> SendCodeAsync(string mobile, CancellationToken ct)
    {
        scope.Scope = DataScope.System; // an anonymous request, answered the same whatever the number
        mobile = mobile.Trim();
        var now = clock.GetUtcNow();
        var minutes = options.Value.Accounts.CodeMinutes;
        var answer = Loc.T(
            $"如果该号码绑定了账号，验证码已发送，{minutes} 分钟内有效",
            $"If an account has this number, a code has been sent; it is valid {minutes} minutes"
        );
        // A number asked for too often gets the same answer and no new code (no SMS flood, no fresh guesses).
        if (!await VerificationCodes.MayIssueAsync(db, mobile, Purpose, now, ct))
            return answer;
        var user = await AccountOfAsync(mobile, ct);
        var code = OneTimeSecrets.SmsCode();
        await db.Set<VerificationCode>()
            .Where(c => c.Mobile == mobile && c.Purpose == Purpose && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        db.Set<VerificationCode>()
            .Add(
                new VerificationCode
                {
                    Mobile = mobile,
                    Purpose = Purpose,
                    CodeHash = OneTimeSecrets.Hash(code),
                    ExpiresAt = now.AddMinutes(minutes),
                    CreatedAt = now,
                }
            );
        if (user is not null)
            db.Set<OutboxMessage>()
                .Add(
                    new OutboxMessage
                    {
                        Channel = NotificationChannel.Sms,
                        RecipientUserId = user.Id,
                        CompanyId = user.CompanyId,
                        Address = mobile,
                        Title = "物业平台验证码 / Wuye code",
                        Body =
                            $"您正在重置密码，验证码 {code}，{minutes} 分钟内有效，请勿告诉他人。/ Your password-reset code is {code}, valid {minutes} minutes.",
                        Status = OutboxStatus.Pending,
                        NextAttemptAt = now,
                        CreatedAt = now,
                    }
                );
        await db.SaveChangesAsync(ct);
        return answer;
    }

    /// <summary>Checks the code (single use, a few tries, not expired) and sets the new password of the number's account.</summary>
    public async Task<AppUser> ResetAsync(string mobile, string code, string password, CancellationToken ct)
    {
        scope.Scope = DataScope.System;
        mobile = mobile.Trim();
        var now = clock.GetUtcNow();
        var invalid = ValidationException.For(
            "code",
            "验证码无效或已过期，请重新获取",
            "The code is wrong, used or expired; ask for a new one"
        );
        var sent = await db.Set<VerificationCode>()
            .Where(c => c.Mobile == mobile && c.Purpose == Purpose && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt)
            .ThenBy(c => c.Id)
            .FirstOrDefaultAsync(ct);
        // The try is counted before the code is compared, in one statement, so parallel guesses cannot share one count.
        if (sent is null || !await VerificationCodes.TryAsync(db, sent.Id, MaxTries, ct) || sent.CodeHash != OneTimeSecrets.Hash(code))
            throw invalid;
        if (await AccountOfAsync(mobile, ct) is not { } user)
            throw invalid;
        foreach (var validator in users.PasswordValidators)
            Accounts.Check(await validator.ValidateAsync(users, user, password), "password");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await VerificationCodes.ConsumeAsync(db, sent.Id, now, ct))
            throw invalid;
        await accounts.SetPasswordAsync(user, password);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>
    /// The account the number belongs to: the one named by it (an owner's), else the only one carrying it; not disabled, with a password.
    /// </summary>
    private async Task<AppUser?> AccountOfAsync(string mobile, CancellationToken ct)
    {
        var found = await db
            .Users.Where(u => (u.UserName == mobile || u.PhoneNumber == mobile) && u.DisabledAt == null && u.PasswordHash != null)
            .OrderBy(u => u.UserName == mobile ? 0 : 1)
            .ThenBy(u => u.Id)
            .Take(2)
            .ToListAsync(ct);
        return found.Count == 1 || (found.Count == 2 && found[0].UserName == mobile) ? found[0] : null;
    }
}
