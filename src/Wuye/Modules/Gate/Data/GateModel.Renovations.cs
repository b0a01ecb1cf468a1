using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Gate.Data;

internal sealed partial class GateModel
{
    partial void ConfigureRenovations(ModelBuilder mb)
    {
        mb.Entity<Renovation>(b =>
        {
            b.ToTable("renovation", Schema);
            b.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.Contractor).HasMaxLength(100);
            b.Property(x => x.Scope).HasMaxLength(1000);
            b.Property(x => x.Deposit).HasPrecision(12, 2);
            b.Property(x => x.Deductions).HasPrecision(12, 2);
            b.Property(x => x.Refunded).HasPrecision(12, 2);
            b.Property(x => x.PermitCode).HasMaxLength(8);
            b.Property(x => x.AgreementVersion).HasMaxLength(20);
            b.Property(x => x.AgreementText).HasMaxLength(8000);
            b.HasIndex(x => new { x.ProjectId, x.PermitCode }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.State });
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.CompanyId);
            // drawing_ids came later (0082), the agreement's signatures later still (0083): ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "State",
                "Contractor",
                "Scope",
                "StartDate",
                "EndDate",
                "Deposit",
                "Deductions",
                "Refunded",
                "PermitCode",
                "PermittedAt",
                "AppliedBy",
                "CreatedAt",
                "UpdatedAt",
                "DrawingIds",
                "AgreementText",
                "AgreementVersion",
                "OwnerSignatureId",
                "OwnerSignedBy",
                "OwnerSignedAt",
                "CenterSignatureId",
                "CenterSignedBy",
                "CenterSignedAt"
            );
        });
        mb.Entity<RenovationEvent>(b =>
        {
            b.ToTable("renovation_event", Schema);
            b.Property(x => x.Action).HasMaxLength(30);
            b.Property(x => x.From).HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.To).HasConversion<string>().HasMaxLength(30);
            b.Property(x => x.Note).HasMaxLength(600);
            b.Property(x => x.Amount).HasPrecision(12, 2);
            b.HasIndex(x => new { x.RenovationId, x.At });
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Action,
                x.At,
            });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Renovation>().WithMany().HasForeignKey(x => x.RenovationId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<RegisteredWorker>(b =>
        {
            b.ToTable("registered_worker", Schema);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.Property(x => x.IdNumber).HasMaxLength(18);
            b.Property(x => x.Code).HasMaxLength(8);
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => x.RenovationId);
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Renovation>().WithMany().HasForeignKey(x => x.RenovationId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<HeightWorkPledge>(b =>
        {
            b.ToTable("height_work_pledge", Schema);
            b.Property(x => x.WorkerName).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.Property(x => x.Work).HasMaxLength(200);
            b.Property(x => x.PledgeVersion).HasMaxLength(20);
            b.Property(x => x.PledgeText).HasMaxLength(2000);
            b.HasIndex(x => new { x.ProjectId, x.Day });
            b.HasIndex(x => new { x.RegisteredWorkerId, x.Day });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<RegisteredWorker>().WithMany().HasForeignKey(x => x.RegisteredWorkerId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<RenovationCheck>(b =>
        {
            b.ToTable("renovation_check", Schema);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(x => x.Findings).HasMaxLength(1000);
            b.Property(x => x.Deduction).HasPrecision(12, 2);
            b.HasIndex(x => new
                {
                    x.RenovationId,
                    x.Day,
                    x.Kind,
                })
                .IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Day });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Renovation>().WithMany().HasForeignKey(x => x.RenovationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
