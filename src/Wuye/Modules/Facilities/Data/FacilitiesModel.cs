using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Facilities.Data;

/// <summary>Tables of the facilities schema.</summary>
internal sealed class FacilitiesModel : IModelContributor
{
    public const string Schema = "facilities";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<MaintenancePlan>(b =>
        {
            b.ToTable("maintenance_plan", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Rule).HasMaxLength(300);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => new { x.ArchivedAt, x.GeneratedThrough });
        });
        mb.Entity<ChecklistItem>(b =>
        {
            b.ToTable("checklist_item", Schema);
            b.Property(x => x.Label).HasMaxLength(100);
            b.Property(x => x.Unit).HasMaxLength(20);
            b.Property(x => x.Min).HasPrecision(14, 3);
            b.Property(x => x.Max).HasPrecision(14, 3);
            b.HasIndex(x => new { x.MaintenancePlanId, x.Position }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<MaintenancePlan>().WithMany().HasForeignKey(x => x.MaintenancePlanId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<MaintenanceTask>(b =>
        {
            b.ToTable("maintenance_task", Schema);
            b.Property(x => x.PlanName).HasMaxLength(100);
            b.Property(x => x.AssetName).HasMaxLength(100);
            b.Property(x => x.DoneByName).HasMaxLength(100);
            b.HasIndex(x => new
                {
                    x.MaintenancePlanId,
                    x.AssetId,
                    x.DueOn,
                })
                .IsUnique();
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Status,
                x.DueOn,
            });
            b.HasIndex(x => new { x.AssigneeUserId, x.Status });
            b.HasIndex(x => x.CompanyId);
            // No foreign key to the plan, nor an index on the asset (0096): a company's month is 200,000 tasks written at once.
        });
        mb.Entity<MaintenanceTaskResult>(b =>
        {
            b.ToTable("maintenance_task_result", Schema);
            b.Property(x => x.Label).HasMaxLength(100);
            b.Property(x => x.Text).HasMaxLength(500);
            b.Property(x => x.Number).HasPrecision(14, 3);
            b.HasIndex(x => new { x.MaintenanceTaskId, x.ChecklistItemId }).IsUnique();
            b.HasIndex(x => x.ServiceRequestId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<MaintenanceTask>().WithMany().HasForeignKey(x => x.MaintenanceTaskId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<AssetFault>(b =>
        {
            b.ToTable("asset_fault", Schema);
            b.Property(x => x.Description).HasMaxLength(500);
            b.HasIndex(x => new { x.ProjectId, x.ReportedAt });
            b.HasIndex(x => x.AssetId);
            b.HasIndex(x => x.ServiceRequestId).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<Meter>(b =>
        {
            b.ToTable("meter", Schema);
            b.Property(x => x.Code).HasMaxLength(40);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Multiplier).HasPrecision(12, 3);
            b.Property(x => x.RolloverAt).HasPrecision(16, 3);
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => x.MasterMeterId);
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<MeterReading>(b =>
        {
            b.ToTable("meter_reading", Schema);
            b.Property(x => x.Value).HasPrecision(16, 3);
            b.Property(x => x.Consumption).HasPrecision(18, 3);
            b.Property(x => x.ResolvedNote).HasMaxLength(500);
            b.HasIndex(x => new { x.MeterId, x.Period });
            b.HasIndex(x => new { x.ProjectId, x.Period });
            b.HasIndex(x => new { x.AssigneeUserId, x.ResolvedAt });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<EnergySettings>(b =>
        {
            b.ToTable("energy_settings", Schema);
            b.Property(x => x.MedianFactor).HasPrecision(6, 2);
            b.Property(x => x.YearOnYearPercent).HasPrecision(6, 2);
            b.Property(x => x.SharedLossPercent).HasPrecision(6, 2);
            b.HasIndex(x => x.ProjectId).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<EnvironmentZone>(b =>
        {
            b.ToTable("environment_zone", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.TeamName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.VendorId);
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<EnvironmentSchedule>(b =>
        {
            b.ToTable("environment_schedule", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Rule).HasMaxLength(300);
            b.HasIndex(x => new { x.EnvironmentZoneId, x.Name }).IsUnique();
            b.HasIndex(x => new { x.ArchivedAt, x.GeneratedThrough });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<EnvironmentZone>().WithMany().HasForeignKey(x => x.EnvironmentZoneId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<EnvironmentTask>(b =>
        {
            b.ToTable("environment_task", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.ZoneName).HasMaxLength(100);
            b.Property(x => x.DoneByName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.CheckedByName).HasMaxLength(100);
            b.Property(x => x.CheckNote).HasMaxLength(500);
            b.HasIndex(x => new
                {
                    x.EnvironmentScheduleId,
                    x.DueOn,
                    x.Round,
                })
                .IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.DueOn });
            b.HasIndex(x => new { x.EnvironmentZoneId, x.DueOn });
            b.HasIndex(x => new { x.AssigneeUserId, x.Status });
            b.HasIndex(x => new { x.VendorId, x.DueOn });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<EnvironmentSchedule>().WithMany().HasForeignKey(x => x.EnvironmentScheduleId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<VendorMeeting>(b =>
        {
            b.ToTable("vendor_meeting", Schema);
            b.Property(x => x.Minutes).HasMaxLength(1000);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<VendorMeetingAction>(b =>
        {
            b.ToTable("vendor_meeting_action", Schema);
            b.Property(x => x.VendorName).HasMaxLength(100);
            b.Property(x => x.What).HasMaxLength(200);
            b.Property(x => x.OwnerName).HasMaxLength(100);
            b.Property(x => x.DoneNote).HasMaxLength(500);
            b.Property(x => x.DoneByName).HasMaxLength(100);
            b.HasIndex(x => x.VendorMeetingId);
            b.HasIndex(x => new { x.VendorId, x.DoneAt });
            b.HasIndex(x => new { x.OwnerUserId, x.DoneAt });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<VendorMeeting>().WithMany().HasForeignKey(x => x.VendorMeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<VendorStar>(b =>
        {
            b.ToTable("vendor_star", Schema);
            b.Property(x => x.VendorName).HasMaxLength(100);
            b.Property(x => x.StaffName).HasMaxLength(100);
            b.Property(x => x.Reason).HasMaxLength(300);
            b.Property(x => x.NamedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
            b.HasIndex(x => new { x.VendorId, x.Month });
            b.HasIndex(x => x.CompanyId);
        });
    }
}
