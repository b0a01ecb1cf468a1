using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Posts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>岗位表: the day's posts with who is on each shift, who is on now and the gaps; the supervisor puts people on posts.</summary>
internal sealed class PostsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, PostBoard board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }
    public DateOnly Day { get; private set; }
    public PostBoardDto Board { get; private set; } = null!;
    public bool Supervisor => SecurityRoles.MaySupervise(db.Scope);
    public List<(Guid Id, Guid ProjectId, string Name)> Staff { get; private set; } = [];
    public string? Error { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Day = Date ?? ChinaTime.Today(clock);
        Board = await board.ForDayAsync(Day, null, ct);
        if (!Supervisor)
            return;
        var projects = Board.Posts.Select(p => p.ProjectId).Distinct().ToList();
        var teams = db.TeamRefs();
        Staff =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s =>
                        s.ArchivedAt == null
                        && s.ProjectId != null
                        && projects.Contains(s.ProjectId.Value)
                        && teams.Any(t => t.Id == s.TeamId && t.Kind == TeamKind.Security)
                    )
                    .OrderBy(s => s.Name)
                    .Take(300)
                    .Select(s => new
                    {
                        s.Id,
                        s.ProjectId,
                        s.Name,
                    })
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.ProjectId!.Value, s.Name)),
        ];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid postId, Guid? guardShiftId, Guid? staffMemberId, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        var input = new AssignmentInput(guardShiftId, Date ?? ChinaTime.Today(clock), staffMemberId);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await PostsEndpoints.AssignAsync(db, postId, input, ct);
            await db.SaveChangesAsync(ct);
        });
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
