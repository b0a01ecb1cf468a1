using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PaidServices;

/// <summary>
/// 菜单式特约服务: a project's priced menu (the desk and managers keep it); an owner orders for one of their homes; the steward or
/// the desk assigns a staff member of the project (told through the outbox); the assignee (or the desk) records it done with the
/// payment; the owner rates it once, 1–5.
/// </summary>
internal sealed class PaidServices(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public static readonly string[] Doers = [.. CareRoles.Stewards, Roles.Technician];

    /// <summary>The menu the reader may order from or keep: staff their projects', an owner their homes' projects' (read alone, the
    /// filter lifted, as an owner may not read project-wide rows).</summary>
    public async Task<IQueryable<PaidService>> MenuAsync(Guid? projectId, CancellationToken ct)
    {
        IQueryable<PaidService> q;
        if (CareRoles.IsOwner(db.Scope))
        {
            var projects = await db.OwnUnitRefs().Select(u => u.ProjectId).Distinct().ToListAsync(ct);
            q = db.Set<PaidService>().IgnoreQueryFilters().Where(s => projects.Contains(s.ProjectId) && s.Active);
        }
        else
            q = db.Set<PaidService>();
        if (projectId is { } p)
            q = q.Where(s => s.ProjectId == p);
        return q.AsNoTracking();
    }

    public static IQueryable<PaidServiceDto> MenuDtos(IQueryable<PaidService> q) =>
        q.OrderBy(s => s.ProjectId)
            .ThenBy(s => s.Position)
            .ThenBy(s => s.Id)
            .Select(s => new PaidServiceDto(s.Id, s.ProjectId, s.Name, s.Category, s.Price, s.PriceUnit, s.Description, s.Active));

    public IQueryable<PaidOrder> Orders(PaidOrderStatus? status, bool mine)
    {
        var q = db.Set<PaidOrder>().AsNoTracking();
        if (status is { } s)
            q = q.Where(o => o.Status == s);
        if (mine)
        {
            var me = db.Scope.UserId;
            q = q.Where(o => o.AssigneeUserId == me || o.OrderedByUserId == me);
        }
        return q;
    }

    public IQueryable<PaidOrderDto> OrderDtos(IQueryable<PaidOrder> q)
    {
        var labels = db.UnitLabels();
        return q.OrderBy(o => o.Status)
            .ThenByDescending(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .Select(o => new PaidOrderDto(
                o.Id,
                o.ProjectId,
                o.UnitId,
                labels.Where(l => l.Id == o.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                o.ServiceId,
                o.ServiceName,
                o.Price,
                o.Quantity,
                o.Amount,
                o.Status,
                o.WantedAt,
                o.Note,
                o.AssigneeUserId,
                o.AssigneeName,
                o.DoneAt,
                o.DoneNote,
                o.PaidAmount,
                o.PaidMethod,
                o.Rating,
                o.RatingComment,
                o.CreatedAt
            ));
    }

    public async Task<Guid> AddServiceAsync(NewPaidService input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var position = await db.Set<PaidService>().CountAsync(s => s.ProjectId == project.Id, ct);
        var s = new PaidService
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Name = input.Name!.Trim(),
            Category = input.Category!.Trim(),
            Price = input.Price!.Value,
            PriceUnit = input.PriceUnit!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Position = position + 1,
        };
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return s.Id;
    }

    public async Task<Guid> OrderAsync(NewPaidOrder input, CancellationToken ct)
    {
        Validator.Check(input);
        var unit = await CareHome.FindAsync(db, input.UnitId, ct);
        var service = await (await MenuAsync(unit.ProjectId, ct)).FirstOrDefaultAsync(s => s.Id == input.ServiceId && s.Active, ct)
            ?? throw ValidationException.For("serviceId", "该项目没有此服务", "This project offers no such service");
        var order = new PaidOrder
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            ServiceId = service.Id,
            ServiceName = service.Name,
            Price = service.Price,
            Quantity = input.Quantity!.Value,
            Amount = service.Price * input.Quantity!.Value,
            Status = PaidOrderStatus.Ordered,
            WantedAt = input.WantedAt?.ToUniversalTime(),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            OrderedByUserId = db.Scope.UserId,
        };
        db.Add(order);
        var desk = await db.ZoneRefs()
            .IgnoreQueryFilters()
            .Where(z => z.Id == unit.ZoneId)
            .Select(z => z.StewardUserId)
            .FirstOrDefaultAsync(ct);
        var to = desk is { } d ? [d] : await notifier.UsersWithRoleAsync(Roles.CustomerService, unit.CompanyId, unit.ProjectId, ct);
        await notifier.NotifyAsync(
            to,
            unit.CompanyId,
            Loc.T("新的特约服务订单", "New paid service order"),
            Loc.T(
                $"{unit.Label} 预约「{service.Name}」×{order.Quantity}，请派单",
                $"{unit.Label} ordered {service.Name} ×{order.Quantity}: assign it"
            ),
            "/care/paid-services",
            $"paid-order:{order.Id:N}",
            ct
        );
        await db.SaveChangesAsync(ct);
        return order.Id;
    }

    private async Task<PaidOrder> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<PaidOrder>().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("paid service order");

    public async Task AssignAsync(Guid id, AssignPaidOrder input, CancellationToken ct)
    {
        Validator.Check(input);
        var order = await FindAsync(id, ct);
        if (order.Status is not (PaidOrderStatus.Ordered or PaidOrderStatus.Assigned))
            throw new RuleException("paid_order.closed", "订单已完成或已取消", "The order is done or cancelled");
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s =>
                s.Id == input.StaffId
                && s.ArchivedAt == null
                && s.CompanyId == order.CompanyId
                && (s.ProjectId == null || s.ProjectId == order.ProjectId)
            )
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("staffId", "不是本项目的员工", "Not a staff member of this project");
        order.Status = PaidOrderStatus.Assigned;
        order.AssigneeStaffId = staff.Id;
        order.AssigneeUserId = staff.UserId;
        order.AssigneeName = staff.Name;
        order.AssignedAt = clock.GetUtcNow();
        if (staff.UserId is { } u)
            await notifier.NotifyAsync(
                [u],
                order.CompanyId,
                Loc.T("特约服务派单", "Paid service assigned to you"),
                Loc.T($"「{order.ServiceName}」×{order.Quantity}", $"{order.ServiceName} ×{order.Quantity}"),
                "/care/paid-services",
                $"paid-order:{order.Id:N}:{staff.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
    }

    public async Task CompleteAsync(Guid id, CompletePaidOrder input, CancellationToken ct)
    {
        Validator.Check(input);
        var order = await FindAsync(id, ct);
        if (order.Status != PaidOrderStatus.Assigned)
            throw new RuleException("paid_order.not_assigned", "订单尚未派单或已完成", "The order is not assigned, or already done");
        var s = db.Scope;
        if (!s.IsGlobal && !CareRoles.Stewards.Any(s.Roles.Contains) && order.AssigneeUserId != s.UserId)
            throw new ForbiddenException("只有被派单的人员可以完成此订单", "Only the assignee may complete this order");
        order.Status = PaidOrderStatus.Done;
        order.DoneAt = clock.GetUtcNow();
        order.DoneNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        order.PaidAmount = input.PaidAmount;
        order.PaidMethod = input.PaidMethod;
        if (order.OrderedByUserId is { } owner)
            await notifier.NotifyAsync(
                [owner],
                order.CompanyId,
                Loc.T("特约服务已完成", "Your paid service is done"),
                Loc.T($"「{order.ServiceName}」已完成，请评价", $"{order.ServiceName} is done — please rate it"),
                "/portal/services",
                $"paid-order:{order.Id:N}:done",
                ct
            );
        await db.SaveChangesAsync(ct);
    }

    public async Task RateAsync(Guid id, RatePaidOrder input, CancellationToken ct)
    {
        Validator.Check(input);
        var order = await FindAsync(id, ct);
        if (order.Status != PaidOrderStatus.Done)
            throw new RuleException("paid_order.not_done", "服务完成后才能评价", "Rate the service once it is done");
        if (order.Rating is not null)
            throw new RuleException("paid_order.rated", "已评价过", "Already rated");
        order.Rating = input.Rating;
        order.RatingComment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        order.RatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
