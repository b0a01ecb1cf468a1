using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Modules.Staff.Features.TakeExam;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 答题: the paper of one attempt on the phone, handed in before the deadline; then its score and which answers were right.
/// </summary>
internal sealed class ExamAttemptModel(WuyeDb db, ScopeAccessor scopes, TakeExamHandler take) : PageModel
{
    public AttemptDto Attempt { get; private set; } = null!;
    public AssignmentDto? Assignment { get; private set; }
    public bool Mine { get; private set; }

    /// <summary>The reader marks this paper now: it awaits marking and they keep the person's place (not their own).</summary>
    public bool Marking { get; private set; }
    public string? Error { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!StaffRoles.MayOpenExams(scopes.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Examinees))
            return Forbid();
        var answers = Request
            .Form.Where(f => f.Key.StartsWith("q_", StringComparison.Ordinal) && Guid.TryParse(f.Key[2..], out _))
            .Select(f => new AnswerInput(Guid.Parse(f.Key[2..]), [.. f.Value.Select(v => int.TryParse(v, out var i) ? i : -1)]))
            .Concat(
                Request
                    .Form.Where(f => f.Key.StartsWith("t_", StringComparison.Ordinal) && Guid.TryParse(f.Key[2..], out _))
                    .Select(f => new AnswerInput(Guid.Parse(f.Key[2..]), null, f.Value.ToString()))
            )
            .ToArray();
        Error = await PageActions.TryAsync(ModelState, () => take.SubmitAsync(id, new SubmitInput(answers), ct));
        if (Error is null)
            return Redirect(ExamViews.AttemptPage(id));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMarkAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        var marks = Request
            .Form.Where(f => f.Key.StartsWith("m_", StringComparison.Ordinal) && Guid.TryParse(f.Key[2..], out _))
            .Select(f => new MarkEntry(Guid.Parse(f.Key[2..]), int.TryParse(f.Value, out var m) ? m : null))
            .ToArray();
        Error = await PageActions.TryAsync(ModelState, () => take.MarkAsync(id, new MarkInput(marks), ct));
        if (Error is null)
            return Redirect(ExamViews.AttemptPage(id));
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await TakeExamHandler.Visible(db).FirstOrDefaultAsync(t => t.Id == id, ct) is not { } t)
            return false;
        Attempt = await ExamViews.AttemptAsync(db, t, ct);
        var me = db.Scope.UserId;
        var assignment = await ExamViews.Assignments(db).FirstAsync(a => a.Id == t.AssignmentId, ct);
        Mine = assignment.UserId is { } u && u == me;
        Marking = t.AwaitingMarking && assignment.MayBeMarkedBy(StaffRoles.Kept(db.Scope), db.Scope.UserId);
        Assignment = (await ExamViews.AssignmentsAsync(db, [assignment], ct)).FirstOrDefault();
        return true;
    }
}
