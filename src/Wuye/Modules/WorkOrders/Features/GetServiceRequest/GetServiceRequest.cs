using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.GetServiceRequest;

internal static class GetServiceRequestEndpoint
{
    public static void Map(RouteGroupBuilder requests) =>
        requests
            .MapGet(
                "/{id:guid}",
                async Task<Results<Ok<ServiceRequestDetail>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                    await ServiceRequestDetails.LoadAsync(db, id, clock.GetUtcNow(), ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound()
            )
            .WithSummary("One request with its work orders, return visits and full timeline");
}

internal sealed record EventDto(
    Guid Id,
    DateTimeOffset At,
    EventKind Kind,
    string KindName,
    string? ActorName,
    string? Note,
    Guid? WorkOrderId
);

internal sealed record ServiceRequestDetail(
    ServiceRequestDto Request,
    IReadOnlyList<WorkOrderDto> WorkOrders,
    IReadOnlyList<EventDto> Timeline,
    IReadOnlyList<ReturnVisitDto> ReturnVisits
);

/// <summary>One request with its jobs, timeline and return visits: for the API and the request page.</summary>
internal static class ServiceRequestDetails
{
    public static async Task<ServiceRequestDetail?> LoadAsync(WuyeDb db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var r = await WorkOrderQueries.Requests(db, db.Set<ServiceRequest>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (r is null)
            return null;
        var english = Loc.IsEnglish;
        var orders = (
            await WorkOrderQueries.Orders(db, db.Set<WorkOrder>().AsNoTracking().Where(w => w.ServiceRequestId == id)).ToListAsync(ct)
        )
            .OrderBy(w => w.ClockStartedAt)
            .ToList();
        var events = (
            await db.Set<WorkOrderEvent>()
                .AsNoTracking()
                .Where(e => e.ServiceRequestId == id)
                .OrderBy(e => e.At)
                .ThenBy(e => e.Seq)
                .ToListAsync(ct)
        )
            .Select(e => new EventDto(
                e.Id,
                e.At,
                e.Kind,
                WorkOrderText.EventName(e.Kind),
                e.ActorName,
                english && e.NoteEn != null ? e.NoteEn : e.Note,
                e.WorkOrderId
            ))
            .ToList();
        var visits = (
            await WorkOrderQueries
                .Visits(db, db.Set<ReturnVisit>().AsNoTracking().Where(v => v.ServiceRequestId == id), now)
                .ToListAsync(ct)
        )
            .OrderBy(v => v.DueAt)
            .ToList();
        return new ServiceRequestDetail(r, orders, events, visits);
    }
}
