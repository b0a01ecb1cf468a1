using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Domain;

internal enum PassKind
{
    PreRegistered,
    WalkIn,
}

internal enum PassStatus
{
    /// <summary>Valid in its window.</summary>
    Active,

    /// <summary>A walk-in waiting for the owner's word.</summary>
    AwaitingOwner,

    /// <summary>The owner said no.</summary>
    Refused,

    /// <summary>The owner withdrew it.</summary>
    Cancelled,
}

/// <summary>
/// 访客通行证: a visitor expected at a home, in a window, for a number of entries. Pre-registered by the owner (a signed QR code
/// is sent to the visitor) or registered at the gate for a walk-in after the guard called the owner. Each entry pairs a check-in
/// with its check-out (<see cref="GateEntry"/>).
/// </summary>
internal sealed class VisitorPass : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public PassKind Kind { get; set; }
    public PassStatus Status { get; set; }
    public required string VisitorName { get; set; }

    [Sensitive]
    public string? VisitorPhone { get; set; }
    public string? PlateNumber { get; set; }
    public int People { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset ValidTo { get; set; }
    public int MaxEntries { get; set; }
    public int EntriesUsed { get; set; }

    /// <summary>8 characters the guard types when the camera cannot read the code.</summary>
    public required string Code { get; set; }

    /// <summary>The signed QR payload (see <see cref="PassToken"/>).</summary>
    public string Payload { get; set; } = "";
    public Guid RegisteredBy { get; set; }

    /// <summary>A walk-in: what the owner said when the gate called.</summary>
    public string? CallNote { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid? AnsweredBy { get; set; }

    public const int MaxWindowDays = 7;

    public static void CheckWindow(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        if (to <= from)
            throw ValidationException.For("validTo", "结束时间须晚于开始时间", "The end must be after the start");
        if (to <= now)
            throw ValidationException.For("validTo", "结束时间已过", "The end is already past");
        if (to - from > TimeSpan.FromDays(MaxWindowDays))
            throw ValidationException.For("validTo", $"有效期最长 {MaxWindowDays} 天", $"A pass is valid for at most {MaxWindowDays} days");
    }

    /// <summary>The owner answers a walk-in the gate registered.</summary>
    public void Answer(bool accept, Guid by, DateTimeOffset now)
    {
        if (Status != PassStatus.AwaitingOwner)
            throw new RuleException(
                "visitor_pass.not_waiting",
                "该访客不在等待业主确认",
                "This visitor is not waiting for the owner's word"
            );
        Status = accept ? PassStatus.Active : PassStatus.Refused;
        AnsweredAt = now;
        AnsweredBy = by;
    }

    public void Cancel()
    {
        if (Status is not (PassStatus.Active or PassStatus.AwaitingOwner))
            throw new RuleException("visitor_pass.closed", "该通行证已失效", "This pass is no longer valid");
        Status = PassStatus.Cancelled;
    }

    /// <summary>
    /// The gate lets the visitor in: the pass must be valid now and have an entry left. A visitor inside cannot enter again
    /// (the caller checks them out instead).
    /// </summary>
    public GateEntry Enter(DateTimeOffset now, Guid by, bool typed)
    {
        switch (Status)
        {
            case PassStatus.AwaitingOwner:
                throw new RuleException(
                    "visitor_pass.awaiting_owner",
                    "业主尚未确认该访客",
                    "The owner has not confirmed this visitor yet"
                );
            case PassStatus.Refused:
                throw new RuleException("visitor_pass.refused", "业主拒绝了该访客", "The owner refused this visitor");
            case PassStatus.Cancelled:
                throw new RuleException("visitor_pass.cancelled", "业主已取消该通行证", "The owner cancelled this pass");
        }
        if (now < ValidFrom)
            throw new RuleException(
                "visitor_pass.not_yet",
                $"通行证 {ChinaTime.Text(ValidFrom)} 起有效",
                $"The pass is valid from {ChinaTime.Text(ValidFrom)}"
            );
        if (now >= ValidTo)
            throw new RuleException(
                "visitor_pass.expired",
                $"通行证已于 {ChinaTime.Text(ValidTo)} 过期",
                $"The pass expired at {ChinaTime.Text(ValidTo)}"
            );
        if (EntriesUsed >= MaxEntries)
            throw new RuleException(
                "visitor_pass.used_up",
                $"通行证的 {MaxEntries} 次进入已用完",
                $"All {MaxEntries} entries of the pass are used"
            );
        EntriesUsed++;
        return new GateEntry
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ZoneId = ZoneId,
            UnitId = UnitId,
            VisitorPassId = Id,
            Name = VisitorName,
            People = People,
            InAt = now,
            InBy = by,
            Typed = typed,
        };
    }
}

/// <summary>进出登记: one stay inside, from check-in to check-out (null while inside).</summary>
internal sealed class GateEntry : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? VisitorPassId { get; set; }
    public required string Name { get; set; }
    public int People { get; set; }
    public DateTimeOffset InAt { get; set; }
    public Guid InBy { get; set; }
    public DateTimeOffset? OutAt { get; set; }
    public Guid? OutBy { get; set; }

    /// <summary>The code was typed rather than scanned.</summary>
    public bool Typed { get; set; }

    /// <summary>A registered worker's stay (no visitor pass).</summary>
    public Guid? RegisteredWorkerId { get; set; }

    public void Leave(DateTimeOffset now, Guid by)
    {
        if (OutAt is not null)
            throw new RuleException("gate_entry.already_out", "已登记离开", "Already checked out");
        OutAt = now < InAt ? InAt : now;
        OutBy = by;
    }
}

/// <summary>A project's pass-signing key (ECDSA P-256): the public half verifies passes at the gate, even offline.</summary>
internal sealed class GatePassKey : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>SubjectPublicKeyInfo, base64.</summary>
    public required string PublicKey { get; set; }

    /// <summary>PKCS#8, sealed with the app's data-protection keys.</summary>
    public required string PrivateKey { get; set; }
}
