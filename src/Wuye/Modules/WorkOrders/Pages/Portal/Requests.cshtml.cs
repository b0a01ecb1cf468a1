using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.CreateServiceRequest;
using Wuye.Modules.WorkOrders.Features.LegacyDefects;
using Wuye.Modules.WorkOrders.Features.RateServiceRequest;
using Wuye.Modules.WorkOrders.Features.RecordReturnVisit;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Modules.WorkOrders.Pages;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages.Portal;

/// <summary>The owner portal on a phone: report a fault for one of my units, follow my requests, rate the work.</summary>
internal sealed class RequestsModel(
    WuyeDb db,
    CreateServiceRequestHandler create,
    RateServiceRequestHandler rate,
    FileStore files,
    TimeProvider clock
) : PageModel
{
    public List<UnitRef> Units { get; private set; } = [];
    public List<ServiceRequestDto> Mine { get; private set; } = [];

    /// <summary>待我评价: exactly what the home's count counts (<see cref="WorkOrderQueries.AwaitingOwnerRating"/>).</summary>
    public List<ServiceRequestDto> ToRate { get; private set; } = [];
    public List<LegacyDefectDto> Defects { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public RequestCategory? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public DateTime? VisitFrom { get; set; }

    [BindProperty]
    public List<IFormFile>? Photos { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid createdId = default;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            // The slot is picked in China time on the phone; bounded before any arithmetic on it (9999-12-31 + 2 h overflows).
            var slot = new Wuye.Platform.Web.Validator();
            DateTimeOffset? from = VisitFrom is { Year: >= 2000 } v ? new DateTimeOffset(v, ChinaTime.Offset) : null;
            if (VisitFrom is { Year: < 2000 })
                slot.Add("visitFrom", "预约上门时间不能早于现在", "The visit slot cannot be in the past");
            CreateServiceRequestHandler.CheckVisitSlot(slot, from, null, clock.GetUtcNow());
            slot.ThrowIfAny();
            var input = new NewServiceRequest(
                UnitId,
                null,
                null,
                null,
                RequestChannel.OwnerPortal,
                Category,
                Urgency.Normal,
                Description,
                null,
                null,
                [],
                from,
                from?.AddHours(2)
            );
            Wuye.Platform.Web.Validator.Check(input);
            input = input with { PhotoIds = await PageActions.SavePhotosAsync(files, Photos, null, UnitId, ct) };
            await PageActions.WithPhotosAsync(files, input.PhotoIds!, async () => createdId = (await create.CreateAsync(input, ct)).Id);
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
        Error = await PageActions.TryAsync(ModelState, () => rate.HandleAsync(id, new VisitInput(satisfied, score, comment), ct));
        if (Error is null)
            return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var own = db.Scope.Units;
        Units = await db.OwnUnitRefs().ToListAsync(ct);
        Mine = await WorkOrderQueries
            .Requests(
                db,
                db.Set<ServiceRequest>()
                    .AsNoTracking()
                    .Where(r => r.UnitId != null && own.Contains(r.UnitId.Value))
                    .OrderByDescending(r => r.OpenedAt)
            )
            .Take(50)
            .ToListAsync(ct);
        ToRate = await WorkOrderQueries
            .Requests(db, WorkOrderQueries.AwaitingOwnerRating(db).OrderByDescending(r => r.CompletedAt).ThenBy(r => r.Id))
            .ToListAsync(ct);
        Defects = await LegacyDefectEndpoints.ToDtosAsync(
            db,
            await db.Set<LegacyDefect>()
                .AsNoTracking()
                .Where(d => own.Contains(d.UnitId))
                .OrderByDescending(d => d.FoundOn)
                .Take(20)
                .ToListAsync(ct),
            ct
        );
    }
}
