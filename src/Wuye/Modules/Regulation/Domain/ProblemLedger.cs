using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>What kind of case a ledger entry is.</summary>
internal enum ProblemKind
{
    /// <summary>A problem to rectify (问题整改).</summary>
    Problem,

    /// <summary>A joint enforcement case (联合执法) with the departments involved.</summary>
    JointEnforcement,

    /// <summary>A dispute for the community's mediation group (矛盾纠纷调解).</summary>
    Dispute,
}

internal enum ProblemSource
{
    Inspection,
    SpotCheck,
    Report,
    Complaint,
}

internal enum ProblemState
{
    Open,
    Answered,
    Overdue,
    Closed,
}

/// <summary>
/// An entry of the problem ledger (问题台账): found by inspection, report or complaint at a project, assigned to the company (or a
/// department) with a deadline, answered by the company with evidence (<see cref="ProblemAnswer"/>), re-inspected by the regulator
/// and closed, or returned with a new deadline. A deadline missed without an answer is marked by the deadline job, which records
/// bad conduct (<see cref="LateItemCode"/>) when the regulator's table has that item.
/// </summary>
internal sealed class ProblemLedgerEntry : Entity, IScoped, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public ProblemKind Kind { get; set; }
    public ProblemSource Source { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Departments involved (joint enforcement) or the mediation group (dispute); null = the company answers alone.</summary>
    public string? Departments { get; set; }
    public DateOnly FoundOn { get; set; }
    public DateOnly Deadline { get; set; }
    public string LateItemCode { get; set; } = "rectify_late";
    public string RecordedByName { get; set; } = "";

    /// <summary>When the regulator last sent it back (answers before this do not count).</summary>
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReinspectionNote { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Set once by the deadline job for the current deadline; cleared when a new deadline is given.</summary>
    public DateTimeOffset? OverdueAt { get; set; }
    public Guid? ConductRecordId { get; set; }

    public static ProblemLedgerEntry Create(
        Guid regulatorId,
        Guid companyId,
        Guid projectId,
        ProblemKind kind,
        ProblemSource source,
        string title,
        string description,
        string? departments,
        DateOnly foundOn,
        DateOnly deadline,
        DateOnly today,
        string recordedBy
    )
    {
        if (foundOn > today)
            throw new RuleException("problem.future", "发现日期不能晚于今天", "The date found cannot be in the future");
        if (deadline < today)
            throw new RuleException("problem.deadline_past", "整改期限不能早于今天", "The deadline cannot be in the past");
        return new()
        {
            RegulatorId = regulatorId,
            CompanyId = companyId,
            ProjectId = projectId,
            Kind = kind,
            Source = source,
            Title = title.Trim(),
            Description = description.Trim(),
            Departments = string.IsNullOrWhiteSpace(departments) ? null : departments.Trim(),
            FoundOn = foundOn,
            Deadline = deadline,
            RecordedByName = recordedBy,
        };
    }

    /// <summary>The state on a day, given whether the company has answered since the last return.</summary>
    public ProblemState State(DateOnly today, bool answered) =>
        ClosedAt is not null ? ProblemState.Closed
        : answered ? ProblemState.Answered
        : OverdueAt is not null || today > Deadline ? ProblemState.Overdue
        : ProblemState.Open;

    public void CheckAnswerable()
    {
        if (ClosedAt is not null)
            throw new RuleException("problem.closed", "该问题已销号", "The problem is closed");
    }

    /// <summary>Re-inspection: passed closes the entry; not passed sends it back with a new deadline.</summary>
    public void Reinspect(bool passed, string? note, DateOnly? newDeadline, DateOnly today, DateTimeOffset at)
    {
        CheckAnswerable();
        ReinspectionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (passed)
        {
            ClosedAt = at;
            return;
        }
        if (newDeadline is not { } d || d < today)
            throw new RuleException(
                "problem.new_deadline",
                "复查未通过须给出新的整改期限（不早于今天）",
                "Not passed needs a new deadline, today or later"
            );
        Deadline = d;
        ReturnedAt = at;
        OverdueAt = null;
    }

    /// <summary>The deadline job marks the missed deadline once.</summary>
    public bool MarkOverdue(DateOnly today, bool answered, DateTimeOffset at)
    {
        if (ClosedAt is not null || OverdueAt is not null || answered || today <= Deadline)
            return false;
        OverdueAt = at;
        return true;
    }
}

/// <summary>The company's answer to a ledger entry: what was done, with its evidence: a description and photos (stored files of the
/// entry's project).</summary>
internal sealed class ProblemAnswer : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ProblemLedgerEntryId { get; set; }
    public string Text { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string AnsweredByName { get; set; } = "";
    public Guid[] FileIds { get; set; } = [];
}
