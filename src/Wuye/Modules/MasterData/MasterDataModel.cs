using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;

namespace Wuye.Modules.MasterData;

/// <summary>Tables of the master_data schema: the tree every other module hangs its records on.</summary>
internal static class MasterDataModel
{
    public const string Schema = "master_data";

    public static void Configure(ModelBuilder mb)
    {
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
            b.HasIndex(x => x.ProjectId);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Building>(b =>
        {
            b.ToTable("building", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.ZoneId);
            b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Zone>().WithMany().HasForeignKey(x => x.ZoneId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Unit>(b =>
        {
            b.ToTable("unit", Schema);
            b.Property(x => x.Number).HasMaxLength(30);
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
        });
        mb.Entity<UnitOccupant>(b =>
        {
            b.ToTable("unit_occupant", Schema);
            b.HasIndex(x => new { x.UnitId, x.PersonId, x.Relation }).IsUnique();
            b.HasIndex(x => x.PersonId);
            b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
