using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Domain;

internal enum RenovationState
{
    Applied,
    ChangesRequested,
    DrawingsApproved,
    AgreementSigned,
    FeesPaid,
    Permitted,
    AwaitingAcceptance,
    Accepted,
    Failed,
    Refunded,
}

/// <summary>
/// 装修: one home's renovation, from the owner's application through drawing review, the signed agreement, deposit and fees, the
/// permit, site inspections with deductions, acceptance and the deposit refund. Each step is a method that checks the state it
/// starts from and returns the history line (<see cref="RenovationEvent"/>).
/// </summary>
internal sealed class Renovation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public RenovationState State { get; set; }
    public required string Contractor { get; set; }
    public required string Scope { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public decimal Deposit { get; set; }
    public decimal Deductions { get; set; }
    public decimal? Refunded { get; set; }
    public string? PermitCode { get; set; }
    public DateTimeOffset? PermittedAt { get; set; }
    public Guid AppliedBy { get; set; }

    /// <summary>The drawings (PDF, images, DWG/DXF files; the latest submitted).</summary>
    public Guid[] DrawingIds { get; set; } = [];

    /// <summary>The 《装修管理协议》 as the owner signed it (its clauses, HTML) and its version.</summary>
    public string? AgreementText { get; set; }
    public string? AgreementVersion { get; set; }

    /// <summary>The owner's handwritten signature (a PNG file), who signed and when.</summary>
    public Guid? OwnerSignatureId { get; set; }
    public Guid? OwnerSignedBy { get; set; }
    public DateTimeOffset? OwnerSignedAt { get; set; }

    /// <summary>The service center's signature, the step that makes the agreement signed.</summary>
    public Guid? CenterSignatureId { get; set; }
    public Guid? CenterSignedBy { get; set; }
    public DateTimeOffset? CenterSignedAt { get; set; }

    private RenovationEvent Move(string action, RenovationState to, Guid by, DateTimeOffset at, string? note = null, decimal? amount = null)
    {
        var e = new RenovationEvent
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ZoneId = ZoneId,
            UnitId = UnitId,
            RenovationId = Id,
            Action = action,
            From = State,
            To = to,
            Note = note,
            Amount = amount,
            By = by,
            At = at,
        };
        State = to;
        return e;
    }

    private void Expect(string action, params RenovationState[] states)
    {
        if (!states.Contains(State))
            throw new RuleException(
                $"renovation.{action}_not_now",
                $"装修当前为“{RenovationText.State(State, true)}”，不能{RenovationText.Action(action, true)}",
                $"The renovation is {RenovationText.State(State, false)}: it cannot be {RenovationText.Action(action, false)} now"
            );
    }

    /// <summary>A line of the history that does not move the state (a violation, a refused entry, a missed check).</summary>
    public RenovationEvent Note(string action, string? note, Guid by, DateTimeOffset at) => Move(action, State, by, at, note);

    public static void CheckDates(DateOnly start, DateOnly end)
    {
        if (end < start)
            throw ValidationException.For("endDate", "结束日期不能早于开始日期", "The end date cannot be before the start");
        if (end.DayNumber - start.DayNumber > 366)
            throw ValidationException.For("endDate", "装修期最长一年", "A renovation lasts at most a year");
    }

    public RenovationEvent Applied(Guid by, DateTimeOffset at) => Move("apply", RenovationState.Applied, by, at, Scope);

    public RenovationEvent ApproveDrawings(Guid by, DateTimeOffset at, string? note)
    {
        Expect("approve", RenovationState.Applied);
        return Move("approve", RenovationState.DrawingsApproved, by, at, note);
    }

    public RenovationEvent AskChanges(Guid by, DateTimeOffset at, string note)
    {
        Expect("ask_changes", RenovationState.Applied);
        return Move("ask_changes", RenovationState.ChangesRequested, by, at, note);
    }

    public RenovationEvent Resubmit(Guid by, DateTimeOffset at, string? note)
    {
        Expect("resubmit", RenovationState.ChangesRequested);
        return Move("resubmit", RenovationState.Applied, by, at, note);
    }

    /// <summary>The owner signs the agreement on the phone: the text and version they read are kept with the signature.</summary>
    public RenovationEvent OwnerSigns(Guid signatureId, string version, string text, Guid by, DateTimeOffset at)
    {
        Expect("owner_sign", RenovationState.DrawingsApproved);
        AgreementText = text;
        AgreementVersion = version;
        OwnerSignatureId = signatureId;
        OwnerSignedBy = by;
        OwnerSignedAt = at;
        return Move("owner_sign", State, by, at, $"《装修管理协议》{version}");
    }

    /// <summary>The service center signs after the owner: only then is the agreement signed and the deposit next.</summary>
    public RenovationEvent SignAgreement(Guid signatureId, Guid by, DateTimeOffset at)
    {
        Expect("sign", RenovationState.DrawingsApproved);
        if (OwnerSignatureId is null)
            throw new RuleException(
                "renovation.agreement_unsigned",
                "业主尚未在线签署《装修管理协议》，服务中心不能签订",
                "The owner has not signed the agreement yet"
            );
        CenterSignatureId = signatureId;
        CenterSignedBy = by;
        CenterSignedAt = at;
        return Move("sign", RenovationState.AgreementSigned, by, at, $"《装修管理协议》{AgreementVersion}");
    }

    public RenovationEvent PayFees(decimal deposit, Guid by, DateTimeOffset at)
    {
        Expect("pay", RenovationState.AgreementSigned);
        Deposit = deposit;
        return Move("pay", RenovationState.FeesPaid, by, at, null, deposit);
    }

    public RenovationEvent IssuePermit(string code, Guid by, DateTimeOffset at)
    {
        Expect("permit", RenovationState.FeesPaid);
        PermitCode = code;
        PermittedAt = at;
        return Move("permit", RenovationState.Permitted, by, at, code);
    }

    /// <summary>A violation found on site: the deduction comes off the deposit (never below zero).</summary>
    public RenovationEvent Deduct(decimal amount, string reason, Guid by, DateTimeOffset at)
    {
        Expect("deduct", RenovationState.Permitted, RenovationState.AwaitingAcceptance);
        if (Deductions + amount > Deposit)
            throw new RuleException(
                "renovation.deduction_over_deposit",
                $"扣款合计不能超过押金 {Deposit:0.##} 元",
                $"Deductions cannot exceed the deposit of {Deposit:0.##} yuan"
            );
        Deductions += amount;
        return Move("deduct", State, by, at, reason, amount);
    }

    public RenovationEvent Postpone(DateOnly newEnd, string reason, Guid by, DateTimeOffset at)
    {
        Expect(
            "postpone",
            RenovationState.Permitted,
            RenovationState.FeesPaid,
            RenovationState.AgreementSigned,
            RenovationState.DrawingsApproved
        );
        if (newEnd <= EndDate)
            throw ValidationException.For("endDate", "延期后的结束日期须晚于原结束日期", "The new end must be after the current end");
        var note = $"{EndDate:yyyy-MM-dd} → {newEnd:yyyy-MM-dd}：{reason}";
        EndDate = newEnd;
        return Move("postpone", State, by, at, note);
    }

    public RenovationEvent RequestAcceptance(Guid by, DateTimeOffset at)
    {
        Expect("request_acceptance", RenovationState.Permitted, RenovationState.Failed);
        return Move("request_acceptance", RenovationState.AwaitingAcceptance, by, at);
    }

    public RenovationEvent Accept(bool passed, string? note, Guid by, DateTimeOffset at)
    {
        Expect("accept", RenovationState.AwaitingAcceptance);
        return Move(passed ? "accept" : "fail", passed ? RenovationState.Accepted : RenovationState.Failed, by, at, note);
    }

    /// <summary>The deposit back, less the deductions: only once the work is accepted.</summary>
    public RenovationEvent Refund(Guid by, DateTimeOffset at)
    {
        if (State != RenovationState.Accepted)
            throw new RuleException(
                "renovation.refund_before_acceptance",
                "装修验收合格后才能退还押金",
                "The deposit is refunded only after the work is accepted"
            );
        Refunded = Deposit - Deductions;
        return Move("refund", RenovationState.Refunded, by, at, null, Refunded);
    }

    /// <summary>Whether a worker of this permit may come in at <paramref name="now"/> under the project's hours.</summary>
    public EntryVerdict MayEnter(DateTimeOffset now, RenovationHours hours)
    {
        var local = ChinaTime.ToChina(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (State != RenovationState.Permitted)
            return new(false, "not_permitted", null);
        if (day < StartDate || day > EndDate)
            return new(false, "outside_dates", null);
        if (hours.IsOpen(now))
            return new(true, null, null);
        return new(false, "after_hours", hours.NextOpening(now, EndDate));
    }
}

internal sealed record EntryVerdict(bool Allowed, string? Reason, DateTimeOffset? NextOpening);

/// <summary>装修记录: one step of a renovation's history (who, when, from which state to which, a note, an amount).</summary>
internal sealed class RenovationEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid RenovationId { get; set; }
    public required string Action { get; set; }
    public RenovationState From { get; set; }
    public RenovationState To { get; set; }
    public string? Note { get; set; }
    public decimal? Amount { get; set; }
    public Guid By { get; set; }
    public DateTimeOffset At { get; set; }
}
