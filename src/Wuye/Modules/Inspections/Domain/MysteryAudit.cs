using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 暗访: a confidential audit of a project by a mystery visitor. The project is held in
/// <see cref="TargetProjectId"/>, deliberately not a scope key, so that project staff (whose grants
/// open project rows) never see the plan; the API admits only the quality department and management.
/// Results live here, apart from the self-inspection records, and are compared with them.
/// </summary>
internal sealed class MysteryAudit : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid TargetProjectId { get; set; }
    public DateOnly Month { get; set; }
    public required string Title { get; set; }
    public string? Requirements { get; set; }
    public string? VisitorAlias { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    public string? Report { get; set; }
    public Guid? ReportedBy { get; set; }

    /// <summary>
    /// The visit's results, once: a verdict for every line of the checklist and for no other, and the report.
    /// <paramref name="verdicts"/> maps a line's id to its verdict (passed, observation).
    /// </summary>
    public void RecordResults(
        IReadOnlyList<MysteryAuditItem> lines,
        IReadOnlyDictionary<Guid, (bool? Passed, string? Observation)> verdicts,
        string report,
        Guid? by,
        DateTimeOffset now
    )
    {
        if (VisitedAt is not null)
            throw new RuleException("mystery_audit.already_reported", "该暗访已提交结果", "This audit has already been reported");
        var v = new Validator();
        foreach (var line in lines.Where(l => !verdicts.ContainsKey(l.Id)))
            v.Add("items", $"第 {line.Position} 项还没有结论", $"Line {line.Position} has no verdict");
        foreach (var extra in verdicts.Keys.Where(k => lines.All(l => l.Id != k)))
            v.Add("items", "有不属于该暗访的清单项", "A line does not belong to this audit");
        v.ThrowIfAny();
        foreach (var line in lines)
        {
            line.Passed = verdicts[line.Id].Passed;
            line.Observation = verdicts[line.Id].Observation?.Trim();
        }
        VisitedAt = now;
        Report = report.Trim();
        ReportedBy = by;
    }
}

/// <summary>One line of an audit's confidential checklist, optionally tied to a library item so it can be compared.</summary>
internal sealed class MysteryAuditItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid AuditId { get; set; }
    public int Position { get; set; }
    public Guid? CheckItemId { get; set; }
    public required string Description { get; set; }
    public bool? Passed { get; set; }
    public string? Observation { get; set; }
}
