using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PaidServices;

internal sealed record EditPaidService(decimal? Price, string? Description) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("price", Price, "价格", "Price")
            .Range("price", Price, 0, 100000, "价格", "Price")
            .MaxLength("description", Description, 300, "说明", "Description");
}

/// <summary>Keeping the menu (the desk and managers): a new price or description for an item, or the item retired. Orders already
/// placed keep their price (copied onto the order); a retired item takes no order and stays listed for staff as 已下架.</summary>
internal sealed class KeepPaidMenu(WuyeDb db)
{
    private async Task<PaidService> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<PaidService>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("paid service");

    public async Task EditAsync(Guid id, EditPaidService input, CancellationToken ct)
    {
        Validator.Check(input);
        var item = await FindAsync(id, ct);
        item.Edit(input.Price!.Value, string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim());
        await db.SaveChangesAsync(ct);
    }

    public async Task RetireAsync(Guid id, CancellationToken ct)
    {
        var item = await FindAsync(id, ct);
        item.Retire();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>An owner cancels an order of their home before it is assigned (after: 409 with the reason); the steward or the desk
/// who would have assigned it is told.</summary>
internal sealed class CancelPaidOrder(WuyeDb db, Wuye.Platform.Notifications.Notifier notifier)
{
    public async Task CancelAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Set<PaidOrder>().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("paid service order");
        order.Cancel();
        var steward = await db.ZoneRefs()
            .IgnoreQueryFilters()
            .Where(z => z.Id == order.ZoneId)
            .Select(z => z.StewardUserId)
            .FirstOrDefaultAsync(ct);
        var to = steward is { } s
            ? [s]
            : await notifier.UsersWithRoleAsync(Wuye.Platform.Identity.Roles.CustomerService, order.CompanyId, order.ProjectId, ct);
        await notifier.NotifyAsync(
            to,
            order.CompanyId,
            Loc.T("特约服务订单已取消", "Paid service order cancelled"),
            Loc.T($"业主取消了「{order.ServiceName}」×{order.Quantity}", $"The owner cancelled {order.ServiceName} ×{order.Quantity}"),
            "/care/paid-services",
            $"paid-order:{order.Id:N}:cancelled",
            ct
        );
        await db.SaveChangesAsync(ct);
    }
}
