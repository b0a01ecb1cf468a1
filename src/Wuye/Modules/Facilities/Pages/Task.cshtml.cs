using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.CompleteMaintenanceTask;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>One maintenance task on a phone: while open, the technician answers its checklist item by item (a photo where asked);
/// once done, each item's result with the failed ones marked.</summary>
internal sealed class TaskModel(
    WuyeDb db,
    ScopeAccessor scopes,
    FacilitiesViews views,
    FileStore files,
    CompleteMaintenanceTaskHandler complete
) : PageModel
{
    public sealed class AnswerForm
    {
        public Guid ItemId { get; set; }
        public bool? Ok { get; set; }
        public decimal? Number { get; set; }
        public string? Text { get; set; }
    }

    public TaskDto Task { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool MayDo => FacilitiesRoles.MayDo(db.Scope) && Task.Status == MaintenanceTaskStatus.Open;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Task = await views.TaskAsync(id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!FacilitiesRoles.MayRead(db.Scope))
            return Forbid();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, List<AnswerForm> answers, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Technicians))
            return Forbid();
        if (!await LoadAsync(id, ct))
            return NotFound();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var stored = new List<Guid>();
            var list = new List<ChecklistAnswer>();
            for (var i = 0; i < answers.Count; i++)
            {
                var a = answers[i];
                var photo = await PageActions.SavePhotosAsync(files, Request.Form.Files.GetFiles($"photo_{i}"), Task.ProjectId, null, ct);
                stored.AddRange(photo);
                list.Add(new ChecklistAnswer(a.ItemId, a.Ok, a.Number, a.Text, photo.Length > 0 ? photo[0] : null));
            }
            var input = new TaskResultsInput(list);
            await PageActions.WithPhotosAsync(files, [.. stored], async () =>
            {
                Validator.Check(input);
                await complete.CompleteAsync(id, input, ct);
            });
        });
        if (Error is null)
            Done = Loc.T("已提交保养记录", "Maintenance recorded");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }
}
