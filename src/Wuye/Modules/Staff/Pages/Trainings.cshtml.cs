using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.PlanTraining;
using Wuye.Modules.Staff.Features.RecordTrainingResults;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>培训记录: sessions with their trainees' attendance, scores and ratings (keepers plan and record; trainees see their own).</summary>
internal sealed class TrainingsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    PlanTrainingHandler plan,
    RecordTrainingResultsHandler results
) : PageModel
{
    public const int Shown = 50;

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Awaiting { get; set; }

    public List<TrainingDto> Trainings { get; private set; } = [];
    public int Total { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<(Guid Id, string Name, string? Position)> Staff { get; private set; } = [];
    public bool CanKeep { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayOpen(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string? title,
        TrainingTopic? topic,
        DateOnly? heldOn,
        decimal? hours,
        string? trainer,
        decimal? passMark,
        Guid[]? staffMemberIds,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            plan.HandleAsync(new TrainingInput(ProjectId, title, topic, heldOn, hours, trainer, passMark, staffMemberIds), ct)
        );
        Done = Error is null ? Loc.T("培训已安排，参训人员已收到通知", "Session planned; the trainees have been told") : null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResultsAsync(Guid id, TraineeResult[]? rows, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => results.HandleAsync(id, new TrainingResultsInput(rows), ct));
        Done = Error is null ? Loc.T("成绩已保存", "Results saved") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        CanKeep = StaffRoles.MayKeep(db.Scope);
        var q = TrainingViews.Visible(db);
        if (Awaiting)
        {
            var lines = db.Set<TrainingAttendance>();
            q = q.Where(t => lines.Any(a => a.SessionId == t.Id && a.Attended == null));
        }
        Total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).Take(Shown).ToListAsync(ct);
        Trainings = await TrainingViews.ToDtosAsync(db, rows, ct);
        if (!CanKeep)
            return;
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.FirstOrDefault().Id is var first && first != Guid.Empty ? first : null;
        Staff =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s => s.ProjectId == ProjectId && s.ArchivedAt == null)
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name })
                    .Take(300)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name, (string?)null)),
        ];
    }
}
