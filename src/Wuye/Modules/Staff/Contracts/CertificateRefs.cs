using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Contracts;

/// <summary>A certificate as other modules may read it (the regulator's view of a company's staff certificates).</summary>
public sealed class CertificateRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid? ProjectId { get; init; }
    public string HolderName { get; init; } = "";
    public CertificateKind Kind { get; init; }
    public string Number { get; init; } = "";
    public DateOnly IssuedOn { get; init; }
    public DateOnly ExpiresOn { get; init; }
}

/// <summary>The certificates register, read only.</summary>
public static class CertificateRefReads
{
    /// <summary>Every certificate the caller may see (an IQueryable under the same scope filters: a regulator reads those of the
    /// companies it oversees).</summary>
    public static IQueryable<CertificateRef> CertificateRefs(this WuyeDb db) =>
        db.Set<Domain.Certificate>()
            .Select(c => new CertificateRef
            {
                Id = c.Id,
                CompanyId = c.CompanyId,
                ProjectId = c.ProjectId,
                HolderName = c.HolderName,
                Kind = c.Kind,
                Number = c.Number,
                IssuedOn = c.IssuedOn,
                ExpiresOn = c.ExpiresOn,
            });
}
