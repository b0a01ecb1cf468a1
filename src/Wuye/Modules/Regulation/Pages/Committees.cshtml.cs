using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.RegisterCommittee;
using Wuye.Modules.Regulation.Features.RenewCommitteeTerm;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>业主委员会: the committees, their terms and members, the projects without one; the regulator files and renews them.</summary>
internal sealed class CommitteesModel(WuyeDb db, ScopeAccessor access, TimeProvider clock, CommitteeReads reads) : PageModel
{
    public List<CommitteeDto> Committees { get; private set; } = [];
    public List<UncoveredProjectDto> Uncovered { get; private set; } = [];
    public bool IsRegulator { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!RegulationRoles.MayRead(db.Scope))
            return false;
        Today = ChinaTime.Today(clock);
        IsRegulator = db.Scope.Regulators.Length == 1 && db.Scope.HasRole(Roles.Regulator);
        Committees = await reads.ToDtosAsync(CommitteeReads.Query(db, null).Take(200), ct);
        Uncovered = await reads.UncoveredAsync(IsRegulator ? db.Scope.Regulators[0] : null, ct);
        return true;
    }

    public async Task<IActionResult> OnPostRegisterAsync(
        Guid? projectId,
        string? name,
        DateOnly? termStart,
        DateOnly? termEnd,
        string? director,
        string? directorUnit,
        string? members,
        [FromServices] RegisterCommitteeHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        CommitteeMemberInput[] list =
        [
            new(director, CommitteePosition.Director, directorUnit, null),
            .. (members ?? "")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split([',', '，', ' '], 2, StringSplitOptions.TrimEntries))
                .Select(p => new CommitteeMemberInput(p[0], CommitteePosition.Member, p.Length > 1 ? p[1] : null, null)),
        ];
        var input = new RegisterCommitteeInput(projectId, name, null, 1, termStart, termEnd, list);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                await handler.RegisterAsync(db.Scope.Regulators[0], input, ct);
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostRenewAsync(
        Guid id,
        DateOnly? termStart,
        DateOnly? termEnd,
        [FromServices] RenewCommitteeTermHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator))
            return Forbid();
        var input = new RenewTermInput(termStart, termEnd, null);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                await handler.RenewAsync(id, input, ct);
            },
            ct
        );
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, CancellationToken ct)
    {
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return Redirect("/regulation/committees");
        db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public static string PositionText(CommitteePosition p) =>
        p switch
        {
            CommitteePosition.Director => Loc.T("主任", "Director"),
            CommitteePosition.DeputyDirector => Loc.T("副主任", "Deputy director"),
            _ => Loc.T("委员", "Member"),
        };
}
