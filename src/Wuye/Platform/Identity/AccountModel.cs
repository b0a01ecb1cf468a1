using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wuye.Platform.Audit;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Identity;

/// <summary>A signed-in browser or API client: made at each sign-in, ended by its owner (or with the account).</summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }

    /// <summary>cookie (the pages) or token (the API).</summary>
    public required string Kind { get; set; }
    public string? UserAgent { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>An invitation to an account that has no password yet: a one-time code, sent by SMS or e-mail, valid until <see
/// cref="ExpiresAt"/>.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid? CompanyId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public Guid? InvitedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A code sent by SMS to a mobile number (owner sign-up): single use, a few tries, a few minutes.</summary>
public sealed class VerificationCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Mobile { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// What the code is for: <see cref="SignUp"/> or a password reset (<see cref="PasswordReset.Purpose"/>); one never serves the other.
    /// </summary>
    public string Purpose { get; set; } = SignUp;

    public const string SignUp = "sign-up";
}

internal static class AccountModel
{
    /// <summary>The columns added by 0019 come last in the table, as ALTER TABLE put them.</summary>
    public static void OrderUserColumns(EntityTypeBuilder<AppUser> b)
    {
        string[] order =
        [
            "Id",
            "DisplayName",
            "Culture",
            "CompanyId",
            "CreatedAt",
            "UserName",
            "NormalizedUserName",
            "Email",
            "NormalizedEmail",
            "EmailConfirmed",
            "PasswordHash",
            "SecurityStamp",
            "ConcurrencyStamp",
            "PhoneNumber",
            "PhoneNumberConfirmed",
            "TwoFactorEnabled",
            "LockoutEnd",
            "LockoutEnabled",
            "AccessFailedCount",
            "MustChangePassword",
            "DisabledAt",
            "LastSignInAt",
        ];
        for (var i = 0; i < order.Length; i++)
            b.Property(order[i]).HasColumnOrder(i);
    }

    public static void Configure(ModelBuilder mb)
    {
        mb.Entity<UserSession>(b =>
        {
            b.ToTable("user_session", "identity");
            b.Property(s => s.Kind).HasMaxLength(10);
            b.Property(s => s.UserAgent).HasMaxLength(200);
            b.Property(s => s.Address).HasMaxLength(64);
            b.HasIndex(s => s.UserId);
            b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<Invitation>(b =>
        {
            b.ToTable("invitation", "identity");
            b.Property(i => i.CodeHash).HasMaxLength(64);
            b.HasIndex(i => i.CodeHash).IsUnique();
            b.HasIndex(i => i.UserId);
            b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<VerificationCode>(b =>
        {
            b.ToTable("verification_code", "identity");
            b.Property(v => v.Mobile).HasMaxLength(20);
            b.Property(v => v.CodeHash).HasMaxLength(64);
            b.Property(v => v.Purpose).HasMaxLength(20);
            b.HasIndex(v => v.Mobile);
        });
    }
}

/// <summary>An account's change-log row: the visible fields before and after, never a password hash or stamp (only that they
/// changed).</summary>
internal static class AccountAudit
{
    private static readonly HashSet<string> Shown =
    [
        nameof(AppUser.DisplayName),
        nameof(AppUser.UserName),
        nameof(AppUser.Culture),
        nameof(AppUser.CompanyId),
        nameof(AppUser.MustChangePassword),
        nameof(AppUser.DisabledAt),
        nameof(AppUser.LockoutEnd),
    ];
    private static readonly HashSet<string> Masked = [nameof(AppUser.PhoneNumber), nameof(AppUser.Email)];

    public static ChangeLog? Describe(EntityEntry entry, DataScope scope, DateTimeOffset at)
    {
        var user = (AppUser)entry.Entity;
        object? Value(PropertyEntry p, bool current)
        {
            var v = current ? p.CurrentValue : p.OriginalValue;
            return Masked.Contains(p.Metadata.Name) && v is string s ? Mask.Any(s) : v;
        }
        Dictionary<string, object?>? before = null,
            after;
        if (entry.State == EntityState.Added)
            after = entry
                .Properties.Where(p => Shown.Contains(p.Metadata.Name) || Masked.Contains(p.Metadata.Name))
                .ToDictionary(p => p.Metadata.Name, p => Value(p, true));
        else if (entry.State == EntityState.Modified)
        {
            var changed = entry
                .Properties.Where(p =>
                    p.IsModified
                    && !Equals(p.OriginalValue, p.CurrentValue)
                    && (Shown.Contains(p.Metadata.Name) || Masked.Contains(p.Metadata.Name))
                )
                .ToList();
            before = changed.ToDictionary(p => p.Metadata.Name, p => Value(p, false));
            after = changed.ToDictionary(p => p.Metadata.Name, p => Value(p, true));
            if (entry.Property(nameof(AppUser.PasswordHash)) is { IsModified: true } hash && !Equals(hash.OriginalValue, hash.CurrentValue))
                after["passwordChanged"] = true;
            if (after.Count == 0)
                return null; // a sign-in's failure count or stamp only: not a change of the account
        }
        else
            return null;
        return AuditRows.Row(
            scope,
            at,
            typeof(AppUser),
            user.Id,
            entry.State == EntityState.Added ? ChangeAction.Created : ChangeAction.Updated,
            before,
            after,
            user.CompanyId,
            null,
            null,
            null
        );
    }
}
