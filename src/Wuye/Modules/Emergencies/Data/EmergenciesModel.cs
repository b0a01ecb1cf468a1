using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Emergencies.Data;

/// <summary>Tables of the emergencies schema.</summary>
internal sealed class EmergenciesModel : IModelContributor
{
    public const string Schema = "emergencies";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<EmergencyPlan>(b =>
        {
            b.ToTable("emergency_plan", Schema);
            b.ColumnsInOrder(
                nameof(EmergencyPlan.Id),
                nameof(EmergencyPlan.CompanyId),
                nameof(EmergencyPlan.ProjectId),
                nameof(EmergencyPlan.Kind),
                nameof(EmergencyPlan.Title),
                nameof(EmergencyPlan.CurrentVersion),
                nameof(EmergencyPlan.ArchivedAt),
                nameof(EmergencyPlan.CreatedAt),
                nameof(EmergencyPlan.UpdatedAt),
                nameof(EmergencyPlan.DrillOverdueToldFor)
            );
            b.Property(x => x.Title).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Title }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<PlanVersion>(b =>
        {
            b.ToTable("plan_version", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.AuthorName).HasMaxLength(100);
            b.HasIndex(x => new { x.EmergencyPlanId, x.Number }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
            b.HasOne<EmergencyPlan>().WithMany().HasForeignKey(x => x.EmergencyPlanId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(x => x.Contacts).WithOne().HasForeignKey(x => x.PlanVersionId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<PlanStep>(b =>
        {
            b.ToTable("plan_step", Schema);
            b.Property(x => x.Action).HasMaxLength(300);
            b.Property(x => x.Role).HasMaxLength(40);
            b.HasIndex(x => new { x.PlanVersionId, x.Position }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<PlanContact>(b =>
        {
            b.ToTable("plan_contact", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Phone).HasMaxLength(40);
            b.HasIndex(x => new { x.PlanVersionId, x.Position }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<Incident>(b =>
        {
            b.ToTable("incident", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Location).HasMaxLength(200);
            b.Property(x => x.StartedByName).HasMaxLength(100);
            b.Property(x => x.Cause).HasMaxLength(500);
            b.Property(x => x.Summary).HasMaxLength(2000);
            b.Property(x => x.OpenStepsReason).HasMaxLength(500);
            b.Ignore(x => x.IsDrill);
            b.HasIndex(x => new { x.ProjectId, x.StartedAt });
            b.HasIndex(x => new { x.ClosedAt, x.StartedAt });
            b.HasIndex(x => x.DrillId);
            b.HasIndex(x => x.EmergencyPlanId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<EmergencyPlan>().WithMany().HasForeignKey(x => x.EmergencyPlanId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<IncidentStep>(b =>
        {
            b.ToTable("incident_step", Schema);
            b.Property(x => x.Action).HasMaxLength(300);
            b.Property(x => x.Role).HasMaxLength(40);
            b.Property(x => x.DoneByName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(500);
            b.HasIndex(x => new { x.IncidentId, x.Position }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<IncidentEntry>(b =>
        {
            b.ToTable("incident_entry", Schema);
            b.Property(x => x.Text).HasMaxLength(500);
            b.Property(x => x.ByName).HasMaxLength(100);
            b.HasIndex(x => new { x.IncidentId, x.At });
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
            b.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<Drill>(b =>
        {
            b.ToTable("drill", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Summary).HasMaxLength(2000);
            b.HasIndex(x => new { x.ProjectId, x.ScheduledFor });
            b.HasIndex(x => new { x.EmergencyPlanId, x.CompletedAt });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<EmergencyPlan>().WithMany().HasForeignKey(x => x.EmergencyPlanId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<DrillAction>(b =>
        {
            b.ToTable("drill_action", Schema);
            b.Property(x => x.Finding).HasMaxLength(500);
            b.Property(x => x.OwnerName).HasMaxLength(100);
            b.HasIndex(x => x.DrillId);
            b.HasIndex(x => new { x.OwnerUserId, x.DoneAt });
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
            b.HasOne<Drill>().WithMany().HasForeignKey(x => x.DrillId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<PlannedOutage>(b =>
        {
            b.ToTable("planned_outage", Schema);
            b.Property(x => x.Reason).HasMaxLength(500);
            b.Property(x => x.TemporaryWater).HasMaxLength(300);
            b.Property(x => x.PlannedByName).HasMaxLength(100);
            b.Property(x => x.TemporaryWaterReadyBy).HasMaxLength(100);
            b.Property(x => x.EndedByName).HasMaxLength(100);
            b.Property(x => x.CancelReason).HasMaxLength(300);
            b.Ignore(x => x.NeedsTemporaryWater);
            b.Ignore(x => x.EnteredLate);
            b.HasIndex(x => new { x.ProjectId, x.StartsAt });
            b.HasIndex(x => new { x.EndedAt, x.StartsAt });
            b.HasIndex(x => x.CompanyId);
            // cancelled_at and cancel_reason came later (0105): ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "Kind",
                "BuildingIds",
                "UnitIds",
                "StartsAt",
                "ExpectedEndAt",
                "Reason",
                "TemporaryWater",
                "PlannedByUserId",
                "PlannedByName",
                "PlannedAt",
                "NoticeDueBy",
                "FirstNoticeAt",
                "NoticeLate",
                "NoticeRemindedAt",
                "StartedAt",
                "TemporaryWaterReadyAt",
                "TemporaryWaterReadyBy",
                "EndedAt",
                "EndedByName",
                "OverrunToldAt",
                "CreatedAt",
                "UpdatedAt",
                "CancelledAt",
                "CancelReason"
            );
        });
        mb.Entity<OutageNotice>(b =>
        {
            b.ToTable("outage_notice", Schema);
            b.Property(x => x.Text).HasMaxLength(1000);
            b.Property(x => x.ByName).HasMaxLength(100);
            b.HasIndex(x => new { x.PlannedOutageId, x.At });
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
            b.HasOne<PlannedOutage>().WithMany().HasForeignKey(x => x.PlannedOutageId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<SafetyEvent>(b =>
        {
            b.ToTable("safety_event", Schema);
            b.Property(x => x.Location).HasMaxLength(200);
            b.Property(x => x.Description).HasMaxLength(1000);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.OccurredAt });
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.IncidentId);
        });
    }
}
