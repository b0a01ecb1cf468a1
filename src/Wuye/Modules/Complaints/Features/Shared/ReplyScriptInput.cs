using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>A reply script as posted (a new one, or the next version of one).</summary>
internal sealed record ReplyScriptInput(Guid? ProjectId, ComplaintCategory? Category, string? Question, string? Answer, string? ChangeNote)
    : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("category", Category, "类别", "Category")
            .Required("question", Question, "问题", "Question")
            .MaxLength("question", Question, 500, "问题", "Question")
            .Required("answer", Answer, "回复口径", "Answer")
            .MaxLength("answer", Answer, 2000, "回复口径", "Answer")
            .MaxLength("changeNote", ChangeNote, 200, "修改说明", "Change note");
}
