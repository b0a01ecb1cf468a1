using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.CreateLinkedRequest;

internal sealed record LinkedRequestInput(RequestCategory? Category, string? Description) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("category", Category, "报修类别", "Category")
            .Required("description", Description, "报修内容", "Description")
            .MaxLength("description", Description, 1000, "报修内容", "Description");
}

/// <summary>POST /complaints/{id}/service-requests: hands the work to engineering as a service request for the complaint's unit, linked to
/// it; the owner stays.</summary>
internal sealed class CreateLinkedRequestHandler(WuyeDb db, IServiceRequests serviceRequests, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi
            .Group(api)
            .MapPost(
                "/{id:guid}/service-requests",
                async (CreateLinkedRequestHandler handler, Guid id, LinkedRequestInput body, CancellationToken ct) =>
                {
                    var requestId = await handler.HandleAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/service-requests/{requestId}", new { id = requestId });
                }
            )
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary("Hand the work to engineering: a service request for the complaint's unit, linked to it");

    public async Task<Guid> HandleAsync(Guid id, LinkedRequestInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        c.CheckMayHandOver();
        // Two saves (the request's own use case, then the link) in one transaction: both or neither.
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var request = await serviceRequests.CreateAsync(
            new CreateServiceRequest(
                c.UnitId,
                input.Category,
                input.Description,
                c.ComplainantName,
                c.ComplainantPhone is { } p && Validator.IsMobileOrLandline(p) ? p : null
            ),
            ct
        );
        c.HandedOver(request.Id);
        steps.Log(
            c,
            ComplaintEventKind.Linked,
            actor,
            Loc.T($"转工程部处理，报事 {request.Number}", $"handed to engineering as request {request.Number}")
        );
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return request.Id;
    }
}
