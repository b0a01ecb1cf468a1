using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Contracts;

/// <summary>特种作业证书: the special operations that need a certificate to be done (002/篇4 indicator 23, 持证上岗).</summary>
public enum CertificateKind
{
    /// <summary>电工作业 (低压/高压电工证).</summary>
    Electrician,

    /// <summary>消防设施操作员.</summary>
    FireFacilityOperator,

    /// <summary>电梯安全管理员.</summary>
    ElevatorSafetyManager,

    /// <summary>锅炉操作 (司炉).</summary>
    Boiler,

    /// <summary>高处作业.</summary>
    HeightWork,
}

/// <summary>What other modules may ask of the certificates register.</summary>
public static class CertificateReads
{
    /// <summary>
    /// The sign-in accounts that hold a certificate of <paramref name="kind"/> valid on <paramref name="day"/> (issued on or
    /// before it, expiring on or after it): an IQueryable that composes into the caller's query under the same scope filters.
    /// A person whose certificate has lapsed is not in it, so work that needs the certificate is not offered to them.
    /// </summary>
    public static IQueryable<Guid> UsersCertifiedFor(this WuyeDb db, CertificateKind kind, DateOnly day)
    {
        var staff = db.StaffRefs();
        return db.Set<Domain.Certificate>()
            .Where(c => c.Kind == kind && c.IssuedOn <= day && c.ExpiresOn >= day)
            .Join(staff, c => c.StaffMemberId, s => s.Id, (c, s) => s.UserId)
            .Where(u => u != null)
            .Select(u => u!.Value);
    }
}
