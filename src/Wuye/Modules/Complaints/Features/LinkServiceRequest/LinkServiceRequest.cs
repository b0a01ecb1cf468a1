using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.LinkServiceRequest;

internal sealed record LinkInput(Guid? ServiceRequestId) : IValidatable
{
    public void Validate(Validator v) => v.Required("serviceRequestId", ServiceRequestId, "报事", "Service request");
}

/// <summary>POST /complaints/{id}/links: links an existing service request of the same project.</summary>
internal sealed class LinkServiceRequestHandler(WuyeDb db, IServiceRequests serviceRequests, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<LinkInput, LinkServiceRequestHandler>(
            api,
            "links",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Link an existing service request of the same project"
        );

    public async Task HandleAsync(Guid id, LinkInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        var r = (await serviceRequests.DescribeAsync([input.ServiceRequestId!.Value], ct)).FirstOrDefault(x => x.ProjectId == c.ProjectId)
            ?? throw ValidationException.For("serviceRequestId", "报事不存在或不属于该项目", "Request not found in this project");
        c.Link(r.Id);
        steps.Log(c, ComplaintEventKind.Linked, actor, Loc.T($"关联报事 {r.Number}", $"linked request {r.Number}"));
        await db.SaveChangesAsync(ct);
    }
}
