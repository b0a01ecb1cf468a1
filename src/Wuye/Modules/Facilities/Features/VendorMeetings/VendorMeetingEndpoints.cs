using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorMeetings;

/// <summary>/api/v1/vendor-meetings and /api/v1/vendor-meeting-actions (000#18).</summary>
internal static class VendorMeetingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/vendor-meetings").WithTags("Facilities");
        meetings
            .MapGet("/", async (VendorMeetingService service, WuyeDb db, Guid? projectId, string? month, CancellationToken ct) =>
            {
                DateOnly? m = null;
                if (month is not null)
                    m = ParseMonth(month);
                return TypedResults.Ok(
                    await service.MeetingsAsync(
                        db.Set<VendorMeeting>().Where(x => (projectId == null || x.ProjectId == projectId) && (m == null || x.Month == m)),
                        ct
                    )
                );
            })
            .RequireRoles(FacilitiesRoles.VendorReaders)
            .WithSummary("Vendors' monthly meetings (a project, a month yyyy-MM), latest first, with the vendors present and the actions");
        meetings
            .MapGet("/{id:guid}", async (VendorMeetingService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.MeetingAsync(id, ct))
            )
            .RequireRoles(FacilitiesRoles.VendorReaders)
            .WithSummary("One vendors' meeting with its actions");
        meetings
            .MapPost(
                "/",
                async Task<Created<VendorMeetingDto>> (VendorMeetingService service, VendorMeetingInput body, CancellationToken ct) =>
                {
                    var m = await service.CreateAsync(body, ct);
                    return TypedResults.Created($"/api/v1/vendor-meetings/{m.Id}", m);
                }
            )
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Record the month's vendors' meeting of a project (one a month): vendors present, minutes, actions agreed");
        meetings
            .MapPost(
                "/{id:guid}/actions",
                async Task<Created<VendorMeetingActionDto>> (
                    VendorMeetingService service,
                    Guid id,
                    VendorMeetingActionInput body,
                    CancellationToken ct
                ) =>
                {
                    var a = await service.AddActionAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/vendor-meeting-actions/{a.Id}", a);
                }
            )
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Add an action agreed at the meeting (a vendor present, an owner on the project, a due date)");

        var actions = api.MapGroup("/vendor-meeting-actions").WithTags("Facilities");
        actions
            .MapGet("/", async (VendorMeetingService service, Guid? vendorId, Guid? ownerUserId, bool? open, CancellationToken ct) =>
                TypedResults.Ok(await service.ActionsAsync(vendorId, ownerUserId, open ?? false, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Meeting actions (a vendor's, a person's, open only), open first by due date; overdue ones are marked");
        actions
            .MapPost("/{id:guid}/done", async (VendorMeetingService service, Guid id, ActionDoneInput body, CancellationToken ct) =>
                TypedResults.Ok(await service.CloseAsync(id, body, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Mark an action done with a note (its owner or a manager of the project)");
    }

    public static DateOnly ParseMonth(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var m)
            ? m
            : throw ValidationException.For("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
}
