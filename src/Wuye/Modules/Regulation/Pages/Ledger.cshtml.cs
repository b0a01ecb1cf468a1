using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.AnswerProblem;
using Wuye.Modules.Regulation.Features.ListProblems;
using Wuye.Modules.Regulation.Features.RecordProblem;
using Wuye.Modules.Regulation.Features.ReinspectProblem;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>问题台账: the regulator records problems with deadlines and re-inspects answers; a company answers with evidence.</summary>
internal sealed class LedgerModel(WuyeDb db, ScopeAccessor access, TimeProvider clock, ProblemReads reads) : PageModel
{
    public List<ProblemDto> Problems { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool IsRegulator { get; private set; }
    public bool MayAnswer { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!RegulationRoles.MayRead(db.Scope))
            return false;
        Today = ChinaTime.Today(clock);
        IsRegulator = db.Scope.Regulators.Length == 1 && db.Scope.HasRole(Roles.Regulator);
        MayAnswer = RegulationRoles.MayAnswer(db.Scope);
        Problems = await reads.ToDtosAsync(ListProblemsEndpoints.Query(db, null, null).Take(100), ct);
        Problems = [.. Problems.OrderBy(p => p.State == ProblemState.Closed).ThenBy(p => p.Deadline).ThenBy(p => p.Id)];
        if (IsRegulator)
        {
            var regulator = db.Scope.Regulators[0];
            Projects =
            [
                .. (
                    await db.ProjectRefs()
                        .AsNoTracking()
                        .Where(p => p.ArchivedAt == null)
                        .Join(
                            db.CompanyRefs().Where(c => c.RegulatorId == regulator),
                            p => p.CompanyId,
                            c => c.Id,
                            (p, c) => new { p.Id, p.Name }
                        )
                        .OrderBy(p => p.Name)
                        .ThenBy(p => p.Id)
                        .Take(500)
                        .ToListAsync(ct)
                ).Select(p => (p.Id, p.Name)),
            ];
        }
        return true;
    }

    public async Task<IActionResult> OnPostRecordAsync(
        Guid? projectId,
        ProblemKind? kind,
        string? title,
        string? departments,
        DateOnly? deadline,
        [FromServices] RecordProblemHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        var input = new RecordProblemInput(projectId, kind, ProblemSource.Inspection, title, null, departments, null, deadline);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                await handler.RecordAsync(db.Scope.Regulators[0], input, ct);
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostAnswerAsync(
        Guid id,
        string? text,
        string? evidence,
        List<IFormFile>? photos,
        [FromServices] AnswerProblemHandler handler,
        [FromServices] FileStore files,
        CancellationToken ct
    )
    {
        if (!access.ActAs(RegulationRoles.CompanyAnswerers))
            return Forbid();
        return await RunAsync(
            async () =>
            {
                var project = await db.Set<ProblemLedgerEntry>()
                    .Where(e => e.Id == id)
                    .Select(e => (Guid?)e.ProjectId)
                    .FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("problem ledger entry");
                Validator.Check(new AnswerInput(text, evidence, (photos?.Count(p => p.Length > 0) ?? 0) > 0 ? [Guid.Empty] : null));
                var stored = await PageActions.SavePhotosAsync(files, photos, project, null, ct);
                await PageActions.WithPhotosAsync(files, stored, () =>
                    handler.AnswerAsync(id, new AnswerInput(text, evidence, stored), ct)
                );
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostReinspectAsync(
        Guid id,
        bool passed,
        string? note,
        DateOnly? newDeadline,
        [FromServices] ReinspectProblemHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator))
            return Forbid();
        return await RunAsync(() => handler.ReinspectAsync(id, new ReinspectInput(passed, note, newDeadline), ct), ct);
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, CancellationToken ct)
    {
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return Redirect("/regulation/ledger");
        db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public static string StateText(ProblemState s) =>
        s switch
        {
            ProblemState.Open => Loc.T("整改中", "Open"),
            ProblemState.Answered => Loc.T("待复查", "Answered"),
            ProblemState.Overdue => Loc.T("已逾期", "Overdue"),
            _ => Loc.T("已销号", "Closed"),
        };

    public static string KindText(ProblemKind k) =>
        k switch
        {
            ProblemKind.JointEnforcement => Loc.T("联合执法", "Joint enforcement"),
            ProblemKind.Dispute => Loc.T("矛盾纠纷", "Dispute"),
            _ => Loc.T("问题整改", "Problem"),
        };

    public static string Badge(ProblemState s) =>
        s switch
        {
            ProblemState.Overdue => "bg-red-lt",
            ProblemState.Answered => "bg-blue-lt",
            ProblemState.Closed => "bg-green-lt",
            _ => "bg-orange-lt",
        };
}
