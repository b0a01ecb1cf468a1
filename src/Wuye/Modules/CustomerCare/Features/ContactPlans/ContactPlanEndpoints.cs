using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Identity;

namespace Wuye.Modules.CustomerCare.Features.ContactPlans;

/// <summary><c>/api/v1/contact-plans</c>: stewards' monthly plans, their households and progress, and the issues raised.</summary>
internal static class ContactPlanEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contact-plans").WithTags("Customer care");
        g.MapGet("/", async (ContactPlans p, DateOnly? month, Guid? projectId, bool? mine, CancellationToken ct) =>
                TypedResults.Ok(await p.ListAsync(p.Plans(month, projectId, mine ?? false), ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Contact plans the reader may see (month = any day of it; mine = I am the steward) with their progress");
        g.MapGet("/{id:guid}", async (ContactPlans p, Guid id, CancellationToken ct) => TypedResults.Ok(await p.OneAsync(id, ct)))
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("One plan: its households (last contact, contacted this month by whom) and the issues raised");
        g.MapPost("/", async (ContactPlans p, NewContactPlan body, CancellationToken ct) =>
            {
                var id = await p.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/contact-plans/{id}", await p.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "Make a steward's plan for a month (60 households, or 15 a week in an office project), the longest not visited first"
            );
        g.MapPost("/{id:guid}/issues", async (ContactPlans p, Guid id, NewContactIssue body, CancellationToken ct) =>
            {
                await p.RaiseIssueAsync(id, body, ct);
                return TypedResults.Ok(await p.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("An issue a household raised, opened as a service request (category, description)");
    }
}
