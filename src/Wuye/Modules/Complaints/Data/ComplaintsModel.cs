using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Data;

/// <summary>Tables of the complaints schema.</summary>
internal sealed class ComplaintsModel : IModelContributor
{
    public const string Schema = "complaints";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<Complaint>(b =>
        {
            b.ToTable("complaint", Schema);
            b.Property(x => x.Number).HasMaxLength(30);
            b.Property(x => x.Description).HasMaxLength(2000);
            b.Property(x => x.ComplainantName).HasMaxLength(50);
            b.Property(x => x.ComplainantPhone).HasMaxLength(20);
            b.Property(x => x.IneffectiveReason).HasMaxLength(200);
            b.Property(x => x.ReceivedByName).HasMaxLength(100);
            b.Property(x => x.OwnerStaffName).HasMaxLength(100);
            b.Property(x => x.PostponeReason).HasMaxLength(200);
            b.Property(x => x.RootCause).HasMaxLength(500);
            b.Property(x => x.NextStep).HasMaxLength(500);
            b.Property(x => x.Resolution).HasMaxLength(1000);
            b.Property(x => x.VisitComment).HasMaxLength(500);
            b.HasIndex(x => new { x.ProjectId, x.ReceivedAt });
            b.HasIndex(x => new { x.CompanyId, x.ReceivedMonth });
            b.HasIndex(x => new { x.Status, x.ReplyDueAt });
            b.HasIndex(x => x.UnitId);
            b.HasIndex(x => x.Number).IsUnique();
        });
        mb.Entity<ComplaintEvent>(b =>
        {
            b.ToTable("complaint_event", Schema);
            b.Property(x => x.ActorName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(1000);
            b.HasIndex(x => new { x.ComplaintId, x.At });
            b.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ComplaintSettings>(b =>
        {
            b.ToTable("complaint_settings", Schema);
            b.HasIndex(x => x.ProjectId).IsUnique();
        });
        mb.Entity<ComplaintEscalation>(b =>
        {
            b.ToTable("complaint_escalation", Schema);
            b.HasIndex(x => new { x.ComplaintId, x.Level }).IsUnique();
        });
        mb.Entity<DailyReview>(b =>
        {
            b.ToTable("daily_review", Schema);
            b.HasIndex(x => new { x.ProjectId, x.ReviewDate }).IsUnique();
            b.HasIndex(x => new { x.CompanyId, x.ReviewDate });
        });
        mb.Entity<DailyReviewLine>(b =>
        {
            b.ToTable("daily_review_line", Schema);
            b.Property(x => x.Number).HasMaxLength(30);
            b.Property(x => x.Description).HasMaxLength(2000);
            b.Property(x => x.OwnerStaffName).HasMaxLength(100);
            b.Property(x => x.RootCause).HasMaxLength(500);
            b.Property(x => x.NextStep).HasMaxLength(500);
            b.HasIndex(x => x.DailyReviewId);
            b.HasIndex(x => x.ComplaintId);
            b.HasOne<DailyReview>().WithMany().HasForeignKey(x => x.DailyReviewId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<ComplaintDepartment>(b =>
        {
            b.ToTable("complaint_department", Schema);
            b.Property(x => x.Code).HasMaxLength(40);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.NameEn).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        });
        mb.Entity<ReplyScript>(b =>
        {
            b.ToTable("reply_script", Schema);
            b.Property(x => x.Question).HasMaxLength(500);
            b.Property(x => x.Answer).HasMaxLength(2000);
            b.Property(x => x.EditedByName).HasMaxLength(100);
            b.Property(x => x.ChangeNote).HasMaxLength(200);
            b.HasIndex(x => new { x.ScriptId, x.VersionNo }).IsUnique();
            b.HasIndex(x => new
            {
                x.CompanyId,
                x.Category,
                x.IsCurrent,
            });
        });
    }
}
