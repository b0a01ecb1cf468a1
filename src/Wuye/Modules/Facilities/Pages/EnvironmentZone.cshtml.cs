using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.EnvironmentTasks;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>编辑责任区: a planner edits a responsibility zone (name, work, 片区, team, a person among the project's staff) and each of
/// its schedules (name, work, RRULE, rounds, photo), or archives a schedule or the zone, through the same editor as the API; made
/// tasks stay as they are.</summary>
internal sealed class EnvironmentZoneModel(WuyeDb db, ScopeAccessor scopes, EnvironmentService service, EnvironmentEditor editor)
    : PageModel
{
    public EnvironmentZoneDto Zone { get; private set; } = null!;
    public List<EnvironmentScheduleDto> Schedules { get; private set; } = [];
    public List<(Guid Id, string Name)> Areas { get; private set; } = [];
    public List<(Guid Id, string Name)> Teams { get; private set; } = [];
    public List<(Guid Id, string Name)> People { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var zone = (
            await service.ZonesAsync(db.Set<EnvironmentZone>().Where(z => z.Id == id && z.ArchivedAt == null), ct)
        ).FirstOrDefault();
        if (zone is null)
            return false;
        Zone = zone;
        var live = await db.Set<EnvironmentSchedule>()
            .AsNoTracking()
            .Where(s => s.EnvironmentZoneId == id && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ToListAsync(ct);
        Schedules = [.. live.Select(EnvironmentService.ToDto)];
        var company = await db.ProjectRefs().Where(p => p.Id == zone.ProjectId).Select(p => p.CompanyId).FirstAsync(ct);
        Areas =
        [
            .. (
                await db.ZoneRefs().Where(z => z.ProjectId == zone.ProjectId && z.ArchivedAt == null).OrderBy(z => z.Name).ToListAsync(ct)
            ).Select(z => (z.Id, z.Name)),
        ];
        Teams =
        [
            .. (
                await db.TeamRefs()
                    .Where(t => t.CompanyId == company && (t.ProjectId == null || t.ProjectId == zone.ProjectId) && t.ArchivedAt == null)
                    .OrderBy(t => t.Name)
                    .ToListAsync(ct)
            ).Select(t => (t.Id, t.Name)),
        ];
        var people = await (
            from a in db.RoleAssignments
            where
                (a.ProjectId == zone.ProjectId || (a.ProjectId == null && a.CompanyId == company))
                && a.Role != Roles.Owner
                && a.Role != Roles.OwnersCommittee
                && a.Role != Roles.Regulator
            join u in db.Users on a.UserId equals u.Id
            select new { u.Id, Name = u.DisplayName ?? u.UserName! }
        )
            .Distinct()
            .OrderBy(u => u.Name)
            .Take(300)
            .ToListAsync(ct);
        People = [.. people.Select(p => (p.Id, p.Name))];
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!FacilitiesRoles.MayPlan(db.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Task> action, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Planners))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            Done = done;
        return await LoadAsync(id, ct) ? Page() : Redirect("/facilities/environment?view=board");
    }

    public Task<IActionResult> OnPostZoneAsync(
        Guid id,
        string? name,
        EnvironmentWork? work,
        Guid? zoneId,
        Guid? teamId,
        Guid? responsibleUserId,
        CancellationToken ct
    ) =>
        ActAsync(
            id,
            Loc.T("责任区已保存", "Zone saved"),
            () => editor.EditZoneAsync(id, Validator.Check(new EnvironmentZoneEdit(name, work, zoneId, teamId, responsibleUserId)), ct),
            ct
        );

    public async Task<IActionResult> OnPostArchiveZoneAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Planners))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => editor.ArchiveZoneAsync(id, ct));
        if (Error is null)
            return Redirect("/facilities/environment?view=board");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostScheduleAsync(
        Guid id,
        Guid scheduleId,
        string? name,
        EnvironmentWork? work,
        string? rule,
        int? timesPerDay,
        bool skipNonWorkingDays,
        bool photoRequired,
        CancellationToken ct
    ) =>
        ActAsync(
            id,
            Loc.T("作业已保存，尚未生成的日子按新规则生成", "Saved; days not generated yet follow the new terms"),
            () =>
                editor.EditScheduleAsync(
                    scheduleId,
                    Validator.Check(new EnvironmentScheduleEdit(name, work, rule, timesPerDay, skipNonWorkingDays, photoRequired)),
                    ct
                ),
            ct
        );

    public Task<IActionResult> OnPostArchiveScheduleAsync(Guid id, Guid scheduleId, CancellationToken ct) =>
        ActAsync(id, Loc.T("作业已归档，不再生成新任务", "Archived; no new tasks"), () => editor.ArchiveScheduleAsync(scheduleId, ct), ct);
}
