using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Data;

/// <summary>Tables of the regulation schema.</summary>
internal sealed class RegulationModel : IModelContributor
{
    public const string Schema = "regulation";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<CreditRatingTable>(b =>
        {
            b.ToTable("credit_rating_table", Schema);
            b.Property(x => x.Preset).HasMaxLength(20);
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.NoBadRecordFloorGrade).HasMaxLength(20);
            b.Property(x => x.BandsJson).HasColumnType("jsonb");
            b.Property(x => x.ItemsJson).HasColumnType("jsonb");
            b.Ignore(x => x.Bands);
            b.Ignore(x => x.Items);
            b.HasIndex(x => new { x.RegulatorId, x.VersionNo }).IsUnique();
        });
        mb.Entity<ConductRecord>(b =>
        {
            b.ToTable("conduct_record", Schema);
            b.Property(x => x.ItemCode).HasMaxLength(40);
            b.Property(x => x.ItemName).HasMaxLength(100);
            b.Property(x => x.Evidence).HasMaxLength(2000);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.Property(x => x.DecisionNote).HasMaxLength(500);
            b.Ignore(x => x.Withdrawn);
            b.HasIndex(x => new { x.CompanyId, x.OccurredOn });
            b.HasIndex(x => x.RegulatorId);
            b.HasIndex(x => x.SourceId);
            b.Property(x => x.FigurePeriod).HasMaxLength(10);
            // A figure-scored record once per regulator, company, item and period, whoever computes it (job or button).
            b.HasIndex(x => new
                {
                    x.RegulatorId,
                    x.CompanyId,
                    x.ItemCode,
                    x.FigurePeriod,
                })
                .IsUnique()
                .HasFilter("figure_period IS NOT NULL");
            b.HasOne<CreditRatingTable>().WithMany().HasForeignKey(x => x.TableId).OnDelete(DeleteBehavior.Restrict);
            b.ColumnsInOrder(
                "Id",
                "RegulatorId",
                "CompanyId",
                "ProjectId",
                "TableId",
                "ItemCode",
                "ItemName",
                "Kind",
                "Points",
                "OccurredOn",
                "ValidUntil",
                "AppealUntil",
                "Evidence",
                "Source",
                "SourceId",
                "RecordedByName",
                "Decision",
                "DecisionNote",
                "DecidedAt",
                "CreatedAt",
                "UpdatedAt",
                "FigurePeriod",
                "FileIds"
            );
        });
        mb.Entity<ConductObjection>(b =>
        {
            b.ToTable("conduct_objection", Schema);
            b.Property(x => x.Reason).HasMaxLength(1000);
            b.Property(x => x.Evidence).HasMaxLength(2000);
            b.Property(x => x.FiledByName).HasMaxLength(100);
            b.HasIndex(x => x.ConductRecordId).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<ConductRecord>().WithMany().HasForeignKey(x => x.ConductRecordId).OnDelete(DeleteBehavior.Cascade);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ConductRecordId",
                "Reason",
                "Evidence",
                "FiledByName",
                "CreatedAt",
                "UpdatedAt",
                "FileIds"
            );
        });
        mb.Entity<FigureRun>(b =>
        {
            b.ToTable("figure_run", Schema);
            b.Property(x => x.Period).HasMaxLength(10);
            b.HasIndex(x => new { x.RegulatorId, x.Period }).IsUnique();
            b.HasOne<CreditRatingTable>().WithMany().HasForeignKey(x => x.TableId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<CreditRating>(b =>
        {
            b.ToTable("credit_rating", Schema);
            b.Property(x => x.CompanyName).HasMaxLength(200);
            b.Property(x => x.Period).HasMaxLength(10);
            b.Property(x => x.TableName).HasMaxLength(100);
            b.Property(x => x.Grade).HasMaxLength(20);
            b.Property(x => x.GradeLabel).HasMaxLength(20);
            b.HasIndex(x => new
                {
                    x.RegulatorId,
                    x.Period,
                    x.CompanyId,
                })
                .IsUnique();
            b.HasIndex(x => new { x.CompanyId, x.PeriodEnd });
            b.HasOne<CreditRatingTable>().WithMany().HasForeignKey(x => x.TableId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ProblemLedgerEntry>(b =>
        {
            b.ToTable("problem_ledger_entry", Schema);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Description).HasMaxLength(2000);
            b.Property(x => x.Departments).HasMaxLength(200);
            b.Property(x => x.LateItemCode).HasMaxLength(40);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.Property(x => x.ReinspectionNote).HasMaxLength(500);
            b.HasIndex(x => new { x.CompanyId, x.Deadline });
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => new
            {
                x.Deadline,
                x.ClosedAt,
                x.OverdueAt,
            });
        });
        mb.Entity<ProblemAnswer>(b =>
        {
            b.ToTable("problem_answer", Schema);
            b.Property(x => x.Text).HasMaxLength(2000);
            b.Property(x => x.Evidence).HasMaxLength(2000);
            b.Property(x => x.AnsweredByName).HasMaxLength(100);
            b.HasIndex(x => x.ProblemLedgerEntryId);
            b.HasIndex(x => x.CompanyId);
            b.HasOne<ProblemLedgerEntry>().WithMany().HasForeignKey(x => x.ProblemLedgerEntryId).OnDelete(DeleteBehavior.Cascade);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ProblemLedgerEntryId",
                "Text",
                "Evidence",
                "AnsweredByName",
                "CreatedAt",
                "UpdatedAt",
                "FileIds"
            );
        });
        mb.Entity<OwnersCommittee>(b =>
        {
            b.ToTable("owners_committee", Schema);
            b.Property(x => x.Name).HasMaxLength(100);
            b.HasIndex(x => x.CompanyId);
            b.HasIndex(x => x.ProjectId);
            b.HasIndex(x => new { x.RegulatorId, x.TermEnd });
            b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.OwnersCommitteeId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<CommitteeMember>(b =>
        {
            b.ToTable("committee_member", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.Unit).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.HasIndex(x => x.OwnersCommitteeId);
            b.HasIndex(x => x.CompanyId);
        });
        mb.Entity<Campaign>(b =>
        {
            b.ToTable("campaign", Schema);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Description).HasMaxLength(2000);
            b.Property(x => x.CreatedByName).HasMaxLength(100);
            b.Property(x => x.Summary).HasMaxLength(4000);
            b.HasIndex(x => new { x.RegulatorId, x.StartsOn });
            b.ColumnsInOrder(
                "Id",
                "RegulatorId",
                "Title",
                "Description",
                "StartsOn",
                "SelfCheckDue",
                "RectifyDue",
                "EndsOn",
                "CreatedByName",
                "Summary",
                "ReportedAt",
                "CreatedAt",
                "UpdatedAt",
                "SelfCheckReminded"
            );
        });
        mb.Entity<CampaignSelfCheck>(b =>
        {
            b.ToTable("campaign_self_check", Schema);
            b.Property(x => x.Text).HasMaxLength(2000);
            b.Property(x => x.Evidence).HasMaxLength(2000);
            b.Property(x => x.SubmittedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.CampaignId, x.CompanyId }).IsUnique();
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<CampaignInspection>(b =>
        {
            b.ToTable("campaign_inspection", Schema);
            b.Property(x => x.Note).HasMaxLength(1000);
            b.Property(x => x.InspectorName).HasMaxLength(100);
            b.HasIndex(x => new { x.CampaignId, x.ProjectId });
            b.HasIndex(x => x.CompanyId);
            b.HasOne<Campaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        });
        mb.Entity<CompanyFiling>(b =>
        {
            b.ToTable("company_filing", Schema);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Number).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(1000);
            b.Property(x => x.FiledByName).HasMaxLength(100);
            b.HasIndex(x => new { x.CompanyId, x.FiledOn });
            b.HasIndex(x => x.ProjectId);
        });
        mb.Entity<CompanyContact>(b =>
        {
            b.ToTable("company_contact", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.Position).HasMaxLength(50);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.HasIndex(x => x.CompanyId);
        });
    }
}
