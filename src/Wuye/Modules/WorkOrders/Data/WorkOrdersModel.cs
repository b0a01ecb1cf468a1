using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Data;

/// <summary>Tables of the work_orders schema.</summary>
internal sealed class WorkOrdersModel : IModelContributor
{
    public const string Schema = "work_orders";

    public void Configure(ModelBuilder mb)
    {
        mb.HasSequence<long>(RequestNumbers.Sequence, Schema).IncrementsBy(RequestNumbers.Block);
        mb.Entity<ServiceRequest>(b =>
        {
            b.ToTable("service_request", Schema);
            b.Property(x => x.Number).HasMaxLength(30);
            b.Property(x => x.Description).HasMaxLength(1000);
            b.Property(x => x.Location).HasMaxLength(200);
            b.Property(x => x.ReporterName).HasMaxLength(50);
            b.Property(x => x.ReporterPhone).HasMaxLength(20);
            b.Property(x => x.OwnerComment).HasMaxLength(500);
            b.Property(x => x.Source).HasMaxLength(50);
            b.Property(x => x.ExternalRef).HasMaxLength(60);
            b.Property(x => x.SourceCategory).HasMaxLength(100);
            b.Property(x => x.SourceDepartment).HasMaxLength(100);
            // The source texts came later (0030), FirstSatisfied later still (0035): ALTER TABLE … ADD puts each last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "Number",
                "Channel",
                "Category",
                "Urgency",
                "Description",
                "Location",
                "ReporterName",
                "ReporterPhone",
                "ReporterUserId",
                "PhotoIds",
                "VisitFrom",
                "VisitTo",
                "Status",
                "MergedIntoId",
                "OpenedAt",
                "OpenedMonth",
                "CompletionDueAt",
                "CompletedAt",
                "ClosedAt",
                "ResponseOnTime",
                "ArrivalOnTime",
                "CompletionOnTime",
                "TechnicianUserId",
                "ReworkCount",
                "Visited",
                "Satisfied",
                "Score",
                "OwnerComment",
                "Source",
                "ExternalRef",
                "CreatedAt",
                "UpdatedAt",
                "SourceCategory",
                "SourceDepartment",
                "FirstSatisfied"
            );
            b.HasIndex(x => new { x.ProjectId, x.OpenedAt });
            b.HasIndex(x => new { x.CompanyId, x.OpenedMonth });
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.Status);
            // People quote the number on the phone: one company never gives the same number twice.
            b.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        });
        mb.Entity<WorkOrder>(b =>
        {
            b.ToTable("work_order", Schema);
            b.Property(x => x.AssigneeName).HasMaxLength(100);
            b.Property(x => x.PauseReason).HasMaxLength(200);
            b.Property(x => x.WorkDone).HasMaxLength(1000);
            b.Property(x => x.OwnerConfirmedBy).HasMaxLength(50);
            b.Property(x => x.AnythingElse).HasMaxLength(500);
            b.HasIndex(x => x.ServiceRequestId);
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => new { x.AssigneeUserId, x.Status });
            b.HasOne<ServiceRequest>().WithMany().HasForeignKey(x => x.ServiceRequestId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<WorkOrderCharge>(b =>
        {
            b.ToTable("work_order_charge", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Quantity).HasPrecision(10, 2);
            b.HasIndex(x => x.WorkOrderId);
            b.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<PriceItem>(b =>
        {
            b.ToTable("price_item", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.UnitName).HasMaxLength(20);
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<WorkOrderEvent>(b =>
        {
            b.ToTable("work_order_event", Schema);
            b.Property(x => x.ActorName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.NoteEn).HasMaxLength(500);
            // NoteEn came with 0011 (ALTER TABLE … ADD puts it last).
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "ServiceRequestId",
                "WorkOrderId",
                "Seq",
                "At",
                "ActorUserId",
                "ActorName",
                "Kind",
                "Note",
                "CreatedAt",
                "UpdatedAt",
                "NoteEn"
            );
            b.HasIndex(x => new { x.ServiceRequestId, x.At });
        });
        mb.Entity<ReturnVisit>(b =>
        {
            b.ToTable("return_visit", Schema);
            b.Property(x => x.VisitedByName).HasMaxLength(100);
            b.Property(x => x.Comment).HasMaxLength(500);
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.DueAt,
            });
            b.HasIndex(x => x.ServiceRequestId);
        });
        mb.Entity<SlaPolicy>(b =>
        {
            b.ToTable("sla_policy", Schema);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.Category,
                    x.Urgency,
                })
                .IsUnique()
                .AreNullsDistinct(false);
        });
        mb.Entity<BusinessCalendar>(b =>
        {
            b.ToTable("business_calendar", Schema);
            b.Property(x => x.WorkingDays).HasMaxLength(7);
            b.HasIndex(x => x.ProjectId).IsUnique();
        });
        mb.Entity<LegacyDefect>(b =>
        {
            b.ToTable("legacy_defect", Schema);
            b.Property(x => x.Description).HasMaxLength(1000);
            b.Property(x => x.ResponsibleName).HasMaxLength(100);
            b.Property(x => x.DeveloperRef).HasMaxLength(60);
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => new { x.ProjectId, x.Status });
        });
        mb.Entity<LegacyDefectUpdate>(b =>
        {
            b.ToTable("legacy_defect_update", Schema);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.ActorName).HasMaxLength(100);
            b.HasIndex(x => x.LegacyDefectId);
            b.HasOne<LegacyDefect>().WithMany().HasForeignKey(x => x.LegacyDefectId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<TechnicianSkill>(b =>
        {
            b.ToTable("technician_skill", Schema);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.UserId,
                    x.Category,
                    x.ZoneId,
                })
                .IsUnique()
                .AreNullsDistinct(false);
        });
        mb.Entity<WorkOrderEscalation>(b =>
        {
            b.ToTable("work_order_escalation", Schema);
            b.HasIndex(x => new
                {
                    x.WorkOrderId,
                    x.Clock,
                    x.Level,
                })
                .IsUnique();
        });
    }
}
