using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>
/// 投诉回复口径: a question and the agreed answer. Editing makes a new version of the same
/// script (<see cref="ScriptId"/>); only the current one is suggested, the others are its history.
/// </summary>
internal sealed class ReplyScript : Entity, IScoped
{
    public Guid CompanyId { get; set; }

    /// <summary>Null: for every project of the company.</summary>
    public Guid? ProjectId { get; set; }
    public Guid ScriptId { get; set; }
    public int VersionNo { get; set; }
    public bool IsCurrent { get; set; }
    public ComplaintCategory Category { get; set; }
    public required string Question { get; set; }
    public required string Answer { get; set; }
    public string? EditedByName { get; set; }
    public string? ChangeNote { get; set; }

    /// <summary>An edit: this version stops being current and the next one (same script, number + 1) is returned, current.</summary>
    public ReplyScript NextVersion(ComplaintCategory category, string question, string answer, string? editedByName, string? changeNote)
    {
        if (!IsCurrent)
            throw new RuleException(
                "reply_script.not_current",
                "只能修改当前版本的口径",
                "Only the current version of a script can be edited"
            );
        IsCurrent = false;
        return new ReplyScript
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ScriptId = ScriptId,
            VersionNo = VersionNo + 1,
            IsCurrent = true,
            Category = category,
            Question = question.Trim(),
            Answer = answer.Trim(),
            EditedByName = editedByName,
            ChangeNote = changeNote?.Trim(),
        };
    }

    /// <summary>The first version of a new script.</summary>
    public static ReplyScript First(
        Guid companyId,
        Guid? projectId,
        ComplaintCategory category,
        string question,
        string answer,
        string? editedByName,
        string? changeNote
    ) =>
        new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            ScriptId = Guid.CreateVersion7(),
            VersionNo = 1,
            IsCurrent = true,
            Category = category,
            Question = question.Trim(),
            Answer = answer.Trim(),
            EditedByName = editedByName,
            ChangeNote = changeNote?.Trim(),
        };
}
