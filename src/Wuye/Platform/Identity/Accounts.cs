using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>
/// Making and shutting accounts, for the platform's endpoints and the modules' use cases alike
/// (a staff member's account is made by master data through this). Every change goes through
/// WuyeDb, so it is in the change log (without secrets, <see cref="AccountAudit"/>).
/// </summary>
public sealed class Accounts(UserManager<AppUser> users, WuyeDb db, TimeProvider clock, IOptions<WuyeOptions> options)
{
    /// <summary>An account with a one-time password, to be changed at first sign-in. Returns the password, shown once.</summary>
    public async Task<(AppUser User, string Password)> CreateWithPasswordAsync(
        string userName,
        string displayName,
        string? mobile,
        Guid? companyId,
        CancellationToken ct
    )
    {
        var user = New(userName, displayName, mobile, null, companyId);
        user.MustChangePassword = true;
        var password = OneTimeSecrets.Password();
        Check(await users.CreateAsync(user, password), "userName");
        return (user, password);
    }

    /// <summary>An account without a password and an invitation code, sent by SMS and e-mail through the outbox (saved with the caller's
    /// next save).</summary>
    public async Task<(AppUser User, Invitation Invitation)> InviteAsync(
        string userName,
        string displayName,
        string? mobile,
        string? email,
        Guid? companyId,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(mobile) && string.IsNullOrWhiteSpace(email))
            throw ValidationException.For(
                "mobile",
                "请填写手机号或电子邮箱，邀请码将发送到这里",
                "Give a mobile number or e-mail address to send the invitation code to"
            );
        var user = New(userName, displayName, mobile, email, companyId);
        Check(await users.CreateAsync(user), "userName");
        var invitation = await NewInvitationAsync(user, ct);
        return (user, invitation);
    }

    /// <summary>A fresh invitation for an account that has not chosen a password (earlier codes stop working).</summary>
    public async Task<Invitation> NewInvitationAsync(AppUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Invitation>()
            .Where(i => i.UserId == user.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, now), ct);
        var code = OneTimeSecrets.InvitationCode();
        var invitation = new Invitation
        {
            UserId = user.Id,
            CompanyId = user.CompanyId,
            CodeHash = OneTimeSecrets.Hash(code),
            CreatedAt = now,
            ExpiresAt = now.AddHours(options.Value.Accounts.InvitationHours),
            InvitedBy = db.Scope.UserId,
        };
        db.Set<Invitation>().Add(invitation);
        var link = $"{options.Value.Accounts.PublicUrl?.TrimEnd('/')}/account/invitation?code={code}";
        var body =
            $"您好 {user.DisplayName}，您已受邀使用物业平台，用户名 {user.UserName}，邀请码 {code}（{options.Value.Accounts.InvitationHours} 小时内有效），打开 {link} "
            + $"设置密码。"
            + $" / You are invited to Wuye as {user.UserName}: code {code}, valid {options.Value.Accounts.InvitationHours} h; set your "
            + $"password at {link}";
        foreach (var (channel, address) in new[] { (NotificationChannel.Sms, user.PhoneNumber), (NotificationChannel.Email, user.Email) })
            if (!string.IsNullOrWhiteSpace(address))
                db.Set<OutboxMessage>()
                    .Add(
                        new OutboxMessage
                        {
                            Channel = channel,
                            RecipientUserId = user.Id,
                            CompanyId = user.CompanyId,
                            Address = address,
                            Title = "物业平台邀请 / Wuye invitation",
                            Body = body,
                            Link = link,
                            Status = OutboxStatus.Pending,
                            NextAttemptAt = now,
                            CreatedAt = now,
                        }
                    );
        return invitation;
    }

    /// <summary>Sets the invited account's password from its invitation code; a used, unknown or expired code is refused field by
    /// field.</summary>
    public async Task<AppUser> AcceptInvitationAsync(string code, string password, CancellationToken ct)
    {
        var hash = OneTimeSecrets.Hash(code);
        var invitation = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null || invitation.AcceptedAt is not null)
            throw ValidationException.For("code", "邀请码无效或已使用", "The invitation code is not valid or has already been used");
        var now = clock.GetUtcNow();
        if (invitation.ExpiresAt <= now)
            throw ValidationException.For(
                "code",
                "邀请已过期，请联系管理员重新邀请",
                "The invitation has expired; ask your administrator to invite you again"
            );
        var user = await users.FindByIdAsync(invitation.UserId.ToString())
            ?? throw ValidationException.For("code", "邀请码无效或已使用", "The invitation code is not valid or has already been used");
        if (user.DisabledAt is not null)
            throw ValidationException.For("code", "该账号已停用", "This account has been disabled");
        invitation.AcceptedAt = now;
        user.MustChangePassword = false;
        if (!string.IsNullOrEmpty(user.PhoneNumber))
            user.PhoneNumberConfirmed = true;
        Check(await users.AddPasswordAsync(user, password), "password");
        return user;
    }

    /// <summary>Shuts the account: no sign-in, and every session, token and refresh token ends (a new stamp).</summary>
    public async Task DisableAsync(AppUser user)
    {
        if (user.DisabledAt is not null)
            return;
        user.DisabledAt = clock.GetUtcNow();
        Check(await users.UpdateSecurityStampAsync(user), "id");
        await EndSessionsAsync(user.Id);
    }

    public async Task EnableAsync(AppUser user)
    {
        if (user.DisabledAt is null)
            return;
        user.DisabledAt = null;
        Check(await users.UpdateAsync(user), "id");
    }

    /// <summary>A new one-time password (shown once to the manager), to be changed at next sign-in; the old sessions end.</summary>
    public async Task<string> ResetPasswordAsync(AppUser user)
    {
        var password = OneTimeSecrets.Password();
        // One save: the new hash, the one-time flag, the lockout lifted and a new stamp (every session and token ends).
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateSecurityStampAsync(user), "password");
        await EndSessionsAsync(user.Id);
        return password;
    }

    /// <summary>The person's own new password, chosen after proving their mobile number (a reset by SMS code): the one-time flag and
    /// the lockout go, every session and token ends (a new stamp).</summary>
    public async Task SetPasswordAsync(AppUser user, string password)
    {
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = false;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Check(await users.UpdateSecurityStampAsync(user), "password");
        await EndSessionsAsync(user.Id);
    }

    /// <summary>The user's own change; the one-time flag goes, other sessions end (the stamp changes).</summary>
    public async Task ChangePasswordAsync(AppUser user, string current, string next)
    {
        if (string.Equals(current, next, StringComparison.Ordinal))
            throw ValidationException.For("newPassword", "新密码不能与当前密码相同", "The new password must differ from the current one");
        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            throw ValidationException.For("currentPassword", "当前密码不正确", "The current password is wrong");
        Check(result, "newPassword");
    }

    public async Task EndSessionsAsync(Guid userId, Guid? only = null)
    {
        var now = clock.GetUtcNow();
        await db.Set<UserSession>()
            .Where(s => s.UserId == userId && s.EndedAt == null && (only == null || s.Id == only))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));
        AccountStates.Invalidate();
    }

    private AppUser New(string userName, string displayName, string? mobile, string? email, Guid? companyId) =>
        new()
        {
            UserName = userName.Trim(),
            DisplayName = displayName.Trim(),
            PhoneNumber = string.IsNullOrWhiteSpace(mobile) ? null : mobile.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CompanyId = companyId,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };

    /// <summary>Identity's refusals as a 400 on the field they concern (password rules on <paramref name="passwordField"/>).</summary>
    public static void Check(IdentityResult result, string passwordField)
    {
        if (result.Succeeded)
            return;
        var errors = result
            .Errors.GroupBy(e => e.Code.Contains("UserName") && !e.Code.StartsWith("Password") ? "userName" : passwordField)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        throw new ValidationException(errors);
    }
}
