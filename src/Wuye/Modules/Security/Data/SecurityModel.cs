using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Security.Data;

/// <summary>Tables of the security schema.</summary>
internal sealed class SecurityModel : IModelContributor
{
    public const string Schema = "security";

    public const string ViolationNumbers = "parking_violation_number_seq";

    public void Configure(ModelBuilder mb)
    {
        mb.HasSequence<long>(ViolationNumbers, Schema);
        mb.Entity<PatrolRoute>(b =>
        {
            b.ToTable("patrol_route", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.StartTimes).HasMaxLength(300);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<PatrolCheckpoint>(b =>
        {
            b.ToTable("patrol_checkpoint", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Code).HasMaxLength(12);
            b.HasIndex(x => new { x.PatrolRouteId, x.Position }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Code }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<PatrolRoute>().WithMany().HasForeignKey(x => x.PatrolRouteId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<PatrolRound>(b =>
        {
            b.ToTable("patrol_round", Schema);
            b.Property(x => x.WalkerName).HasMaxLength(100);
            b.Property(x => x.Plan).HasColumnType("jsonb");
            b.Property(x => x.DutyName).HasMaxLength(100);
            // plan (0136), then duty_user_id and duty_name (0140) came later: ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "PatrolRouteId",
                "StartsAt",
                "EndsAt",
                "WalkerUserId",
                "WalkerName",
                "AlertedAt",
                "CreatedAt",
                "UpdatedAt",
                "Plan",
                "DutyUserId",
                "DutyName"
            );
            b.HasIndex(x => new { x.PatrolRouteId, x.StartsAt }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.StartsAt });
            b.HasIndex(x => new { x.EndsAt, x.AlertedAt });
            b.HasIndex(x => new { x.DutyUserId, x.StartsAt });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<PatrolRoute>().WithMany().HasForeignKey(x => x.PatrolRouteId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<PatrolScan>(b =>
        {
            b.ToTable("patrol_scan", Schema);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.Hazard).HasMaxLength(500);
            b.Property(x => x.HazardRequestNumber).HasMaxLength(40);
            // photo_id and the hazard columns came later (0079): ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "PatrolRoundId",
                "PatrolCheckpointId",
                "ScannedAt",
                "Latitude",
                "Longitude",
                "Note",
                "UserId",
                "Typed",
                "CreatedAt",
                "UpdatedAt",
                "PhotoId",
                "Hazard",
                "HazardRequestId",
                "HazardRequestNumber"
            );
            b.HasIndex(x => new { x.PatrolRoundId, x.ScannedAt });
            b.HasIndex(x => x.PatrolCheckpointId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<PatrolRound>().WithMany().HasForeignKey(x => x.PatrolRoundId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<PatrolCheckpoint>().WithMany().HasForeignKey(x => x.PatrolCheckpointId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<PatrolExcuse>(b =>
        {
            b.ToTable("patrol_excuse", Schema);
            b.Property(x => x.Reason).HasMaxLength(500);
            b.HasIndex(x => new { x.PatrolRoundId, x.PatrolCheckpointId }).IsUnique();
            b.HasIndex(x => x.PatrolCheckpointId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<PatrolRound>().WithMany().HasForeignKey(x => x.PatrolRoundId).OnDelete(DeleteBehavior.Cascade);
            // No key to the checkpoint (0137): a point removed from the route stays in the frozen plan of the rounds under way, and
            // is excused there.
        });
        mb.Entity<SecurityPost>(b =>
        {
            b.ToTable("post", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.PeakSlots).HasMaxLength(200);
            b.Property(x => x.DoubleSlots).HasMaxLength(200);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<GuardShift>(b =>
        {
            b.ToTable("guard_shift", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<PostAssignment>(b =>
        {
            b.ToTable("post_assignment", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.HasIndex(x => new { x.SecurityPostId, x.Day });
            b.HasIndex(x => new { x.StaffMemberId, x.StartsAt });
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.StartsAt,
                x.EndsAt,
            });
            b.HasIndex(x => x.GuardShiftId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<GuardShift>().WithMany().HasForeignKey(x => x.GuardShiftId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<RollCallSettings>(b =>
        {
            b.ToTable("roll_call_settings", Schema);
            b.HasIndex(x => x.ProjectId).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<RollCall>(b =>
        {
            b.ToTable("roll_call", Schema);
            b.Property(x => x.PostName).HasMaxLength(100);
            b.Property(x => x.GuardName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(200);
            b.Ignore(x => x.State);
            b.Ignore(x => x.ResponseSeconds);
            b.HasIndex(x => new { x.SecurityPostId, x.SlotAt }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Night });
            b.HasIndex(x => new { x.GuardUserId, x.AnsweredAt });
            b.HasIndex(x => new
            {
                x.AnsweredAt,
                x.EscalatedAt,
                x.LastCalledAt,
            });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<SafetyTip>(b =>
        {
            b.ToTable("safety_tip", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Body).HasMaxLength(500);
            b.HasIndex(x => new { x.ProjectId, x.Title });
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<SafetyTipSchedule>(b =>
        {
            b.ToTable("safety_tip_schedule", Schema);
            b.HasIndex(x => new { x.SafetyTipId, x.SecurityPostId });
            b.HasIndex(x => x.SecurityPostId);
            b.HasIndex(x => new { x.From, x.To });
            b.HasIndex(x => x.CompanyId);
            b.Ignore(x => x.Slot);
            b.HasOne<SafetyTip>().WithMany().HasForeignKey(x => x.SafetyTipId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<SafetyTipDelivery>(b =>
        {
            b.ToTable("safety_tip_delivery", Schema);
            b.Property(x => x.PostName).HasMaxLength(100);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Body).HasMaxLength(500);
            b.Property(x => x.GuardName).HasMaxLength(100);
            b.HasIndex(x => new { x.SafetyTipScheduleId, x.Day }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Day });
            b.HasIndex(x => new { x.GuardUserId, x.AcknowledgedAt });
            b.HasIndex(x => x.SafetyTipId);
            b.HasIndex(x => x.SecurityPostId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SafetyTip>().WithMany().HasForeignKey(x => x.SafetyTipId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<HiddenToken>(b =>
        {
            b.ToTable("hidden_token", Schema);
            b.Property(x => x.PostName).HasMaxLength(100);
            b.Property(x => x.Place).HasMaxLength(200);
            b.Property(x => x.Code).HasMaxLength(12);
            b.Property(x => x.GuardName).HasMaxLength(100);
            b.Ignore(x => x.MinutesToFind);
            b.HasIndex(x => new { x.ProjectId, x.HiddenAt });
            b.HasIndex(x => new { x.Code, x.FoundAt });
            b.HasIndex(x => new
            {
                x.FoundAt,
                x.AlertedAt,
                x.DueAt,
            });
            b.HasIndex(x => new { x.GuardUserId, x.FoundAt });
            b.HasIndex(x => x.SecurityPostId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<CarPark>(b =>
        {
            b.ToTable("car_park", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Rules).HasMaxLength(500);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<CarParkSpace>(b =>
        {
            b.ToTable("car_park_space", Schema);
            b.Property(x => x.Code).HasMaxLength(30);
            b.Property(x => x.Plate).HasMaxLength(10);
            b.Ignore(x => x.Taken);
            b.HasIndex(x => x.ParkingSpaceId).IsUnique();
            b.HasIndex(x => new { x.CarParkId, x.Kind });
            b.HasIndex(x => new { x.ProjectId, x.Plate });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<CarPark>().WithMany().HasForeignKey(x => x.CarParkId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<ParkingViolation>(b =>
        {
            b.ToTable("parking_violation", Schema);
            b.Property(x => x.Number).HasMaxLength(20);
            b.Property(x => x.Plate).HasMaxLength(10);
            b.Property(x => x.Place).HasMaxLength(200);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.Property(x => x.OutcomeNote).HasMaxLength(500);
            b.HasIndex(x => x.Number).IsUnique();
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Plate,
                x.RecordedAt,
            });
            b.HasIndex(x => new { x.ProjectId, x.RecordedAt });
            b.HasIndex(x => new { x.EscalatedAt, x.RecordedAt });
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<ViolationStep>(b =>
        {
            b.ToTable("violation_step", Schema);
            b.Property(x => x.Plate).HasMaxLength(10);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.TakenByName).HasMaxLength(100);
            b.Property(x => x.LiftedByName).HasMaxLength(100);
            b.HasIndex(x => new
            {
                x.ProjectId,
                x.Plate,
                x.TakenAt,
            });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<ParkingViolation>().WithMany().HasForeignKey(x => x.ParkingViolationId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<BoothReceipt>(b =>
        {
            b.ToTable("booth_receipt", Schema);
            b.Property(x => x.PostName).HasMaxLength(100);
            b.Property(x => x.Plate).HasMaxLength(10);
            b.Property(x => x.IssuedByName).HasMaxLength(100);
            b.Property(x => x.VoidedByName).HasMaxLength(100);
            b.Property(x => x.VoidReason).HasMaxLength(200);
            b.HasIndex(x => new { x.SecurityPostId, x.Serial }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.IssuedAt });
            b.HasIndex(x => new { x.VoidedAt, x.ProjectId });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SecurityPost>().WithMany().HasForeignKey(x => x.SecurityPostId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<BoothReceiptCounter>(b =>
        {
            b.ToTable("booth_receipt_counter", Schema);
            b.HasKey(x => x.SecurityPostId);
        });
        mb.Entity<SecurityDuty>(b =>
        {
            b.ToTable("duty", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<DutyCheck>(b =>
        {
            b.ToTable("duty_check", Schema);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.SecurityDutyId, x.Day }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Day });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<SecurityDuty>().WithMany().HasForeignKey(x => x.SecurityDutyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
