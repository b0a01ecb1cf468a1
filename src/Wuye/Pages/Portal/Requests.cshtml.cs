using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features;
using Wuye.Pages.WorkOrders;
using Wuye.Platform.Database;
using Wuye.Platform.Files;

namespace Wuye.Pages.Portal;

/// <summary>The owner portal on a phone: report a fault for one of my units, follow my requests, rate the work.</summary>
public sealed class RequestsModel(WuyeDb db, WorkOrderService svc, FileStore files) : PageModel
{
    public sealed record UnitOption(Guid Id, string Label, Guid ProjectId);

    public List<UnitOption> Units { get; private set; } = [];
    public List<ServiceRequestDto> Mine { get; private set; } = [];
    public List<LegacyDefectDto> Defects { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public RequestCategory? Category { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateTime? VisitFrom { get; set; }
    [BindProperty] public List<IFormFile>? Photos { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid createdId = default;
        Error = await PageHelpers.TryAsync(ModelState, async () =>
        {
            // The slot is picked in China time on the phone.
            DateTimeOffset? from = VisitFrom is { } v ? new DateTimeOffset(v, WorkingTime.ChinaOffset) : null;
            var input = new NewServiceRequest(UnitId, null, null, null, RequestChannel.OwnerPortal, Category, Urgency.Normal, Description,
                null, null, [], from, from?.AddHours(2));
            Wuye.Platform.Web.Validator.Check(input);
            input = input with { PhotoIds = await PageHelpers.SavePhotosAsync(files, Photos, null, UnitId, ct) };
            await PageHelpers.WithPhotosAsync(files, input.PhotoIds!, async () => createdId = (await svc.CreateAsync(input, ct)).Id);
        });
        if (Error is null)
        {
            Done = Wuye.Platform.Web.Loc.T("已提交，我们会尽快安排", "Sent; we will arrange it shortly");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(Guid id, bool satisfied, int? score, string? comment, CancellationToken ct)
    {
        Error = await PageHelpers.TryAsync(ModelState, () => svc.RateAsync(id, new VisitInput(satisfied, score, comment), ct));
        if (Error is null) return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The signed-in owner's homes, labelled project + building + number, for the portal forms.</summary>
    public static Task<List<UnitOption>> OwnUnitsAsync(WuyeDb db, CancellationToken ct)
    {
        var own = db.Scope.Units;
        return db.Units.AsNoTracking().Where(u => own.Contains(u.Id))
            .Select(u => new UnitOption(u.Id, db.Projects.Where(p => p.Id == u.ProjectId).Select(p => p.Name).FirstOrDefault() + " "
                + db.Buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number, u.ProjectId))
            .ToListAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var own = db.Scope.Units;
        Units = await OwnUnitsAsync(db, ct);
        Mine = await Queries.Requests(db, db.Set<ServiceRequest>().AsNoTracking().Where(r => r.UnitId != null && own.Contains(r.UnitId.Value))
            .OrderByDescending(r => r.OpenedAt)).Take(50).ToListAsync(ct);
        Defects = await LegacyDefectEndpoints.ToDtosAsync(db, await db.Set<LegacyDefect>().AsNoTracking().Where(d => own.Contains(d.UnitId))
            .OrderByDescending(d => d.FoundOn).Take(20).ToListAsync(ct), ct);
    }
}
