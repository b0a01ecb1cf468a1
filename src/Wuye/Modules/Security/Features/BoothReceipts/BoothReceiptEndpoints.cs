using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.BoothReceipts;

/// <summary>/api/v1/booth-receipts: issue, void, paper receipts, the weekly reconciliation and its .xlsx.</summary>
internal static class BoothReceiptEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/booth-receipts").WithTags("Security");
        g.MapGet(
                "/",
                async (
                    BoothReceiptHandler h,
                    Guid? projectId,
                    Guid? postId,
                    DateOnly? from,
                    DateOnly? to,
                    string? state,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    if (state is not (null or "valid" or "voided"))
                        throw ValidationException.For("state", "状态应为 valid 或 voided", "state is valid or voided");
                    if (from is { } f && to is { } t && t < f)
                        throw ValidationException.For("to", "结束日期不能早于开始日期", "to is before from");
                    var paged = await h.Query(projectId, postId, from, to, state).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<BoothReceiptDto>(
                            [.. paged.Items.Select(BoothReceiptHandler.Dto)],
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("Booth receipts, newest first (projectId, postId, from/to China dates, state=valid|voided)");
        g.MapGet(
                "/{id:guid}/pdf",
                async (BoothReceiptHandler h, WuyeDb db, Wuye.Platform.Files.PdfRenderer pdf, Guid id, CancellationToken ct) =>
                {
                    var r = await h.OneAsync(id, ct);
                    var html = await ReceiptSlip.HtmlAsync(db, r, ct);
                    return TypedResults.File(await pdf.RenderAsync(html, ct), "application/pdf", $"booth-receipt-{r.Number}.pdf");
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The printed receipt as a PDF (80 mm slip) with its number in the booth's series; a voided one marked VOID");
        g.MapPost("/", async Task<Created<BoothReceiptDto>> (BoothReceiptHandler h, IssueReceiptInput body, CancellationToken ct) =>
            {
                var r = await h.IssueAsync(body, ct);
                return TypedResults.Created($"/api/v1/booth-receipts/{r.Id}", BoothReceiptHandler.Dto(r));
            })
            .RequireRoles(SecurityRoles.Cashiers)
            .WithSummary(
                "Issue a receipt for a parking fee taken at a booth {postId (a gate or car-park post), amount, "
                    + "method: cash|weChat|alipay|card, plate?}: the booth's next number, no gaps"
            );
        g.MapPost("/manual", async Task<Created<BoothReceiptDto>> (BoothReceiptHandler h, ManualReceiptInput body, CancellationToken ct) =>
            {
                var r = await h.RecordManualAsync(body, ct);
                return TypedResults.Created($"/api/v1/booth-receipts/{r.Id}", BoothReceiptHandler.Dto(r));
            })
            .RequireRoles(SecurityRoles.Reconcilers)
            .WithSummary(
                "Record a paper receipt with its own number {postId, serial, amount, method, plate?, issuedAt (China time)} "
                    + "(409 booth_receipt.duplicate_serial); numbers skipped show as a gap"
            );
        g.MapGet("/{id:guid}", async (BoothReceiptHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(BoothReceiptHandler.Dto(await h.OneAsync(id, ct)))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One receipt");
        g.MapPost("/{id:guid}/void", async (BoothReceiptHandler h, Guid id, VoidReceiptInput body, CancellationToken ct) =>
                TypedResults.Ok(BoothReceiptHandler.Dto(await h.VoidAsync(id, body, ct)))
            )
            .RequireRoles([.. SecurityRoles.Cashiers, .. SecurityRoles.Reconcilers])
            .WithSummary(
                "Void a receipt the driver did not take {reason}: the guard within Wuye:Security:ReceiptVoidMinutes of its issue "
                    + "(409 booth_receipt.void_too_late), the supervisor at any time (409 booth_receipt.voided)"
            );
        g.MapGet("/reconciliation", async (BoothReceiptHandler h, Guid? projectId, DateOnly? week, CancellationToken ct) =>
                TypedResults.Ok(await h.ReconcileAsync(Project(projectId), week ?? h.Today, ct))
            )
            .RequireRoles(SecurityRoles.Reconcilers)
            .WithSummary(
                "The week's reconciliation for finance (projectId, week: any China date of the week, Monday to Sunday; this week by "
                    + "default): totals by booth and method, voids, gaps in the numbering, the receipts"
            );
        g.MapGet(
                "/reconciliation/export",
                async (BoothReceiptHandler h, Guid? projectId, DateOnly? week, string? format, CancellationToken ct) =>
                {
                    if (!TableFile.TryFormat(format, out var f))
                        throw ValidationException.For("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
                    var d = await h.ReconcileAsync(Project(projectId), week ?? h.Today, ct);
                    return TableFile.Result(
                        f,
                        Loc.T($"岗亭收费对账-{d.ProjectName}-{d.From:yyyyMMdd}", $"booth-reconciliation-{d.From:yyyyMMdd}"),
                        ReconciliationSheets.Of(d)
                    );
                }
            )
            .RequireRoles(SecurityRoles.Reconcilers)
            .WithSummary("The week's reconciliation as .xlsx (totals, receipts, voids, gaps) or .csv (the totals)");
    }

    private static Guid Project(Guid? projectId) =>
        projectId is { } p && p != Guid.Empty ? p : throw ValidationException.For("projectId", "请选择项目", "projectId is required");
}
