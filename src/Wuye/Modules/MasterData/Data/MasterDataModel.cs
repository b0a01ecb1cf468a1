using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Data;

/// <summary>Tables of the master_data schema: the tree every other module hangs its records on.</summary>
internal sealed class MasterDataModel : IModelContributor
{
    public const string Schema = "master_data";

    /// <summary>ICU with numeric ordering: "101" before "1001", "2幢" before "10幢" (migration 0024).</summary>
    public const string NumericOrder = "numeric_order";

    public void Configure(ModelBuilder mb)
    {
        mb.HasCollation(NumericOrder, locale: "und-u-kn-true", provider: "icu", deterministic: true);
        mb.Entity<Regulator>(b =>
        {
            b.ToTable("regulator", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.RegionCode).HasMaxLength(12);
        });
        mb.Entity<Company>(b =>
        {
            b.ToTable("company", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.CreditCode).HasMaxLength(18);
            b.Property(x => x.ContactPhone).HasMaxLength(20);
            b.HasIndex(x => x.RegulatorId);
            b.HasOne<Regulator>().WithMany().HasForeignKey(x => x.RegulatorId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Project>(b =>
        {
            b.ToTable("project", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Address).HasMaxLength(200);
            // Also closes the race between the duplicate check and the insert.
            b.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
            b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Zone>(b =>
        {
            b.ToTable("zone", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            // Unique per project: the endpoint's duplicate check alone could race.
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Building>(b =>
        {
            b.ToTable("building", Schema);
            b.Property(x => x.Name).HasMaxLength(50).UseCollation(NumericOrder);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.ZoneId);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Unit>(b =>
        {
            b.ToTable("unit", Schema);
            b.Property(x => x.Number).HasMaxLength(30).UseCollation(NumericOrder);
            b.Property(x => x.UnitType).HasMaxLength(30);
            b.Property(x => x.Area).HasPrecision(10, 2);
            b.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => x.ZoneId);
            b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Person>(b =>
        {
            b.ToTable("person", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.Property(x => x.IdNumber).HasMaxLength(18);
            b.HasIndex(x => new { x.CompanyId, x.Phone });
            b.HasIndex(x => x.UserId);
            b.HasIndex(x => x.ProjectId);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "Name",
                "Phone",
                "IdNumber",
                "UserId",
                "ArchivedAt",
                "CreatedAt",
                "UpdatedAt",
                "ProjectId",
                "Birthday"
            );
        });
        mb.Entity<UnitOccupant>(b =>
        {
            b.ToTable("unit_occupant", Schema);
            b.Property(x => x.Kinship).HasMaxLength(20);
            b.HasIndex(x => new
                {
                    x.UnitId,
                    x.PersonId,
                    x.Relation,
                })
                .IsUnique();
            b.HasIndex(x => x.PersonId);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "PersonId",
                "Relation",
                "Since",
                "Until",
                "CreatedAt",
                "UpdatedAt",
                "Kinship"
            );
            b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        mb.Entity<ParkingSpace>(b =>
        {
            b.ToTable("parking_space", Schema);
            b.Property(x => x.Code).HasMaxLength(30);
            b.Property(x => x.Location).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.HolderPersonId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Vendor>(b =>
        {
            b.ToTable("vendor", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.ContactName).HasMaxLength(50);
            b.Property(x => x.ContactPhone).HasMaxLength(20);
            b.HasIndex(x => new { x.CompanyId, x.Name }).IsUnique();
            b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Asset>(b =>
        {
            b.ToTable("asset", Schema);
            b.Property(x => x.Code).HasMaxLength(40);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Location).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => x.NextInspection);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Vehicle>(b =>
        {
            b.ToTable("vehicle", Schema);
            b.Property(x => x.Plate).HasMaxLength(12);
            b.Property(x => x.Model).HasMaxLength(50);
            b.HasIndex(x => new { x.ProjectId, x.Plate }).IsUnique();
            b.HasIndex(x => x.UnitId);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<ParkingSpace>().WithMany().HasForeignKey(x => x.ParkingSpaceId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ImportBatch>(b =>
        {
            b.ToTable("import_batch", Schema);
            b.Property(x => x.FileName).HasMaxLength(200);
            b.Property(x => x.Sha256).HasMaxLength(64);
            b.HasIndex(x => new { x.ProjectId, x.CreatedAt });
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Team>(b =>
        {
            b.ToTable("team", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.HasIndex(x => new
                {
                    x.CompanyId,
                    x.ProjectId,
                    x.Name,
                })
                .IsUnique();
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<StaffMember>(b =>
        {
            b.ToTable("staff_member", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.Property(x => x.Position).HasMaxLength(50);
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => x.UserId);
            b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ImportFile>(b =>
        {
            b.ToTable("import_file", Schema);
            b.HasKey(x => x.BatchId);
            b.HasOne<ImportBatch>().WithOne().HasForeignKey<ImportFile>(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<PersonalDataAccess>(b =>
        {
            b.ToTable("personal_data_access", Schema);
            b.Property(x => x.UserName).HasMaxLength(100);
            b.Property(x => x.Purpose).HasMaxLength(200);
            b.HasIndex(x => new { x.PersonId, x.CreatedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
