using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Exams;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Modules.Staff.Features.TakeExam;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 考试: each person's own exams to take (start, resume, retake) and their results; keepers also see the exams of their places
/// with everyone's results, the banks, and require an exam of a person (perhaps for a QPI deduction finding).
/// </summary>
internal sealed class ExamsModel(WuyeDb db, ScopeAccessor scopes, ExamsHandler exams, TakeExamHandler take) : PageModel
{
    public List<AssignmentDto> Mine { get; private set; } = [];
    public List<ExamDto> Exams { get; private set; } = [];
    public List<AssignmentDto> Results { get; private set; } = [];
    public List<BankDto> Banks { get; private set; } = [];
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public List<(Guid Id, string Text)> Findings { get; private set; } = [];
    public List<(Guid AttemptId, string Person, string Exam, int Number, DateTimeOffset? SubmittedAt)> ToMark { get; private set; } = [];
    public bool CanKeep { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayOpenExams(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Examinees))
            return Forbid();
        AttemptDto? attempt = null;
        Error = await PageActions.TryAsync(ModelState, async () => attempt = await take.StartAsync(id, ct));
        if (attempt is not null)
            return Redirect(ExamViews.AttemptPage(attempt.Id));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(
        Guid examId,
        Guid? staffMemberId,
        Guid? findingId,
        DateOnly? dueOn,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            exams.AssignAsync(examId, new AssignInput(staffMemberId, findingId, dueOn), ct)
        );
        Done = Error is null ? Loc.T("已安排考试，本人已收到通知", "Exam required; the person has been told") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanKeep = StaffRoles.MayKeep(db.Scope);
        var me = db.Scope.UserId;
        var visible = ExamViews.Assignments(db);
        Mine = await ExamViews.AssignmentsAsync(
            db,
            await visible
                .Where(a => a.UserId != null && a.UserId == me)
                .OrderBy(a => a.PassedAt != null)
                .ThenByDescending(a => a.CreatedAt)
                .ThenBy(a => a.Id)
                .Take(50)
                .ToListAsync(ct),
            ct
        );
        if (!CanKeep)
            return;
        var others = visible.Where(a => a.UserId == null || a.UserId != me);
        var exams0 = db.Set<Exam>().AsNoTracking();
        ToMark =
        [
            .. (
                await db.Set<ExamAttempt>()
                    .AsNoTracking()
                    .Where(t => t.AwaitingMarking)
                    .Join(others, t => t.AssignmentId, a => a.Id, (t, a) => new { t, a })
                    .Join(
                        exams0,
                        x => x.a.ExamId,
                        e => e.Id,
                        (x, e) =>
                            new
                            {
                                x.t,
                                x.a,
                                e.Title,
                            }
                    )
                    .OrderBy(x => x.t.SubmittedAt)
                    .ThenBy(x => x.t.Id)
                    .Take(50)
                    .Select(x => new
                    {
                        x.t.Id,
                        x.a.PersonName,
                        x.Title,
                        x.t.Number,
                        x.t.SubmittedAt,
                    })
                    .ToListAsync(ct)
            ).Select(x => (x.Id, x.PersonName, x.Title, x.Number, x.SubmittedAt)),
        ];
        var exams = await db.Set<Exam>().AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).Take(20).ToListAsync(ct);
        Exams = await ExamViews.ExamsAsync(db, exams, ct);
        var ids = exams.Select(e => e.Id).ToList();
        Results = await ExamViews.AssignmentsAsync(
            db,
            await visible.Where(a => ids.Contains(a.ExamId)).OrderBy(a => a.PersonName).ThenBy(a => a.Id).Take(300).ToListAsync(ct),
            ct
        );
        Banks = await ExamViews.BanksAsync(
            db,
            await db.Set<QuestionBank>().AsNoTracking().OrderBy(b => b.Title).ThenBy(b => b.Id).Take(50).ToListAsync(ct),
            false,
            ct
        );
        var projects = exams.Where(e => e.ProjectId != null).Select(e => e.ProjectId!.Value).Distinct().ToList();
        Staff =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s => s.ProjectId != null && projects.Contains(s.ProjectId.Value) && s.ArchivedAt == null)
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name })
                    .Take(300)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name)),
        ];
        Findings =
        [
            .. (
                await db.DeductionFindings()
                    .Where(f => projects.Contains(f.ProjectId))
                    .OrderByDescending(f => f.FoundOn)
                    .ThenBy(f => f.Id)
                    .Take(50)
                    .Select(f => new
                    {
                        f.Id,
                        f.FoundOn,
                        f.Points,
                        f.Description,
                    })
                    .ToListAsync(ct)
            ).Select(f => (f.Id, $"{f.FoundOn:MM-dd} −{f.Points:0.#} {f.Description}")),
        ];
    }
}
