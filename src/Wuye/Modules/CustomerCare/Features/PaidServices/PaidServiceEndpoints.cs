using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PaidServices;

/// <summary><c>/api/v1/paid-services</c> (the menu) and <c>/api/v1/paid-service-orders</c>.</summary>
internal static class PaidServiceEndpoints
{
    private static readonly string[] Readers = [.. PaidServices.Doers, Roles.Owner];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/paid-services").WithTags("Customer care");
        g.MapGet("/", async (PaidServices p, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await PaidServices.MenuDtos(await p.MenuAsync(projectId, ct)).ToPagedAsync(page, pageSize, ct))
            )
            .RequireRoles(Readers)
            .WithSummary("The priced menu of special services (菜单式特约服务): staff their projects', owners their homes'");
        g.MapPost("/", async (PaidServices p, NewPaidService body, CancellationToken ct) =>
            {
                var id = await p.AddServiceAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/paid-services/{id}",
                    await PaidServices.MenuDtos((await p.MenuAsync(null, ct)).Where(s => s.Id == id)).FirstAsync(ct)
                );
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Add an item to a project's menu: name, category, price, unit (次, 小时…), description");
        g.MapPut("/{id:guid}", async (KeepPaidMenu k, PaidServices p, Guid id, EditPaidService body, CancellationToken ct) =>
            {
                await k.EditAsync(id, body, ct);
                return TypedResults.Ok(await PaidServices.MenuDtos((await p.MenuAsync(null, ct)).Where(s => s.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("A new price and description for new orders (orders placed keep their price); a retired item: 409");
        g.MapPost("/{id:guid}/retire", async (KeepPaidMenu k, PaidServices p, Guid id, CancellationToken ct) =>
            {
                await k.RetireAsync(id, ct);
                return TypedResults.Ok(await PaidServices.MenuDtos((await p.MenuAsync(null, ct)).Where(s => s.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Take the item off the menu (no new orders); twice: 409");

        var o = api.MapGroup("/paid-service-orders").WithTags("Customer care");
        o.MapGet("/", async (PaidServices p, PaidOrderStatus? status, bool? mine, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await p.OrderDtos(p.Orders(status, mine ?? false)).ToPagedAsync(page, pageSize, ct))
            )
            .RequireRoles(Readers)
            .WithSummary("Orders the reader may see (an owner: their homes'; mine = assigned to or ordered by me)");
        o.MapGet("/{id:guid}", async (PaidServices p, Guid id, CancellationToken ct) =>
                TypedResults.Ok(
                    await p.OrderDtos(p.Orders(null, false).Where(x => x.Id == id)).FirstOrDefaultAsync(ct)
                        ?? throw new NotFoundException("paid service order")
                )
            )
            .RequireRoles(Readers)
            .WithSummary("One order");
        o.MapPost("/", async (PaidServices p, NewPaidOrder body, CancellationToken ct) =>
            {
                var id = await p.OrderAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/paid-service-orders/{id}",
                    await p.OrderDtos(p.Orders(null, false).Where(x => x.Id == id)).FirstAsync(ct)
                );
            })
            .RequireRoles([Roles.Owner, .. CareRoles.Stewards])
            .WithSummary("Order a service for a home (the owner on the portal, or the desk for them): quantity, wanted time, note");
        o.MapPost("/{id:guid}/cancel", async (CancelPaidOrder c, PaidServices p, Guid id, CancellationToken ct) =>
            {
                await c.CancelAsync(id, ct);
                return TypedResults.Ok(await p.OrderDtos(p.Orders(null, false).Where(x => x.Id == id)).FirstAsync(ct));
            })
            .RequireRoles([Roles.Owner])
            .WithSummary("The owner cancels an order of their home before it is assigned (after: 409 with the reason)");
        Act(
            o,
            "assign",
            CareRoles.Stewards,
            "Assign a staff member of the project",
            (PaidServices p, Guid id, AssignPaidOrder b, CancellationToken ct) => p.AssignAsync(id, b, ct)
        );
        Act(
            o,
            "complete",
            PaidServices.Doers,
            "Record it done with the payment (amount, method)",
            (PaidServices p, Guid id, CompletePaidOrder b, CancellationToken ct) => p.CompleteAsync(id, b, ct)
        );
        Act(
            o,
            "rate",
            [Roles.Owner],
            "The owner rates the done service once, 1–5",
            (PaidServices p, Guid id, RatePaidOrder b, CancellationToken ct) => p.RateAsync(id, b, ct)
        );
    }

    private static void Act<T>(
        RouteGroupBuilder o,
        string verb,
        string[] roles,
        string summary,
        Func<PaidServices, Guid, T, CancellationToken, Task> act
    ) =>
        o.MapPost($"/{{id:guid}}/{verb}", async (PaidServices p, Guid id, T body, CancellationToken ct) =>
            {
                await act(p, id, body, ct);
                return TypedResults.Ok(await p.OrderDtos(p.Orders(null, false).Where(x => x.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(roles)
            .WithSummary(summary);
}
