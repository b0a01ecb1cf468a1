using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Onboarding;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 入职计划: a new employee's plan from the guide of their post (steps, due days, done or not; practice steps ticked here); the
/// keepers see every plan of their places with its progress and make a plan for a new employee.
/// </summary>
internal sealed class OnboardingModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, OnboardingHandler handler) : PageModel
{
    public List<PlanDto> Plans { get; private set; } = [];
    public List<(Guid Id, string Name)> People { get; private set; } = [];
    public List<(Guid Id, string Title)> Guides { get; private set; } = [];
    public bool CanKeep { get; private set; }
    public DateOnly Today { get; private set; }
    public Guid? Me { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!OnboardingHandler.MayRead(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? staffMemberId, Guid? guideId, DateOnly? startsOn, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => handler.MakePlanAsync(new PlanInput(staffMemberId, guideId, startsOn), ct));
        Done = Error is null ? Loc.T("入职计划已生成，新员工已收到通知", "Plan made; the new employee has been told") : null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTickAsync(Guid id, Guid stepId, CancellationToken ct)
    {
        if (!scopes.ActAs(OnboardingHandler.Readers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => handler.TickAsync(id, stepId, ct));
        Done = Error is null ? Loc.T("已确认完成", "Marked done") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        Me = db.Scope.UserId;
        CanKeep = StaffRoles.MayKeep(db.Scope);
        var plans = await OnboardingViews
            .Visible(db)
            .OrderBy(p => p.CompletedAt != null)
            .ThenByDescending(p => p.StartsOn)
            .ThenBy(p => p.Id)
            .Take(100)
            .ToListAsync(ct);
        Plans = await OnboardingViews.ToDtosAsync(db, plans, Today, ct);
        if (!CanKeep)
            return;
        var kept = StaffRoles.Kept(db.Scope);
        var (companies, projects) = (kept.Companies, kept.Projects);
        var all = kept.All;
        People =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s =>
                        s.ArchivedAt == null
                        && s.ProjectId != null
                        && (all || companies.Contains(s.CompanyId) || projects.Contains(s.ProjectId!.Value))
                    )
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name })
                    .Take(300)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name)),
        ];
        Guides =
        [
            .. (
                await db.Set<PostGuide>()
                    .AsNoTracking()
                    .OrderBy(g => g.Post)
                    .ThenBy(g => g.Id)
                    .Select(g => new { g.Id, g.Title })
                    .Take(100)
                    .ToListAsync(ct)
            ).Select(g => (g.Id, g.Title)),
        ];
    }
}
