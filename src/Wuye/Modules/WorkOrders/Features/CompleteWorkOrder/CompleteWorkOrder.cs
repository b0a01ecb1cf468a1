using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.CompleteWorkOrder;

internal static class CompleteWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/complete",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    CompleteWorkOrderHandler handler,
                    Guid id,
                    CompleteInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, body, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Finish with after photos, owner's confirmation, charges and the 'anything else?' note");
}

internal sealed record ChargeInput(Guid PriceItemId, decimal Quantity);

internal sealed record CompleteInput(
    string? WorkDone,
    Guid[]? BeforePhotoIds,
    Guid[]? AfterPhotoIds,
    string? OwnerConfirmedBy,
    string? AnythingElse,
    ChargeInput[]? Charges
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("workDone", WorkDone, "处理情况", "Work done")
            .MaxLength("workDone", WorkDone, 1000, "处理情况", "Work done")
            .Required("ownerConfirmedBy", OwnerConfirmedBy, "业主确认人", "Owner's confirmation")
            .MaxLength("ownerConfirmedBy", OwnerConfirmedBy, 50, "业主确认人", "Owner's confirmation")
            .MaxLength("anythingElse", AnythingElse, 500, "其他需求", "Anything else");
        if (AfterPhotoIds is null || AfterPhotoIds.Length == 0)
            v.Add("afterPhotoIds", "请上传完工照片", "Add a photo of the finished work");
        if ((AfterPhotoIds?.Length ?? 0) + (BeforePhotoIds?.Length ?? 0) > 18)
            v.Add("afterPhotoIds", "照片太多", "Too many photos");
        if (Charges is { Length: > 50 })
            v.Add("charges", "收费明细最多 50 行", "At most 50 charge lines");
        foreach (var c in Charges ?? [])
            if (c.Quantity is <= 0 or > 10000)
                v.Add("charges", "数量应大于 0", "Quantities must be above 0");
    }
}

/// <summary>完工: photos, the owner's confirmation, priced charges; the request waits for its return visit within one working day.</summary>
internal sealed class CompleteWorkOrderHandler(
    WuyeDb db,
    JobSteps steps,
    ProjectClocks clocks,
    Wuye.Platform.Notifications.Notifier notifier
)
{
    public async Task HandleAsync(Guid id, CompleteInput input, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadMineAsync(id, ct);
        wo.CheckCompletable();
        var photos = (input.AfterPhotoIds ?? []).Concat(input.BeforePhotoIds ?? []).Distinct().ToArray();
        var v = new Validator();
        if (
            await db.Set<Wuye.Platform.Files.StoredFile>().CountAsync(f => photos.Contains(f.Id) && f.ProjectId == wo.ProjectId, ct)
            != photos.Length
        )
            v.Add("afterPhotoIds", "照片不存在或不属于该项目，请重新上传", "A photo was not found for this project; upload it again");
        var itemIds = (input.Charges ?? []).Select(c => c.PriceItemId).Distinct().ToList();
        var items = await db.Set<PriceItem>()
            .AsNoTracking()
            .Where(p => itemIds.Contains(p.Id) && p.CompanyId == wo.CompanyId && (p.ProjectId == null || p.ProjectId == wo.ProjectId))
            .ToDictionaryAsync(p => p.Id, ct);
        if (items.Count != itemIds.Count)
            v.Add("charges", "收费项目不在价目表中", "A charge is not on the price list");
        v.ThrowIfAny();

        var now = steps.Now;
        var actor = await steps.ActorAsync(ct);
        foreach (var c in input.Charges ?? [])
            db.Add(wo.Charge(items[c.PriceItemId], c.Quantity));
        wo.Complete(
            r,
            input.WorkDone!.Trim(),
            input.OwnerConfirmedBy!.Trim(),
            string.IsNullOrWhiteSpace(input.AnythingElse) ? null : input.AnythingElse.Trim(),
            [.. input.BeforePhotoIds ?? []],
            [.. input.AfterPhotoIds ?? []],
            now
        );
        var calendar = await clocks.WorkingTimeAsync(wo.CompanyId, wo.ProjectId, ct);
        db.Add(ReturnVisit.After(wo, calendar.AddMinutes(now, calendar.WorkdayMinutes)));
        steps.Log(r, wo, EventKind.Completed, actor, () =>
            WorkOrderText.ClockNote(wo.CompletionDueAt, now)
            + Loc.T($"；业主确认：{wo.OwnerConfirmedBy}", $"; confirmed by {wo.OwnerConfirmedBy}")
            + (wo.ChargeTotal > 0 ? Loc.T($"；收费 ¥{wo.ChargeTotal:0.00}", $"; charged ¥{wo.ChargeTotal:0.00}") : "")
            + (wo.AnythingElse is { } more ? Loc.T($"；其他需求：{more}", $"; anything else: {more}") : "")
        );
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, wo.CompanyId, wo.ProjectId, ct);
        await notifier.NotifyAsync(desk, wo.CompanyId, $"待回访 {r.Number}", wo.WorkDone!, "/work-orders/return-visits", null, ct);
        await steps.SaveRacingAsync(ct);
    }
}
