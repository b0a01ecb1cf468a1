using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.EnvironmentTasks;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>One cleaning or greening task on a phone: the worker marks it done with a photo; a supervisor then spot-checks it,
/// a failed check saying why or linking the project's QPI deduction finding.</summary>
internal sealed class EnvironmentTaskModel(WuyeDb db, ScopeAccessor scopes, EnvironmentService service, FileStore files) : PageModel
{
    public EnvironmentTaskDto Task { get; private set; } = null!;
    public List<DeductionFindingRef> Findings { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool MayDo => FacilitiesRoles.EnvironmentWorkers.Any(db.Scope.HasRole) && Task.Status == EnvironmentTaskStatus.Open;
    public bool MayCheck =>
        FacilitiesRoles.MaySupervise(db.Scope) && Task.Status == EnvironmentTaskStatus.Done && Task.CheckedAt is null && !OwnWork;
    private bool OwnWork { get; set; }

    public string BackLink =>
        FacilitiesRoles.MaySupervise(db.Scope)
            ? $"/facilities/environment?view=board&day={Task.DueOn:yyyy-MM-dd}"
            : "/facilities/environment";

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Task = await service.TaskAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        OwnWork = await service.DoneByAsync(id, ct) == db.Scope.UserId;
        if (MayCheck)
            Findings = await service.FindingsAsync(Task.ProjectId, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!FacilitiesRoles.MayReadEnvironment(db.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDoneAsync(Guid id, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.EnvironmentWorkers))
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var photo = await PageActions.SavePhotosAsync(files, Request.Form.Files.GetFiles("photo"), Task.ProjectId, null, ct);
            var input = new EnvironmentDoneInput(photo.Length > 0 ? photo[0] : null, note);
            await PageActions.WithPhotosAsync(files, photo, async () =>
            {
                Validator.Check(input);
                await service.CompleteAsync(id, input, ct);
            });
        });
        if (Error is null)
            Done = Loc.T("已完成，照片已上传", "Done, photo uploaded");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCheckAsync(Guid id, bool? passed, Guid? findingId, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.EnvironmentSupervisors))
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new SpotCheckInput(passed, findingId, note);
            Validator.Check(input);
            await service.SpotCheckAsync(id, input, ct);
        });
        if (Error is null)
            Done = Loc.T("已记录抽查结果", "Spot check recorded");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }
}
