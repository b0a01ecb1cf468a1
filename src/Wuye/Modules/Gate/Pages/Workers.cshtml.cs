using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Workers;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages;

/// <summary>
/// 外来人员: the gate and the service center register outside workers (photo, ID, the homes they serve; renovation workers on a
/// permit in force) and revoke their passes; everyone who reads the gate's records sees who is registered and who is inside.
/// </summary>
internal sealed class WorkersModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, WorkersHandler workers, FileStore files) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Permit { get; set; }

    public List<ProjectRef> Projects { get; private set; } = [];
    public List<WorkerDto> Items { get; private set; } = [];
    public WorkerDto? Created { get; private set; }
    public bool MayRegister { get; private set; }
    public string? Error { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayRegister = WorkersHandler.Registrars.Any(db.Scope.HasRole);
        Projects = await db.ProjectRefs().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).ThenBy(p => p.Id).Take(50).ToListAsync(ct);
        var today = ChinaTime.Today(clock);
        Items = await WorkersHandler.ListAsync(
            db,
            db.Set<RegisteredWorker>()
                .Where(w => w.RevokedAt == null && w.ValidTo >= today)
                .OrderBy(w => w.Kind)
                .ThenBy(w => w.Name)
                .ThenBy(w => w.Id)
                .Take(200),
            ct
        );
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!GateRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? projectId,
        WorkerKind? kind,
        string? name,
        string? phone,
        string? idNumber,
        string? units,
        DateOnly? validTo,
        bool heightWork,
        IFormFile? photo,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(WorkersHandler.Registrars))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new WorkerInput(projectId, kind, name, phone, idNumber, Permit, units, validTo, heightWork, null);
            Validator.Check(input);
            var ids = await PageActions.SavePhotosAsync(files, photo is null ? [] : [photo], projectId, null, ct);
            await PageActions.WithPhotosAsync(files, ids, async () =>
                Created = await workers.RegisterAsync(
                    input with
                    {
                        PhotoId = ids.FirstOrDefault() is var p && p != Guid.Empty ? p : null,
                    },
                    ct
                )
            );
        });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid workerId, CancellationToken ct)
    {
        if (!scopes.ActAs(WorkersHandler.Registrars))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => workers.RevokeAsync(workerId, ct));
        await LoadAsync(ct);
        return Page();
    }
}
