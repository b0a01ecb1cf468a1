using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Identity;

namespace Wuye.Modules.CustomerCare.Features.ContactMeetings;

/// <summary><c>/api/v1/contact-meetings</c>: the month's contact analysis meetings (28th), their findings and issues.</summary>
internal static class ContactMeetingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contact-meetings").WithTags("Customer care");
        g.MapGet("/", async (ContactMeetings m, Guid? projectId, DateOnly? month, CancellationToken ct) =>
                TypedResults.Ok(await m.ListAsync(projectId, month, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary(
                "Analysis meetings the reader may see (month = any day of it), newest first; due = on or after the 28th, not held"
            );
        g.MapGet("/{id:guid}", async (ContactMeetings m, Guid id, CancellationToken ct) => TypedResults.Ok(await m.OneAsync(id, ct)))
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("One meeting with the month's plans and progress, the issues raised during visits and at the meeting");
        g.MapPost("/{id:guid}/hold", async (ContactMeetings m, Guid id, HoldContactMeeting body, CancellationToken ct) =>
            {
                await m.HoldAsync(id, body, ct);
                return TypedResults.Ok(await m.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Record the meeting (findings, attendees) with the month's figures as they stand; once, not before the 28th");
        g.MapPost("/{id:guid}/issues", async (ContactMeetings m, Guid id, NewContactMeetingIssue body, CancellationToken ct) =>
            {
                await m.RaiseAsync(id, body, ct);
                return TypedResults.Ok(await m.OneAsync(id, ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("An issue raised at the meeting: a household of the project (unitId) or a public place (location)");
        g.MapPost(
                "/{id:guid}/issues/{issueId:guid}/service-request",
                async (ContactMeetings m, Guid id, Guid issueId, CancellationToken ct) =>
                {
                    await m.OpenRequestAsync(id, issueId, ct);
                    return TypedResults.Ok(await m.OneAsync(id, ct));
                }
            )
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Turn the issue into a service request (WorkOrders), once");
    }
}
