using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Data;

/// <summary>Tables of the fees schema. Money is numeric(14,2); prices numeric(12,4); rates numeric(8,6).</summary>
internal sealed class FeesModel : IModelContributor
{
    public const string Schema = "fees";

    public void Configure(ModelBuilder mb)
    {
        mb.Entity<FeeItem>(b =>
        {
            b.ToTable("fee_item", Schema);
            b.Property(x => x.Name).HasMaxLength(50);
            b.Property(x => x.UnitType).HasMaxLength(50);
            b.Property(x => x.UsageUnit).HasMaxLength(10);
            b.Property(x => x.UnitPrice).HasPrecision(12, 4);
            b.Property(x => x.LateFeeDailyRate).HasPrecision(8, 6);
            b.Property(x => x.LateFeeCap).HasPrecision(8, 6);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "Name",
                "Kind",
                "UnitPrice",
                "UnitType",
                "Rounding",
                "DueDay",
                "GraceDays",
                "LateFeeDailyRate",
                "LateFeeCap",
                "ArchivedAt",
                "CreatedAt",
                "UpdatedAt",
                "CycleMonths",
                "UsageUnit"
            );
            b.HasIndex(x => new { x.ProjectId, x.Name });
        });
        mb.Entity<Bill>(b =>
        {
            b.ToTable("bill", Schema);
            b.Ignore(x => x.Outstanding);
            b.Ignore(x => x.Settled);
            // One periodic bill per unit and period; metered and one-off bills are one per source (reading, renovation…).
            b.HasIndex(x => new { x.UnitId, x.Period }).IsUnique().HasFilter("kind = 'Periodic'");
            b.HasIndex(x => x.SourceId).IsUnique().HasFilter("source_id IS NOT NULL");
            // A home's bills of a month, whatever their kind (the collection tally's household recount, migration 0150).
            b.HasIndex(x => new
            {
                x.UnitId,
                x.Period,
                x.SettledPeriod,
            });
            b.HasIndex(x => new { x.ProjectId, x.Period });
            // A company's or a zone's bills of a period (collection rates): each arm of the scope filter has an index, so PostgreSQL
            // combines them (BitmapOr) instead of reading every bill.
            b.HasIndex(x => new { x.CompanyId, x.Period });
            b.HasIndex(x => new { x.ZoneId, x.Period });
            b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Restrict);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "BuildingId",
                "Period",
                "IssuedAt",
                "DueDate",
                "Amount",
                "Paid",
                "CreatedAt",
                "UpdatedAt",
                "Kind",
                "SourceId",
                "SettledPeriod"
            );
        });
        mb.Entity<UtilityReading>(b =>
        {
            b.ToTable("utility_reading", Schema);
            b.Property(x => x.Previous).HasPrecision(12, 2);
            b.Property(x => x.Current).HasPrecision(12, 2);
            b.Property(x => x.Usage).HasPrecision(12, 2);
            b.Property(x => x.ReadByName).HasMaxLength(100);
            b.HasIndex(x => new
                {
                    x.UnitId,
                    x.FeeItemId,
                    x.Period,
                })
                .IsUnique();
            b.HasIndex(x => new { x.FeeItemId, x.Period });
            b.HasOne<FeeItem>().WithMany().HasForeignKey(x => x.FeeItemId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Bill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<BillLine>(b =>
        {
            b.ToTable("bill_line", Schema);
            b.Ignore(x => x.Outstanding);
            b.Property(x => x.FeeItemName).HasMaxLength(50);
            b.Property(x => x.Basis).HasMaxLength(100);
            b.Property(x => x.Quantity).HasPrecision(12, 2);
            b.Property(x => x.UnitPrice).HasPrecision(12, 4);
            b.Property(x => x.LateFeeDailyRate).HasPrecision(8, 6);
            b.Property(x => x.LateFeeCap).HasPrecision(8, 6);
            b.HasIndex(x => new { x.UnitId, x.DueDate });
            b.HasOne<FeeItem>().WithMany().HasForeignKey(x => x.FeeItemId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<Payment>(b =>
        {
            b.ToTable("payment", Schema);
            b.Ignore(x => x.Credit);
            b.Property(x => x.ReceiptNumber).HasMaxLength(30);
            b.Property(x => x.ReceivedByName).HasMaxLength(100);
            b.Property(x => x.Note).HasMaxLength(200);
            b.HasIndex(x => new { x.CompanyId, x.ReceiptNumber }).IsUnique();
            b.HasIndex(x => x.RequestKey).IsUnique();
            b.HasIndex(x => new { x.UnitId, x.PaidAt });
            b.HasIndex(x => new { x.ProjectId, x.PaidAt });
            b.HasIndex(x => x.RefundOfPaymentId);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "ReceiptNumber",
                "Method",
                "Amount",
                "Allocated",
                "PaidAt",
                "ReceivedByUserId",
                "ReceivedByName",
                "Note",
                "RequestKey",
                "CreatedAt",
                "UpdatedAt",
                "RefundOfPaymentId"
            );
        });
        mb.Entity<FeeAdjustment>(b =>
        {
            b.ToTable("fee_adjustment", Schema);
            b.Property(x => x.ReasonText).HasMaxLength(FeeAdjustment.ReasonTextMax);
            b.Property(x => x.RequestedByName).HasMaxLength(100);
            b.Property(x => x.DecidedByName).HasMaxLength(100);
            b.Property(x => x.DecisionNote).HasMaxLength(500);
            b.HasIndex(x => new { x.ProjectId, x.Status });
            b.HasIndex(x => x.BillId);
            b.HasOne<Bill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<ArrearsReminder>(b =>
        {
            b.ToTable("arrears_reminder", Schema);
            b.Ignore(x => x.Open);
            b.Property(x => x.OutcomeNote).HasMaxLength(ArrearsReminder.NoteMax);
            b.Property(x => x.VisitedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.BillId, x.Step }).IsUnique();
            b.HasIndex(x => new { x.UnitId, x.SentAt });
            b.HasIndex(x => new { x.ProjectId, x.SentAt });
            b.HasOne<Bill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<PaymentOrder>(b =>
        {
            b.ToTable("payment_order", Schema);
            b.Ignore(x => x.Fen);
            b.Property(x => x.OrderNumber).HasMaxLength(32);
            b.Property(x => x.Gateway).HasMaxLength(20);
            b.Property(x => x.PayUrl).HasMaxLength(1000);
            b.Property(x => x.TransactionId).HasMaxLength(64);
            b.Property(x => x.FailReason).HasMaxLength(200);
            b.HasIndex(x => x.OrderNumber).IsUnique();
            b.HasIndex(x => x.TransactionId).IsUnique();
            b.HasIndex(x => x.BillId);
            b.HasOne<Bill>().WithMany().HasForeignKey(x => x.BillId).OnDelete(DeleteBehavior.Restrict);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "BillId",
                "OrderNumber",
                "Gateway",
                "Amount",
                "Status",
                "PayUrl",
                "TransactionId",
                "PaymentId",
                "RequestedByUserId",
                "PaidAt",
                "FailReason",
                "CreatedAt",
                "UpdatedAt",
                "CheckedAt"
            );
        });
        mb.Entity<HouseholdMonth>(b =>
        {
            b.ToTable("household_month", Schema);
            b.HasKey(x => new { x.UnitId, x.Period });
            b.ColumnsInOrder("CompanyId", "ProjectId", "ZoneId", "BuildingId", "UnitId", "Period", "SettledPeriod");
        });
        mb.Entity<CollectionTally>(b =>
        {
            Tally(b, "collection_tally");
            b.HasIndex(x => new
                {
                    x.BuildingId,
                    x.ZoneId,
                    x.Period,
                })
                .IsUnique()
                .AreNullsDistinct(false);
            b.HasIndex(x => new { x.CompanyId, x.Period });
            b.HasIndex(x => new { x.ProjectId, x.Period });
        });
        mb.Entity<CollectionTallyChange>(b => Tally(b, "collection_tally_change"));
        mb.Entity<ReceiptCounter>(b =>
        {
            b.ToTable("receipt_counter", Schema);
            b.HasKey(x => x.CompanyId);
        });
        mb.Entity<PaymentAllocation>(b =>
        {
            b.ToTable("payment_allocation", Schema);
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "ZoneId",
                "UnitId",
                "PaymentId",
                "BillId",
                "BillLineId",
                "BillPeriod",
                "Amount",
                "At",
                "CreatedAt",
                "UpdatedAt",
                "CreditNote"
            );
            b.HasIndex(x => x.PaymentId);
            b.HasIndex(x => new { x.BillId, x.At });
            b.HasIndex(x => new { x.ProjectId, x.At });
            // The allocations of a period's bills, and those since a date, for a company, zone or unit (collection rates).
            b.HasIndex(x => new { x.CompanyId, x.BillPeriod });
            b.HasIndex(x => new { x.CompanyId, x.At });
            b.HasIndex(x => new { x.ZoneId, x.At });
            b.HasIndex(x => new { x.UnitId, x.At });
            b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<BillLine>().WithMany().HasForeignKey(x => x.BillLineId).OnDelete(DeleteBehavior.Restrict);
        });
        mb.Entity<RevenueEntry>(b =>
        {
            b.ToTable("revenue_entry", Schema);
            b.Ignore(x => x.Period);
            b.Property(x => x.Amount).HasPrecision(14, 2);
            b.Property(x => x.Counterparty).HasMaxLength(RevenueEntry.CounterpartyMax);
            b.Property(x => x.Note).HasMaxLength(RevenueEntry.NoteMax);
            b.Property(x => x.RecordedByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.Date });
            b.ColumnsInOrder(
                "Id",
                "CompanyId",
                "ProjectId",
                "Kind",
                "Category",
                "Date",
                "Amount",
                "Counterparty",
                "Note",
                "AttachmentIds",
                "RecordedByUserId",
                "RecordedByName",
                "VoidedByStatementId",
                "VoidedAt",
                "CreatedAt",
                "UpdatedAt",
                "AddedByStatementId"
            );
        });
        mb.Entity<OwnerShareSetting>(b =>
        {
            b.ToTable("owner_share_setting", Schema);
            b.Property(x => x.Percent).HasPrecision(5, 2);
            b.Property(x => x.Note).HasMaxLength(200);
            b.Property(x => x.SetByName).HasMaxLength(100);
            b.HasIndex(x => new { x.ProjectId, x.EffectiveFrom });
        });
        mb.Entity<RevenueStatement>(b =>
        {
            b.ToTable("revenue_statement", Schema);
            b.Ignore(x => x.Period);
            b.Ignore(x => x.Lines);
            b.Property(x => x.Income).HasPrecision(14, 2);
            b.Property(x => x.Expense).HasPrecision(14, 2);
            b.Property(x => x.Net).HasPrecision(14, 2);
            b.Property(x => x.SharePercent).HasPrecision(5, 2);
            b.Property(x => x.OwnersShare).HasPrecision(14, 2);
            b.Property(x => x.LinesJson).HasColumnType("jsonb");
            b.Property(x => x.CorrectionReason).HasMaxLength(RevenueStatement.ReasonMax);
            b.Property(x => x.PublishedByName).HasMaxLength(100);
            b.HasIndex(x => new
                {
                    x.ProjectId,
                    x.Year,
                    x.Half,
                    x.Edition,
                })
                .IsUnique();
        });
        mb.Entity<StatementRead>(b =>
        {
            b.ToTable("statement_read", Schema);
            b.HasIndex(x => new { x.StatementId, x.UserId }).IsUnique();
            b.HasIndex(x => x.UserId);
            b.HasOne<RevenueStatement>().WithMany().HasForeignKey(x => x.StatementId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void Tally<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> b, string table)
        where T : CollectionTallyRow
    {
        b.ToTable(table, Schema);
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityByDefaultColumn();
        b.ColumnsInOrder(
            "Id",
            "CompanyId",
            "ProjectId",
            "ZoneId",
            "BuildingId",
            "Period",
            "Billed",
            "Paid",
            "Credited",
            "Recovered",
            "CreditedOld",
            "OpenOld",
            "Households",
            "SettledHouseholds",
            "OwingHouseholds",
            "ClearedHouseholds"
        );
    }
}
