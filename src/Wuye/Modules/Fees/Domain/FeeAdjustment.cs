using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>Why an issued bill is reduced: 空置减免, 困难减免 (hardship), a service problem (质价不符), or another reason.</summary>
internal enum AdjustmentReason
{
    Vacant,
    Hardship,
    ServiceProblem,
    Other,
}

internal enum AdjustmentStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// 减免 (a credit note): a request to reduce what an issued bill asks, approved by a manager who is not the one who asked.
/// The bill is never edited: once approved, a credit note (a non-cash settlement, <see cref="PaymentMethod.CreditNote"/>)
/// settles the bill's open lines, oldest first; the collection rates leave it out of what was billed and of what was collected.
/// </summary>
internal sealed class FeeAdjustment : Entity, IScoped
{
    public const int ReasonTextMax = 500;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid BillId { get; set; }
    public decimal Amount { get; set; }
    public AdjustmentReason Reason { get; set; }
    public required string ReasonText { get; set; }
    public AdjustmentStatus Status { get; set; }
    public Guid RequestedByUserId { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }

    /// <summary>The credit note that settled the bill, once approved.</summary>
    public Guid? PaymentId { get; set; }

    /// <summary>Checks the amount against what the bill still asks.</summary>
    public static void CheckAmount(decimal amount, decimal outstanding)
    {
        if (amount <= 0 || amount != Math.Round(amount, 2))
            throw ValidationException.For("amount", "减免金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
        if (amount > outstanding)
            throw new RuleException(
                "fee_adjustment.more_than_owed",
                $"减免金额超过该账单的未缴金额 ¥{Money.Text(outstanding)}",
                $"The amount is more than the bill still asks (¥{Money.Text(outstanding)})"
            );
    }

    public void Approve(Guid userId, string name, DateTimeOffset at, string? note)
    {
        Decide(userId, at);
        Status = AdjustmentStatus.Approved;
        DecidedByName = name;
        DecisionNote = note;
    }

    public void Reject(Guid userId, string name, DateTimeOffset at, string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
            throw ValidationException.For("note", "驳回须写明原因", "Say why it is rejected");
        Decide(userId, at);
        Status = AdjustmentStatus.Rejected;
        DecidedByName = name;
        DecisionNote = note;
    }

    private void Decide(Guid userId, DateTimeOffset at)
    {
        if (Status != AdjustmentStatus.Pending)
            throw new RuleException("fee_adjustment.decided", "该减免申请已处理", "This request was already decided");
        if (userId == RequestedByUserId)
            throw new RuleException(
                "fee_adjustment.own_request",
                "不能审批自己提交的减免申请",
                "You cannot approve or reject your own request"
            );
        DecidedByUserId = userId;
        DecidedAt = at;
    }
}
