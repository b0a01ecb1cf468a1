using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// Of <paramref name="users"/>, those who hold a certificate of <paramref name="kind"/> at the company that has lapsed on
    /// <paramref name="day"/> and no valid one: work that needs the certificate must not be given to them until it is renewed.
    /// A standalone query past the caller's scope (a zone steward dispatching sees no register), keyed by the company and the
    /// users, as the dispatch reads skills and load.
    /// </summary>
    public static async Task<HashSet<Guid>> LapsedHoldersAsync(
        this WuyeDb db,
        CertificateKind kind,
        DateOnly day,
        Guid companyId,
        IReadOnlyCollection<Guid> users,
        CancellationToken ct
    )
    {
        if (users.Count == 0)
            return [];
        var ids = users.ToList();
        var staff = db.StaffRefs();
        var held = await db.Set<Domain.Certificate>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(c => c.CompanyId == companyId && c.Kind == kind)
            .Join(
                staff,
                c => c.StaffMemberId,
                s => s.Id,
                (c, s) =>
                    new
                    {
                        s.UserId,
                        s.CompanyId,
                        Valid = c.IssuedOn <= day && c.ExpiresOn >= day,
                    }
            )
            .Where(x => x.CompanyId == companyId && x.UserId != null && ids.Contains(x.UserId.Value))
            .Select(x => new { User = x.UserId!.Value, x.Valid })
            .ToListAsync(ct);
        return [.. held.GroupBy(x => x.User).Where(g => !g.Any(x => x.Valid)).Select(g => g.Key)];
    }
}
