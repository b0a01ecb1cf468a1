using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.DispatchWorkOrder;

internal static class DispatchWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/dispatch",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    DispatchWorkOrderHandler handler,
                    Guid id,
                    DispatchInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, body, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(WorkOrderRoles.Dispatchers)
            .WithSummary("Dispatch to a technician, or to all of the project's technicians");
}

internal sealed record DispatchInput(Guid? TechnicianId, string? Note, bool? Auto = null) : IValidatable
{
    // No technician = offered to every technician of the project (抢单): the first to accept takes it.
    // Auto = the system picks by skill, zone and current load.
    public void Validate(Validator v)
    {
        v.MaxLength("note", Note, 500, "备注", "Note");
        if (Auto == true && TechnicianId is not null)
            v.Add("technicianId", "自动派单时不要指定维修工", "Leave the technician out when dispatching automatically");
    }
}

/// <summary>派单: to one technician, to all of the project's technicians, or to the one the system picks.</summary>
internal sealed class DispatchWorkOrderHandler(WuyeDb db, JobSteps steps, Notifier notifier, TimeProvider clock)
{
    public async Task HandleAsync(Guid id, DispatchInput input, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadAsync(id, ct);
        wo.CheckDispatchable(r);
        var actor = await steps.ActorAsync(ct);
        string? techName = null;
        if (input.Auto == true)
        {
            input = input with
            {
                TechnicianId = await PickTechnicianAsync(wo, ct)
                    ?? throw new RuleException(
                        "work_order.no_technician",
                        "本项目没有可派的维修工",
                        "This project has no technician to dispatch to"
                    ),
            };
        }
        if (input.TechnicianId is { } tech)
            techName = await steps.TechnicianNameAsync(wo, tech, "technicianId", ct);
        wo.Dispatch(r, input.TechnicianId, techName, steps.Now);
        steps.Log(r, wo, EventKind.Dispatched, actor, () =>
            (
                techName is null
                    ? Loc.T("派给项目全体维修工（抢单）", "offered to all technicians of the project")
                    : Loc.T($"派给 {techName}", $"to {techName}")
            ) + (string.IsNullOrWhiteSpace(input.Note) ? "" : "；" + input.Note.Trim())
        );
        var to = input.TechnicianId is { } t ? [t] : await EligibleAsync(wo, ct);
        await notifier.NotifyAsync(to, wo.CompanyId, $"新工单 {r.Number}", r.Description, "/work-orders/my", null, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Automatic dispatch: among the project's technicians, those with the job's skill (everyone,
    /// if nobody has it recorded), preferring one whose skill is for the job's zone, then the one
    /// with the fewest open jobs.
    /// </summary>
    public async Task<Guid?> PickTechnicianAsync(WorkOrder wo, CancellationToken ct)
    {
        var techs = await EligibleAsync(wo, ct);
        if (techs.Count == 0)
            return null;
        // Skills and load are read across the whole project even when a zone steward dispatches:
        // a technician busy in another zone is still busy. Standalone queries, keyed by these technicians.
        var skills = await db.Set<TechnicianSkill>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(s => s.ProjectId == wo.ProjectId && s.Category == wo.Category && techs.Contains(s.UserId))
            .ToListAsync(ct);
        var open = WorkOrder.OpenStatuses;
        var load = await db.Set<WorkOrder>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(w => w.AssigneeUserId != null && techs.Contains(w.AssigneeUserId.Value) && open.Contains(w.Status))
            .GroupBy(w => w.AssigneeUserId!.Value)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var pool = skills.Count > 0 ? skills.Select(s => s.UserId).Distinct().ToList() : techs;
        return pool.OrderByDescending(t => skills.Any(s => s.UserId == t && s.ZoneId != null && s.ZoneId == wo.ZoneId))
            .ThenBy(t => load.GetValueOrDefault(t))
            .ThenBy(t => t)
            .First();
    }

    /// <summary>The project's technicians who may take the job: a lapsed certificate bars it (<see cref="CertifiedWork"/>).</summary>
    private async Task<List<Guid>> EligibleAsync(WorkOrder wo, CancellationToken ct)
    {
        var techs = await notifier.UsersWithRoleAsync(Roles.Technician, wo.CompanyId, wo.ProjectId, ct);
        var barred = await CertifiedWork.BarredAsync(db, clock, wo.Category, wo.CompanyId, techs, ct);
        return [.. techs.Where(t => !barred.Contains(t))];
    }
}
