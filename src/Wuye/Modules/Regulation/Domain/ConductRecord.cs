using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>Where a conduct record came from.</summary>
internal enum ConductSource
{
    Inspection,
    Complaint,
    Ledger,
    Report,
    Assessment,

    /// <summary>Derived by the app from the company's own figures over a period (<see cref="ConductRecord.FigurePeriod"/>).</summary>
    Figures,
    Other,
}

internal enum AppealDecision
{
    Accepted,
    Rejected,
}

/// <summary>
/// A good or bad conduct record (良好/不良行为记录) a regulator keeps about a company, with its evidence. It counts in a rating
/// once its objection window (异议期) has passed with no pending objection, or the objection was rejected; until its validity
/// ends. The company reads it and may object, never change it (IRegulatorOwned).
/// </summary>
internal sealed class ConductRecord : Entity, IScoped, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid TableId { get; set; }
    public string ItemCode { get; set; } = "";
    public string ItemName { get; set; } = "";
    public ConductKind Kind { get; set; }
    public decimal Points { get; set; }
    public DateOnly OccurredOn { get; set; }
    public DateOnly ValidUntil { get; set; }
    public DateOnly AppealUntil { get; set; }
    public string Evidence { get; set; } = "";
    public ConductSource Source { get; set; }

    /// <summary>The ledger entry, complaint or inspection it came from, when there is one.</summary>
    public Guid? SourceId { get; set; }
    public string RecordedByName { get; set; } = "";
    public AppealDecision? Decision { get; set; }
    public string? DecisionNote { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The rating period whose figures the app derived this record from (null for a record a person made).</summary>
    public string? FigurePeriod { get; set; }

    /// <summary>The regulator's photos as evidence: files its staff added for the company (or the record's project).</summary>
    public Guid[] FileIds { get; set; } = [];

    public bool Withdrawn => Decision == AppealDecision.Accepted;

    public static ConductRecord Create(
        Guid regulatorId,
        Guid tableId,
        int appealDays,
        CreditItem item,
        Guid companyId,
        Guid? projectId,
        decimal? points,
        DateOnly occurredOn,
        DateOnly today,
        string evidence,
        ConductSource source,
        Guid? sourceId,
        string recordedBy
    )
    {
        if (occurredOn > today)
            throw new RuleException("conduct.future", "发生日期不能晚于今天", "The date cannot be in the future");
        var given = item.Kind == ConductKind.Base ? points ?? item.Points : item.Points;
        if (item.Kind == ConductKind.Base && (given < 0 || given > (item.Cap ?? item.Points)))
            throw new RuleException(
                "conduct.base_points",
                $"“{item.Name}”的得分须在 0–{item.Cap ?? item.Points} 之间",
                $"\"{item.Name}\" scores 0–{item.Cap ?? item.Points}"
            );
        if (string.IsNullOrWhiteSpace(evidence))
            throw new RuleException("conduct.evidence", "请填写依据或证据", "Evidence is required");
        return new()
        {
            RegulatorId = regulatorId,
            TableId = tableId,
            CompanyId = companyId,
            ProjectId = projectId,
            ItemCode = item.Code,
            ItemName = item.Name,
            Kind = item.Kind,
            Points = given,
            OccurredOn = occurredOn,
            ValidUntil = occurredOn.AddMonths(item.ValidityMonths).AddDays(-1),
            AppealUntil = today.AddDays(appealDays),
            Evidence = evidence.Trim(),
            Source = source,
            SourceId = sourceId,
            RecordedByName = recordedBy,
        };
    }

    /// <summary>Whether the record counts on <paramref name="asOf"/> (validity is the engine's to check).</summary>
    public bool Confirmed(DateOnly asOf, bool objectionPending) =>
        Decision == AppealDecision.Rejected || Decision is null && !objectionPending && asOf > AppealUntil;

    public ConductFact Fact(DateOnly asOf, bool objectionPending) =>
        new(ItemCode, Kind, Points, OccurredOn, ValidUntil, Confirmed(asOf, objectionPending));

    /// <summary>The company may object until the window closes, once.</summary>
    public void CheckObjectionAllowed(DateOnly today)
    {
        if (Decision is not null)
            throw new RuleException("conduct.decided", "该记录的异议已处理", "The objection to this record was decided");
        if (today > AppealUntil)
            throw new RuleException(
                "conduct.appeal_closed",
                $"异议期已于 {AppealUntil:yyyy-MM-dd} 结束",
                $"The objection window closed on {AppealUntil:yyyy-MM-dd}"
            );
    }

    /// <summary>The regulator decides an objection: accepted withdraws the record, rejected makes it count at once.</summary>
    public void Decide(bool accepted, string? note, DateTimeOffset at, bool objectionPending)
    {
        if (!objectionPending)
            throw new RuleException("conduct.no_objection", "该记录没有待处理的异议", "This record has no pending objection");
        if (Decision is not null)
            throw new RuleException("conduct.decided", "该记录的异议已处理", "The objection to this record was decided");
        Decision = accepted ? AppealDecision.Accepted : AppealDecision.Rejected;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedAt = at;
    }
}

/// <summary>A company's objection (异议) to a conduct record, with its reasons and evidence; the regulator decides it on the
/// record.</summary>
internal sealed class ConductObjection : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid ConductRecordId { get; set; }
    public string Reason { get; set; } = "";
    public string? Evidence { get; set; }
    public string FiledByName { get; set; } = "";

    /// <summary>Photos as evidence: stored files of the company's own projects.</summary>
    public Guid[] FileIds { get; set; } = [];
}
