using Microsoft.AspNetCore.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>Identity's messages in the user's language.</summary>
internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new()
        {
            Code = nameof(PasswordTooShort),
            Description = Loc.T($"密码至少 {length} 位", $"Password must be at least {length} characters"),
        };

    public override IdentityError PasswordRequiresDigit() =>
        new() { Code = nameof(PasswordRequiresDigit), Description = Loc.T("密码需包含数字", "Password must contain a digit") };

    public override IdentityError PasswordRequiresLower() =>
        new()
        {
            Code = nameof(PasswordRequiresLower),
            Description = Loc.T("密码需包含小写字母", "Password must contain a lowercase letter"),
        };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = Loc.T($"用户名 {userName} 已被使用", $"User name {userName} is taken") };

    public override IdentityError InvalidUserName(string? userName) =>
        new()
        {
            Code = nameof(InvalidUserName),
            Description = Loc.T("用户名只能包含字母、数字和 -._@+", "User name may contain only letters, digits and -._@+"),
        };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = Loc.T("密码不正确", "Incorrect password") };

    public override IdentityError ConcurrencyFailure() =>
        new()
        {
            Code = nameof(ConcurrencyFailure),
            Description = Loc.T("记录已被他人修改，请刷新后重试", "Changed by someone else; reload and try again"),
        };
}
