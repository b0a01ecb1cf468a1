using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Data;

/// <summary>Tables of the staff schema (人员): certificates.</summary>
internal sealed class StaffModel : IModelContributor
{
    public const string Schema = "staff";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<Certificate>(b =>
        {
            b.ToTable("certificate", Schema);
            b.Property(x => x.HolderName).HasMaxLength(100);
            b.Property(x => x.Number).HasMaxLength(50);
            b.Property(x => x.Issuer).HasMaxLength(100);
            b.HasIndex(x => new { x.StaffMemberId, x.Kind });
            b.HasIndex(x => new { x.CompanyId, x.ExpiresOn });
            b.HasIndex(x => new { x.ProjectId, x.ExpiresOn });
        });
    }
}
