using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.GetServiceRequest;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Pages.Portal;

/// <summary>One of my requests as an owner reads it: what happens next, when and who; what was done, with the after photos.</summary>
internal sealed class RequestProgressModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public ServiceRequestDetail Detail { get; private set; } = null!;
    public OwnerNext Next { get; private set; } = null!;

    /// <summary>The jobs that were finished, oldest first: what was done each time.</summary>
    public List<WorkOrderDto> Done { get; private set; } = [];

    /// <summary>The history in the owner's words, oldest first (the staff's own steps left out).</summary>
    public List<(DateTimeOffset At, string Step)> Steps { get; private set; } = [];

    /// <summary>The request waits for my rating (the same query as the home's 待我评价).</summary>
    public bool MayRate { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var d = await ServiceRequestDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (d is null)
            return NotFound();
        Detail = d;
        var r = d.Request;
        var job = d.WorkOrders.OrderByDescending(w => w.ClockStartedAt).ThenByDescending(w => w.Id).FirstOrDefault();
        Next = OwnerText.Next(
            r.Status,
            r.VisitFrom,
            job?.Status,
            job?.AssigneeName,
            job?.PauseKind,
            job?.ArrivalDueAt,
            job?.CompletionDueAt
        );
        MayRate = await WorkOrderQueries.AwaitingOwnerRating(db).AnyAsync(x => x.Id == id, ct);
        Done = [.. d.WorkOrders.Where(w => w.WorkDone is not null).OrderBy(w => w.CompletedAt)];
        Steps =
        [
            .. d
                .Timeline.OrderBy(e => e.At)
                .Select(e => (e.At, Step: OwnerText.StepName(e.Kind)))
                .Where(e => e.Step is not null)
                .Select(e => (e.At, e.Step!))
                // One line per step: a rating is logged as a visit and a rating at the same moment.
                .DistinctBy(e => (e.At, e.Item2)),
        ];
        return Page();
    }
}
