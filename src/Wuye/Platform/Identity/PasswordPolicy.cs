using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>
/// The password rules beyond Identity's own (at least 8 characters, a digit and a lowercase
/// letter): not one of the passwords people pick most, not the user name or mobile number.
/// </summary>
internal sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    /// <summary>Frequent passwords (from published leak statistics, Chinese sites included) that pass the character rules.</summary>
    internal static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1",
        "password12",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "p@ssword1",
        "abc12345",
        "abc123456",
        "abcd1234",
        "abcd12345",
        "a1234567",
        "a12345678",
        "a123456789",
        "aa123456",
        "aa123123",
        "qq123456",
        "qq5201314",
        "woaini1314",
        "woaini520",
        "5201314a",
        "1qaz2wsx",
        "1q2w3e4r",
        "1q2w3e4r5t",
        "q1w2e3r4",
        "qwer1234",
        "qwerty12",
        "qwerty123",
        "qwe12345",
        "qwe123456",
        "asdf1234",
        "asd123456",
        "zxc123456",
        "zxcvbnm1",
        "zxcvbnm123",
        "admin123",
        "admin1234",
        "admin888",
        "test1234",
        "test12345",
        "welcome1",
        "iloveyou1",
        "sunshine1",
        "princess1",
        "football1",
        "monkey123",
        "dragon123",
        "letmein1",
        "trustno1",
        "baseball1",
        "superman1",
        "wang1234",
        "wang123456",
        "zhang123",
        "zhang123456",
        "li123456",
        "liu123456",
        "chen123456",
        "wuye1234",
        "wuye123456",
        "123456abc",
        "123456qq",
        "123456aa",
        "1234qwer",
        "12345abc",
        "123abc123",
        "abc123abc",
        "a1b2c3d4",
        "1a2b3c4d",
        "112233aa",
        "qazwsx123",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        if (Common.Contains(password))
            errors.Add(
                new()
                {
                    Code = "PasswordTooCommon",
                    Description = Loc.T(
                        "这个密码太常见，容易被猜到，请换一个",
                        "This password is too common and easy to guess; choose another"
                    ),
                }
            );
        foreach (var own in new[] { user.UserName, user.PhoneNumber })
            if (own is { Length: >= 3 } && password.Contains(own, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(
                    new()
                    {
                        Code = "PasswordContainsUserName",
                        Description = Loc.T("密码不能包含用户名或手机号", "The password may not contain the user name or mobile number"),
                    }
                );
                break;
            }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

/// <summary>One-time passwords and codes, made from a cryptographic random source; stored only as hashes.</summary>
public static class OneTimeSecrets
{
    private const string Letters = "abcdefghjkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A 12-character password that meets the policy (lowercase letters and digits, no look-alikes).</summary>
    public static string Password() =>
        RandomNumberGenerator.GetString(Letters, 4)
        + RandomNumberGenerator.GetString(Digits, 2)
        + "-"
        + RandomNumberGenerator.GetString(Letters, 3)
        + RandomNumberGenerator.GetString(Digits, 2);

    /// <summary>An invitation code: 10 letters and digits, easy to type from an SMS.</summary>
    public static string InvitationCode() => RandomNumberGenerator.GetString(CodeAlphabet, 10);

    /// <summary>A 6-digit SMS verification code.</summary>
    public static string SmsCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
