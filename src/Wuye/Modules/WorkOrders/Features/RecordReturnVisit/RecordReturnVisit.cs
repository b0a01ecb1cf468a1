using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.RecordReturnVisit;

internal static class RecordReturnVisitEndpoint
{
    public static void Map(RouteGroupBuilder visits) =>
        visits
            .MapPost("/{id:guid}/result", async (RecordReturnVisitHandler handler, Guid id, VisitInput body, CancellationToken ct) =>
            {
                var v = await handler.HandleAsync(id, body, ct);
                return TypedResults.Ok(
                    new
                    {
                        v.Id,
                        v.Satisfied,
                        v.Score,
                        v.ReworkWorkOrderId,
                    }
                );
            })
            .RequireRoles(WorkOrderRoles.Dispatchers)
            .WithSummary("Record the result; not satisfied opens a rework linked to the original job");
}

internal sealed record VisitInput(bool? Satisfied, int? Score, string? Comment) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("satisfied", Satisfied, "是否满意", "Satisfied").MaxLength("comment", Comment, 500, "意见", "Comment");
        if (Score is < 1 or > 5)
            v.Add("score", "评分应在 1 到 5 之间", "Score must be 1 to 5");
    }
}

/// <summary>回访: records a return visit (customer service) or the owner's own rating; satisfied archives, dissatisfied opens a
/// rework.</summary>
internal sealed class RecordReturnVisitHandler(WuyeDb db, JobSteps steps, ProjectClocks clocks, Notifier notifier)
{
    public async Task<ReturnVisit> HandleAsync(Guid visitId, VisitInput input, CancellationToken ct)
    {
        var visit = await db.Set<ReturnVisit>().FirstOrDefaultAsync(x => x.Id == visitId, ct)
            ?? throw new NotFoundException("return visit");
        visit.CheckPending();
        var (wo, r) = await steps.LoadAsync(visit.WorkOrderId, ct);
        var now = steps.Now;
        var actor = await steps.ActorAsync(ct);
        var satisfied = input.Satisfied == true;
        visit.Record(actor.Id, actor.Name, satisfied, input.Score, input.Comment?.Trim(), now);
        r.RecordVisit(satisfied, input.Score, now);
        wo.Close(now);
        steps.Log(r, wo, EventKind.Visited, actor, () =>
            (satisfied ? Loc.T("满意", "satisfied") : Loc.T("不满意", "not satisfied"))
            + (input.Score is { } s ? $" {s}/5" : "")
            + (string.IsNullOrWhiteSpace(visit.Comment) ? "" : "：" + visit.Comment)
        );
        if (satisfied)
            steps.Log(r, null, EventKind.Closed, actor, () => Loc.T("回访满意，归档", "visited and satisfied; archived"));
        else
        {
            var rework = await clocks.OpenWorkOrderAsync(r, wo, now, ct);
            visit.ReworkWorkOrderId = rework.Id;
            steps.Log(r, rework, EventKind.ReworkOpened, actor, () =>
                Loc.T($"返修，关联原工单；派回 {wo.AssigneeName}", $"rework of the first job, back to {wo.AssigneeName}")
            );
            var to = new List<Guid>(await notifier.UsersWithRoleAsync(Roles.ProjectManager, wo.CompanyId, wo.ProjectId, ct));
            if (wo.AssigneeUserId is { } t)
                to.Add(t);
            await notifier.NotifyAsync(
                to,
                wo.CompanyId,
                $"返修 {r.Number}",
                visit.Comment ?? r.Description,
                $"/service-requests/{r.Id}",
                null,
                ct
            );
        }
        await steps.SaveRacingAsync(ct);
        return visit;
    }
}
