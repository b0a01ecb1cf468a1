using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.OwnerSignUp;

internal sealed record CodeRequest(string? Mobile) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("mobile", Mobile, "手机号", "Mobile number");
        if (!string.IsNullOrWhiteSpace(Mobile) && !System.Text.RegularExpressions.Regex.IsMatch(Mobile.Trim(), @"^1[3-9]\d{9}$"))
            v.Add("mobile", "手机号应为 11 位数字", "A mobile number has 11 digits");
    }
}

internal sealed record SignUpInput(string? Mobile, string? Code, string? Password, string? DisplayName) : IValidatable
{
    public void Validate(Validator v)
    {
        new CodeRequest(Mobile).Validate(v);
        v.Required("code", Code, "验证码", "Verification code")
            .Required("password", Password, "密码", "Password")
            .MaxLength("displayName", DisplayName, 100, "姓名", "Name");
    }
}

/// <summary>
/// Owners, tenants and family members sign up on the portal by the mobile number on record for a
/// unit (a person linked to a unit, link current) and a code sent to it by SMS. The answer to a
/// code request is the same, with the same writes, whether the number is on record or not; only a
/// number on record gets an SMS. The account sees the units its person records are linked to.
/// </summary>
internal static class OwnerSignUp
{
    public const int MaxTries = 5;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/auth/verification-codes",
                async (
                    WuyeDb db,
                    ScopeAccessor scope,
                    TimeProvider clock,
                    IOptions<WuyeOptions> options,
                    CodeRequest body,
                    CancellationToken ct
                ) => TypedResults.Accepted((string?)null, new { message = await SendCodeAsync(db, scope, clock, options.Value, body, ct) })
            )
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.CodesPolicy)
            .WithTags("Auth")
            .WithSummary("Send a sign-up code by SMS to a mobile number on record for a unit (same answer for any number)");

        api.MapPost(
                "/auth/sign-up",
                async (
                    WuyeDb db,
                    ScopeAccessor scope,
                    UserManager<AppUser> users,
                    TimeProvider clock,
                    SignUpInput body,
                    CancellationToken ct
                ) =>
                {
                    var user = await SignUpAsync(db, scope, users, clock, body, ct);
                    return TypedResults.Created("/api/v1/account", new { userName = user.UserName });
                }
            )
            .AllowAnonymous()
            .RequireRateLimiting(SignInLimits.CodesPolicy)
            .WithTags("Auth")
            .WithSummary("Sign up with the SMS code: an account that sees the units the number is on record for");
    }

    /// <summary>Records a code for the number and, when it is on record, sends it by SMS; the answer is the same either way.</summary>
    public static async Task<string> SendCodeAsync(
        WuyeDb db,
        ScopeAccessor scope,
        TimeProvider clock,
        WuyeOptions options,
        CodeRequest body,
        CancellationToken ct
    )
    {
        scope.Scope = DataScope.System; // an anonymous request, answered the same whatever the number
        var mobile = body.Mobile!.Trim();
        var now = clock.GetUtcNow();
        var minutes = options.Accounts.CodeMinutes;
        var answer = Loc.T(
            $"如果该号码已登记为住户，验证码已发送，{minutes} 分钟内有效",
            $"If the number is on record for a unit, a code has been sent; it is valid {minutes} minutes"
        );
        // A number asked for too often gets the same answer and no new code (no SMS flood, no fresh guesses).
        if (!await VerificationCodes.MayIssueAsync(db, mobile, VerificationCode.SignUp, now, ct))
            return answer;
        var people = await OnRecordAsync(db, mobile, clock, ct);
        var code = OneTimeSecrets.SmsCode();
        await db.Set<VerificationCode>()
            .Where(c => c.Mobile == mobile && c.Purpose == VerificationCode.SignUp && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        db.Set<VerificationCode>()
            .Add(
                new VerificationCode
                {
                    Mobile = mobile,
                    CodeHash = OneTimeSecrets.Hash(code),
                    ExpiresAt = now.AddMinutes(minutes),
                    CreatedAt = now,
                }
            );
        if (people.Count > 0)
            db.Set<OutboxMessage>()
                .Add(
                    new OutboxMessage
                    {
                        Channel = NotificationChannel.Sms,
                        Address = mobile,
                        CompanyId = people[0].CompanyId,
                        Title = "物业平台验证码 / Wuye code",
                        Body =
                            $"您的注册验证码是 {code}，{minutes} 分钟内有效，请勿告诉他人。/ Your sign-up code is {code}, valid {minutes} minutes.",
                        Status = OutboxStatus.Pending,
                        NextAttemptAt = now,
                        CreatedAt = now,
                    }
                );
        await db.SaveChangesAsync(ct);
        return answer;
    }

    /// <summary>Checks the code (single use, a few tries) and makes the account linked to the number's person records.</summary>
    public static async Task<AppUser> SignUpAsync(
        WuyeDb db,
        ScopeAccessor scope,
        UserManager<AppUser> users,
        TimeProvider clock,
        SignUpInput body,
        CancellationToken ct
    )
    {
        scope.Scope = DataScope.System;
        var mobile = body.Mobile!.Trim();
        var now = clock.GetUtcNow();
        var invalid = ValidationException.For(
            "code",
            "验证码无效或已过期，请重新获取",
            "The code is wrong, used or expired; ask for a new one"
        );
        var sent = await db.Set<VerificationCode>()
            .Where(c => c.Mobile == mobile && c.Purpose == VerificationCode.SignUp && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(ct);
        // The try is counted before the code is compared, in one statement, so parallel guesses cannot share one count.
        if (
            sent is null
            || !await VerificationCodes.TryAsync(db, sent.Id, MaxTries, ct)
            || sent.CodeHash != OneTimeSecrets.Hash(body.Code!)
        )
            throw invalid;
        var people = await OnRecordAsync(db, mobile, clock, ct);
        if (people.Count == 0)
            throw invalid;
        if (await users.FindByNameAsync(mobile) is not null)
            throw ValidationException.For("mobile", "该手机号已有账号，请直接登录", "This number already has an account: sign in");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await VerificationCodes.ConsumeAsync(db, sent.Id, now, ct))
            throw invalid;
        var user = new AppUser
        {
            UserName = mobile,
            PhoneNumber = mobile,
            PhoneNumberConfirmed = true,
            LockoutEnabled = true,
            CreatedAt = now,
            CompanyId = people[0].CompanyId,
            DisplayName = string.IsNullOrWhiteSpace(body.DisplayName) ? people[0].Name : body.DisplayName.Trim(),
        };
        Accounts.Check(await users.CreateAsync(user, body.Password!), "password");
        foreach (var person in people)
            person.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>The person records with this mobile number, no account yet, linked to a unit today.</summary>
    private static async Task<List<Person>> OnRecordAsync(WuyeDb db, string mobile, TimeProvider clock, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        return await db.Set<Person>()
            .Where(p =>
                p.Phone == mobile
                && p.ArchivedAt == null
                && p.UserId == null
                && db.Set<UnitOccupant>().Any(o => o.PersonId == p.Id && (o.Until == null || o.Until >= today))
            )
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(ct);
    }
}
