using Microsoft.AspNetCore.Identity;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    public required string DisplayName { get; set; }

    /// <summary>zh-CN or en; null follows the browser.</summary>
    public string? Culture { get; set; }

    /// <summary>The company the account belongs to (null for platform and regulator staff).</summary>
    public Guid? CompanyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set with a one-time password (first start, reset, staff account): every page and API call but the password change is
    /// refused until it is changed.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the account was shut (its staff record archived, or a manager disabled it): no sign-in, every session and token
    /// ends.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>active, invited (no password chosen yet), locked (too many failures) or disabled.</summary>
    public string Status(DateTimeOffset now) =>
        DisabledAt is not null ? "disabled"
        : LockoutEnd > now ? "locked"
        : PasswordHash is null ? "invited"
        : "active";
}

/// <summary>
/// A role held at one place in the tree: a company manager at a company, a steward at a zone.
/// Owners need no assignment for their units: linking their person record to a unit grants it.
/// </summary>
public sealed class RoleAssignment : Entity
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
    public Guid? RegulatorId { get; set; }
    public Guid? CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? ZoneId { get; set; }

    /// <summary>An owner's grant on a unit (the owner role held without a person record linked to it).</summary>
    public Guid? UnitId { get; set; }
}
