using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ParkingViolations;

/// <summary>/api/v1/parking-violations: the ledger, the notice, closing, repeat violators.</summary>
internal static class ParkingViolationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/parking-violations").WithTags("Security");
        g.MapGet(
                "/",
                async (
                    ParkingViolationHandler h,
                    Guid? projectId,
                    string? plate,
                    string? state,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    if (state is not (null or "open" or "closed" or "escalated"))
                        throw ValidationException.For("state", "状态应为 open、closed 或 escalated", "state is open, closed or escalated");
                    if (plate is { Length: > 12 })
                        throw ValidationException.For("plate", "车牌号太长", "The plate is too long");
                    var paged = await h.Query(projectId, plate, state).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<ParkingViolationDto>(await h.DtosAsync([.. paged.Items], ct), paged.Page, paged.PageSize, paged.Total)
                    );
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary(
                "The violations ledger, newest first (state=open|closed|escalated, plate contains), each with its plate's count in the "
                    + "window (Wuye:Security:RepeatViolationDays) up to it and the repeat flag"
            );
        g.MapPost(
                "/",
                async Task<Created<ParkingViolationDto>> (ParkingViolationHandler h, RecordViolationInput body, CancellationToken ct) =>
                {
                    var v = await h.RecordAsync(body, ct);
                    return TypedResults.Created($"/api/v1/parking-violations/{v.Id}", (await h.DtosAsync([v], ct))[0]);
                }
            )
            .RequireRoles(SecurityRoles.ParkingRecorders)
            .WithSummary(
                "Record a violation {projectId, plate, place, kind, note?, photoIds?}: numbered; the registered vehicle's owner is told"
            );
        g.MapGet("/{id:guid}", async (ParkingViolationHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok((await h.DtosAsync([await h.OneAsync(id, ct)], ct))[0])
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One violation");
        g.MapPost("/{id:guid}/close", async (ParkingViolationHandler h, Guid id, CloseViolationInput body, CancellationToken ct) =>
            {
                var v = await h.CloseAsync(id, body, ct);
                return TypedResults.Ok((await h.DtosAsync([v], ct))[0]);
            })
            .RequireRoles(SecurityRoles.ParkingRecorders)
            .WithSummary(
                "Close a violation with its outcome {outcome: moved|warned|ownerContacted|passSuspended|other, note?} "
                    + "(409 parking_violation.closed)"
            );
        g.MapGet("/{id:guid}/notice", async (ParkingViolationHandler h, WuyeDb db, PdfRenderer pdf, Guid id, CancellationToken ct) =>
            {
                var v = await h.OneAsync(id, ct);
                var html = await ViolationNotice.HtmlAsync(db, v, h.Days, h.Threshold, ct);
                return TypedResults.File(await pdf.RenderAsync(html, ct), "application/pdf", $"violation-{v.Number}.pdf");
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The two-part violation notice as a PDF (red windscreen copy, white stub), with its number");
        g.MapGet("/repeaters", async (ParkingViolationHandler h, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await h.RepeatersAsync(projectId, ct))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("Repeat violators: plates with RepeatViolations or more violations in a project within the window, most first");
    }
}
