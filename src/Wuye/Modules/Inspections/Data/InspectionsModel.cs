using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Inspections.Data;

/// <summary>Tables of the inspections schema.</summary>
internal sealed class InspectionsModel : IModelContributor
{
    public const string Schema = "inspections";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<CheckItem>(b =>
        {
            b.ToTable("check_item", Schema);
            b.Property(x => x.Code).HasMaxLength(30);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.Method).HasMaxLength(300);
            b.Property(x => x.Sampling).HasMaxLength(300);
            b.Property(x => x.PointsPerDeduction).HasPrecision(6, 2);
            b.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        });
        mb.Entity<CheckItemRevision>(b =>
        {
            b.ToTable("check_item_revision", Schema);
            b.Property(x => x.Code).HasMaxLength(30);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.Method).HasMaxLength(300);
            b.Property(x => x.Sampling).HasMaxLength(300);
            b.Property(x => x.PointsPerDeduction).HasPrecision(6, 2);
            b.HasIndex(x => new { x.CheckItemId, x.Revision }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<CheckItem>().WithMany().HasForeignKey(x => x.CheckItemId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<InspectionPlan>(b =>
        {
            b.ToTable("inspection_plan", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.InspectorName).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.InspectorUserId });
        });
        mb.Entity<InspectionPlanLine>(b =>
        {
            b.ToTable("inspection_plan_line", Schema);
            b.HasIndex(x => x.PlanId);
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => x.CheckItemId);
            b.HasOne<InspectionPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CheckItem>().WithMany().HasForeignKey(x => x.CheckItemId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Inspection>(b =>
        {
            b.ToTable("inspection", Schema);
            b.Property(x => x.Place).HasMaxLength(200);
            b.Property(x => x.InspectorName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.CheckedAt });
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<InspectionResult>(b =>
        {
            b.ToTable("inspection_result", Schema);
            b.Property(x => x.Place).HasMaxLength(200);
            b.Property(x => x.SampleNote).HasMaxLength(500);
            b.Property(x => x.Note).HasMaxLength(1000);
            b.HasIndex(x => x.InspectionId);
            b.HasIndex(x => new { x.ProjectId, x.CheckedOn });
            b.HasIndex(x => x.PlanLineId);
            b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CheckItem>().WithMany().HasForeignKey(x => x.CheckItemId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Finding>(b =>
        {
            b.ToTable("finding", Schema);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.Points).HasPrecision(6, 2);
            b.HasIndex(x => x.ResultId);
            b.HasIndex(x => new { x.ProjectId, x.FoundOn });
            b.HasIndex(x => x.InspectionId);
            b.HasOne<InspectionResult>().WithMany().HasForeignKey(x => x.ResultId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<ImprovementNotice>(b =>
        {
            b.ToTable("improvement_notice", Schema);
            b.Property(x => x.Number).HasMaxLength(30);
            b.Property(x => x.ResponsibleName).HasMaxLength(100);
            b.Property(x => x.RequiredAction).HasMaxLength(500);
            b.Property(x => x.ReplyText).HasMaxLength(1000);
            b.Property(x => x.VerifierName).HasMaxLength(100);
            b.Property(x => x.VerificationNote).HasMaxLength(500);
            // ReplyOutcome came with 0010 (ALTER TABLE … ADD COLUMN puts it last); EF would place it after ReplyText,
            // so the column order is spelled out for the model to match every migrated database.
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "FindingId",
                "Number",
                "ResponsibleUserId",
                "ResponsibleName",
                "RequiredAction",
                "Deadline",
                "ReverifyOn",
                "Status",
                "Round",
                "ReplyText",
                "ReplyPhotoIds",
                "RepliedBy",
                "RepliedAt",
                "VerifiedBy",
                "VerifierName",
                "VerifiedAt",
                "VerificationNote",
                "CreatedAt",
                "UpdatedAt",
                "ReplyOutcome"
            );
            b.HasIndex(x => x.FindingId).IsUnique();
            b.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => x.ResponsibleUserId);
            b.HasOne<Finding>().WithMany().HasForeignKey(x => x.FindingId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<InspectionTeam>(b =>
        {
            b.ToTable("inspection_team", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.LeaderName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        });
        mb.Entity<TeamMutualCheck>(b =>
        {
            b.ToTable("team_mutual_check", Schema);
            b.Property(x => x.Method).HasMaxLength(100);
            b.Property(x => x.Problems).HasMaxLength(1000);
            b.Property(x => x.Measures).HasMaxLength(1000);
            b.HasIndex(x => new
                {
                    x.CheckingTeamId,
                    x.CheckedTeamId,
                    x.WeekStart,
                })
                .IsUnique();
            b.HasIndex(x => new { x.ProjectId, x.CheckedOn });
            b.HasOne<InspectionTeam>().WithMany().HasForeignKey(x => x.CheckingTeamId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<InspectionTeam>().WithMany().HasForeignKey(x => x.CheckedTeamId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<MysteryAudit>(b =>
        {
            b.ToTable("mystery_audit", Schema);
            b.Property(x => x.Title).HasMaxLength(100);
            b.Property(x => x.Requirements).HasMaxLength(1000);
            b.Property(x => x.VisitorAlias).HasMaxLength(50);
            b.Property(x => x.Report).HasMaxLength(4000);
            b.HasIndex(x => new { x.CompanyId, x.Month });
        });
        mb.Entity<MysteryAuditItem>(b =>
        {
            b.ToTable("mystery_audit_item", Schema);
            b.Property(x => x.Description).HasMaxLength(500);
            b.Property(x => x.Observation).HasMaxLength(1000);
            b.HasIndex(x => x.AuditId);
            b.HasOne<MysteryAudit>().WithMany().HasForeignKey(x => x.AuditId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CheckItem>().WithMany().HasForeignKey(x => x.CheckItemId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<WaveInspection>(b =>
        {
            b.ToTable("wave_inspection", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.StartsAt });
        });
        mb.Entity<WaveSlot>(b =>
        {
            b.ToTable("wave_slot", Schema);
            b.Property(x => x.TeamName).HasMaxLength(50);
            b.HasIndex(x => x.CampaignId);
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => x.InspectionId).IsUnique();
            b.HasOne<WaveInspection>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Inspection>().WithMany().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<SupervisionCheck>(b =>
        {
            b.ToTable("supervision_check", Schema);
            b.Property(x => x.Topics).HasMaxLength(200);
            b.Property(x => x.Observation).HasMaxLength(1000);
            b.HasIndex(x => new { x.ProjectId, x.CheckedOn });
        });
        mb.Entity<SupervisionWeeklyReport>(b =>
        {
            b.ToTable("supervision_weekly_report", Schema);
            b.Property(x => x.Problems).HasMaxLength(2000);
            b.Property(x => x.CustomerOpinions).HasMaxLength(2000);
            b.Property(x => x.Improvements).HasMaxLength(2000);
            b.Property(x => x.DeveloperNews).HasMaxLength(2000);
            b.Property(x => x.SiteStatus).HasMaxLength(2000);
            b.Property(x => x.NextWeekPlan).HasMaxLength(2000);
            b.HasIndex(x => new { x.ProjectId, x.WeekStart }).IsUnique();
        });
        mb.Entity<SupervisionReportMark>(b =>
        {
            b.ToTable("supervision_report_mark", Schema);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.WeekStart,
                    x.Kind,
                })
                .IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<SiteSurvey>(b =>
        {
            b.ToTable("site_survey", Schema);
            b.Property(x => x.RespondentName).HasMaxLength(100);
            b.Property(x => x.SurveyorName).HasMaxLength(100);
            b.Property(x => x.Summary).HasMaxLength(2000);
            b.Property(x => x.AverageScore).HasPrecision(4, 2);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.Respondent,
                    x.PeriodStart,
                })
                .IsUnique();
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<SiteSurveyAnswer>(b =>
        {
            b.ToTable("site_survey_answer", Schema);
            b.Property(x => x.Topic).HasMaxLength(50);
            b.Property(x => x.Comment).HasMaxLength(500);
            b.HasIndex(x => new { x.SurveyId, x.Position }).IsUnique();
            b.HasIndex(x => x.ProjectId);
            b.HasOne<SiteSurvey>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
