using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Gate.Data;

/// <summary>Tables of the gate schema.</summary>
internal sealed partial class GateModel : IModelContributor
{
    public const string Schema = "gate";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<GatePassKey>(b =>
        {
            b.ToTable("gate_pass_key", Schema);
            b.Property(x => x.PublicKey).HasMaxLength(200);
            b.Property(x => x.PrivateKey).HasMaxLength(2000);
            b.HasIndex(x => x.ProjectId).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<VisitorPass>(b =>
        {
            b.ToTable("visitor_pass", Schema);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.VisitorName).HasMaxLength(50);
            b.Property(x => x.VisitorPhone).HasMaxLength(20);
            b.Property(x => x.PlateNumber).HasMaxLength(12);
            b.Property(x => x.Code).HasMaxLength(8);
            b.Property(x => x.Payload).HasMaxLength(600);
            b.Property(x => x.CallNote).HasMaxLength(200);
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => new { x.UnitId, x.ValidFrom });
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.ValidTo,
            });
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<GateEntry>(b =>
        {
            b.ToTable("gate_entry", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.HasIndex(x => new { x.ProjectId, x.InAt });
            b.HasIndex(x => new { x.ProjectId, x.OutAt });
            b.HasIndex(x => x.VisitorPassId);
            b.HasIndex(x => x.RegisteredWorkerId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<VisitorPass>().WithMany().HasForeignKey(x => x.VisitorPassId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<RegisteredWorker>().WithMany().HasForeignKey(x => x.RegisteredWorkerId).OnDelete(DeleteBehavior.Restrict);
            // registered_worker_id came later (0082): ALTER TABLE … ADD puts it last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "VisitorPassId",
                "Name",
                "People",
                "InAt",
                "InBy",
                "OutAt",
                "OutBy",
                "Typed",
                "CreatedAt",
                "UpdatedAt",
                "RegisteredWorkerId"
            );
        });
        ConfigureRenovations(mb);
    }

    partial void ConfigureRenovations(ModelBuilder mb);
}
