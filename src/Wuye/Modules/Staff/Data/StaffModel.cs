using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Data;

/// <summary>Tables of the staff schema (人员): certificates, training sessions and their attendance.</summary>
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
        mb.Entity<CertificateNotice>(b =>
        {
            b.ToTable("certificate_notice", Schema);
            b.HasKey(x => new
            {
                x.CertificateId,
                x.ExpiresOn,
                x.Lapsed,
            });
            b.HasOne<Certificate>().WithMany().HasForeignKey(x => x.CertificateId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<TrainingSession>(b =>
        {
            b.ToTable("training_session", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Trainer).HasMaxLength(50);
            b.Property(x => x.Hours).HasPrecision(4, 1);
            b.Property(x => x.PassMark).HasPrecision(5, 1);
            b.HasIndex(x => new { x.CompanyId, x.HeldOn });
            b.HasIndex(x => new { x.ProjectId, x.HeldOn });
        });
        mb.Entity<TrainingAttendance>(b =>
        {
            b.ToTable("training_attendance", Schema);
            b.Property(x => x.TraineeName).HasMaxLength(100);
            b.Property(x => x.Score).HasPrecision(5, 1);
            b.HasIndex(x => new { x.SessionId, x.StaffMemberId }).IsUnique();
            b.HasIndex(x => x.StaffMemberId);
            b.HasOne<TrainingSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<QuestionBank>(b =>
        {
            b.ToTable("question_bank", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.Title });
            // version and changed_at came later (0059): ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder("Id", "CompanyId", "ProjectId", "Title", "Topic", "CreatedAt", "UpdatedAt", "Revision", "ChangedAt");
        });
        mb.Entity<Question>(b =>
        {
            b.ToTable("question", Schema);
            b.Property(x => x.Text).HasMaxLength(500);
            b.Property(x => x.ReferenceAnswer).HasMaxLength(1000);
            b.Ignore(x => x.IsOpen);
            b.HasIndex(x => x.BankId);
            b.HasOne<QuestionBank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            // reference_answer came later (0058): ALTER TABLE … ADD puts it last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "BankId",
                "Kind",
                "Text",
                "Options",
                "Correct",
                "CreatedAt",
                "UpdatedAt",
                "ReferenceAnswer",
                "RetiredAt"
            );
        });
        mb.Entity<Exam>(b =>
        {
            b.ToTable("exam", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.PassMark).HasPrecision(5, 1);
            b.HasIndex(x => new { x.CompanyId, x.CreatedAt });
        });
        mb.Entity<ExamAssignment>(b =>
        {
            b.ToTable("exam_assignment", Schema);
            b.Property(x => x.PersonName).HasMaxLength(100);
            b.Property(x => x.Reason).HasMaxLength(300);
            b.Property(x => x.BestScore).HasPrecision(5, 1);
            b.HasIndex(x => new { x.ExamId, x.StaffMemberId });
            b.HasIndex(x => x.UserId);
            b.HasOne<Exam>().WithMany().HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ExamAttempt>(b =>
        {
            b.ToTable("exam_attempt", Schema);
            b.Property(x => x.Score).HasPrecision(5, 1);
            b.Property(x => x.MarkedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.AssignmentId, x.Number }).IsUnique();
            // the marking columns came later (0058): ALTER TABLE … ADD puts them last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "AssignmentId",
                "Number",
                "StartedAt",
                "DeadlineAt",
                "QuestionIds",
                "Answers",
                "SubmittedAt",
                "Score",
                "Passed",
                "TimedOut",
                "CreatedAt",
                "UpdatedAt",
                "Texts",
                "Marks",
                "AwaitingMarking",
                "MarkedAt",
                "MarkedById",
                "MarkedByName"
            );
            b.HasOne<ExamAssignment>().WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<StaffTalk>(b =>
        {
            b.ToTable("staff_talk", Schema);
            b.Property(x => x.StaffName).HasMaxLength(100);
            b.Property(x => x.HeldByName).HasMaxLength(100);
            b.Property(x => x.Topic).HasMaxLength(100);
            b.Property(x => x.Notes).HasMaxLength(1000);
            b.Property(x => x.Issue).HasMaxLength(300);
            b.Property(x => x.FollowUp).HasMaxLength(300);
            b.Ignore(x => x.IsOpen);
            b.HasIndex(x => new { x.ProjectId, x.HeldOn });
            b.HasIndex(x => new { x.CompanyId, x.HeldOn });
            b.HasIndex(x => x.StaffMemberId);
        });
        mb.Entity<StaffTalkNotice>(b =>
        {
            b.ToTable("staff_talk_notice", Schema);
            b.HasKey(x => new
            {
                x.ProjectId,
                x.Period,
                x.Quarter,
            });
        });

        mb.Entity<RosterShift>(b =>
        {
            b.ToTable("roster_shift", Schema);
            b.Property(x => x.Name).HasMaxLength(30);
            b.Ignore(x => x.Hours);
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<RosterPost>(b =>
        {
            b.ToTable("roster_post", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.HasIndex(x => x.ProjectId);
            // staffed_shift_ids came later (0057): ALTER TABLE … ADD puts it last.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "TeamId",
                "SecurityPostId",
                "Name",
                "RequiredCertificate",
                "CreatedAt",
                "UpdatedAt",
                "StaffedShiftIds"
            );
        });
        mb.Entity<RosterEntry>(b =>
        {
            b.ToTable("roster_entry", Schema);
            b.Property(x => x.StaffName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Day });
            b.HasIndex(x => new { x.StaffMemberId, x.StartsAt });
            b.HasIndex(x => new { x.UserId, x.StartsAt });
            b.HasOne<RosterPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<RosterShift>().WithMany().HasForeignKey(x => x.ShiftId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<LeaveRequest>(b =>
        {
            b.ToTable("leave_request", Schema);
            b.Property(x => x.StaffName).HasMaxLength(100);
            b.Property(x => x.Reason).HasMaxLength(200);
            b.Property(x => x.DecidedByName).HasMaxLength(100);
            b.Property(x => x.DecisionNote).HasMaxLength(200);
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => new { x.StaffMemberId, x.FromDay });
            b.HasIndex(x => x.UserId);
        });
        mb.Entity<ShiftSwap>(b =>
        {
            b.ToTable("shift_swap", Schema);
            b.Property(x => x.RequesterName).HasMaxLength(100);
            b.Property(x => x.PartnerName).HasMaxLength(100);
            b.Property(x => x.Reason).HasMaxLength(200);
            b.Property(x => x.DecidedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => x.RequesterUserId);
            b.HasIndex(x => x.PartnerUserId);
            b.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.WithEntryId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<RosterGapNotice>(b =>
        {
            b.ToTable("roster_gap_notice", Schema);
            b.HasKey(x => new
            {
                x.PostId,
                x.ShiftId,
                x.Day,
                x.Reason,
            });
            b.HasIndex(x => x.Day);
        });
        mb.Entity<StaffScore>(b =>
        {
            b.ToTable("staff_score", Schema);
            b.Property(x => x.StaffName).HasMaxLength(100);
            b.Property(x => x.DeductionPoints).HasPrecision(6, 1);
            b.Property(x => x.ExamMean).HasPrecision(5, 1);
            b.Property(x => x.Score).HasPrecision(5, 1);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.Month,
                    x.StaffMemberId,
                })
                .IsUnique();
            b.HasIndex(x => new { x.UserId, x.Month });
        });
        mb.Entity<StaffAssessmentMonth>(b =>
        {
            b.ToTable("staff_assessment_month", Schema);
            b.Property(x => x.ReviewedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
        });
        mb.Entity<PostGuide>(b =>
        {
            b.ToTable("post_guide", Schema);
            b.Property(x => x.Post).HasMaxLength(50);
            b.Property(x => x.Title).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.Post });
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<PostGuideStep>(b =>
        {
            b.ToTable("post_guide_step", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Instructions).HasMaxLength(1000);
            b.HasIndex(x => new { x.GuideId, x.Position }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<PostGuide>().WithMany().HasForeignKey(x => x.GuideId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<OnboardingPlan>(b =>
        {
            b.ToTable("onboarding_plan", Schema);
            b.Property(x => x.GuideTitle).HasMaxLength(100);
            b.Property(x => x.PersonName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.StartsOn });
            // One plan under way per person (its name is the platform's: ix_onboarding_plan_staff_member_id).
            b.HasIndex(x => x.StaffMemberId).IsUnique().HasFilter("completed_at IS NULL");
            b.HasIndex(x => x.UserId);
            b.HasIndex(x => x.GuideId);
            b.HasOne<PostGuide>().WithMany().HasForeignKey(x => x.GuideId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<OnboardingStep>(b =>
        {
            b.ToTable("onboarding_step", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Instructions).HasMaxLength(1000);
            b.Property(x => x.DoneByName).HasMaxLength(100);
            b.HasIndex(x => new { x.PlanId, x.Position }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.DueOn });
            b.HasOne<OnboardingPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
