using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>The API's complaint routes: <c>/api/v1/complaints</c>, and its actions that answer with the complaint as it now
/// stands.</summary>
internal static class ComplaintApi
{
    public static RouteGroupBuilder Group(RouteGroupBuilder api) => api.MapGroup("/complaints").WithTags("Complaints");

    /// <summary>POST /complaints/{id}/{action}: runs the handler, then returns the complaint's detail.</summary>
    public static void MapAction<T, THandler>(
        RouteGroupBuilder api,
        string action,
        Func<THandler, Guid, T, CancellationToken, Task> run,
        string summary
    )
        where T : IValidatable
        where THandler : notnull =>
        Group(api)
            .MapPost(
                $"/{{id:guid}}/{action}",
                async Task<Results<Ok<ComplaintDetail>, NotFound>> (
                    WuyeDb db,
                    IServiceRequests serviceRequests,
                    TimeProvider clock,
                    [FromServices] THandler handler,
                    Guid id,
                    T body,
                    CancellationToken ct
                ) =>
                {
                    await run(handler, id, body, ct);
                    return await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound();
                }
            )
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary(summary);
}
