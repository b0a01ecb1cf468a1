using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>A member's position on the committee.</summary>
internal enum CommitteePosition
{
    /// <summary>主任.</summary>
    Director,

    /// <summary>副主任.</summary>
    DeputyDirector,

    /// <summary>委员.</summary>
    Member,
}

/// <summary>
/// 业主委员会: an owners' committee filed with its regulator, for the project it was elected at and every project it oversees
/// (<see cref="ProjectIds"/>, all of the same company), with its current term (第 <see cref="TermNo"/> 届, from
/// <see cref="TermStart"/> to <see cref="TermEnd"/>) and members. The regulator keeps it (the company reads it only); both are
/// alerted once, <see cref="AlertDays"/> days before the term ends, so the election of the next one (换届) is prepared in time.
/// </summary>
internal sealed class OwnersCommittee : Entity, IScoped, IRegulatorOwned
{
    public const int AlertDays = 30;

    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public Guid[] ProjectIds { get; set; } = [];
    public int TermNo { get; set; }
    public DateOnly TermStart { get; set; }
    public DateOnly TermEnd { get; set; }

    /// <summary>The term end the alert was sent for (the alert job's idempotency); a new term clears it.</summary>
    public DateOnly? TermAlertedFor { get; set; }
    public List<CommitteeMember> Members { get; } = [];

    public static OwnersCommittee Create(
        Guid regulatorId,
        Guid companyId,
        Guid projectId,
        string name,
        IEnumerable<Guid> projectIds,
        int termNo,
        DateOnly termStart,
        DateOnly termEnd,
        IEnumerable<(string Name, CommitteePosition Position, string? Unit, string? Phone)> members
    )
    {
        CheckTerm(termStart, termEnd);
        var committee = new OwnersCommittee
        {
            RegulatorId = regulatorId,
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name.Trim(),
            ProjectIds = [.. projectIds.Append(projectId).Distinct().Order()],
            TermNo = Math.Max(1, termNo),
            TermStart = termStart,
            TermEnd = termEnd,
        };
        committee.SetMembers(members);
        return committee;
    }

    private static void CheckTerm(DateOnly start, DateOnly end)
    {
        if (end <= start)
            throw new RuleException("committee.term", "任期结束日期须晚于开始日期", "The term must end after it starts");
        if (end > start.AddYears(5))
            throw new RuleException("committee.term_long", "业主委员会每届任期不超过五年", "A committee's term is at most five years");
    }

    /// <summary>The members of the term: one director (主任), each name once.</summary>
    public void SetMembers(IEnumerable<(string Name, CommitteePosition Position, string? Unit, string? Phone)> members)
    {
        var list = members.Select(m => (Name: m.Name.Trim(), m.Position, m.Unit, m.Phone)).ToList();
        if (list.Count(m => m.Position == CommitteePosition.Director) != 1)
            throw new RuleException("committee.director", "业主委员会须有且只有一名主任", "A committee has exactly one director");
        if (list.Select(m => m.Name).Distinct().Count() != list.Count)
            throw new RuleException("committee.member_twice", "同一成员不能重复登记", "A member is listed twice");
        Members.Clear();
        Members.AddRange(
            list.Select(
                (m, i) =>
                    new CommitteeMember
                    {
                        RegulatorId = RegulatorId,
                        CompanyId = CompanyId,
                        ProjectId = ProjectId,
                        OwnersCommitteeId = Id,
                        Position = m.Position,
                        Name = m.Name,
                        Unit = string.IsNullOrWhiteSpace(m.Unit) ? null : m.Unit.Trim(),
                        Phone = string.IsNullOrWhiteSpace(m.Phone) ? null : m.Phone.Trim(),
                        SortOrder = i,
                    }
            )
        );
    }

    /// <summary>换届: the next term (starting after the current one started) replaces it, and the alert is armed again.</summary>
    public void Renew(DateOnly termStart, DateOnly termEnd)
    {
        if (termStart <= TermStart)
            throw new RuleException("committee.renew_start", "新一届任期须晚于本届开始", "The new term must start after the current one");
        CheckTerm(termStart, termEnd);
        TermNo++;
        TermStart = termStart;
        TermEnd = termEnd;
        TermAlertedFor = null;
    }

    public int DaysLeft(DateOnly today) => TermEnd.DayNumber - today.DayNumber;

    /// <summary>Whether the term's end is within the alert window (or past) on a day.</summary>
    public bool EndingSoon(DateOnly today) => DaysLeft(today) <= AlertDays;

    /// <summary>The alert job marks the term once; false when it is not due or was already sent for this term's end.</summary>
    public bool MarkAlerted(DateOnly today)
    {
        if (!EndingSoon(today) || TermAlertedFor == TermEnd)
            return false;
        TermAlertedFor = TermEnd;
        return true;
    }
}

/// <summary>A member of an owners' committee's current term; kept by the regulator with the committee.</summary>
internal sealed class CommitteeMember : Entity, IScoped, IRegulatorOwned
{
    public Guid RegulatorId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid OwnersCommitteeId { get; set; }
    public CommitteePosition Position { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The unit the member owns (房号), as written.</summary>
    public string? Unit { get; set; }
    public string? Phone { get; set; }
    public int SortOrder { get; set; }
}
