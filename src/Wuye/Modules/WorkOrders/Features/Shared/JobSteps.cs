using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Shared;

/// <summary>Who acts: the signed-in user with their display name, or the system.</summary>
internal sealed record Actor(Guid? Id, string Name);

/// <summary>
/// What every step of the loop 报事 → 派单 → 维修 → 回访 → 归档 does around the entity's own rule:
/// load the job and its request, name the actor, write the timeline, save once (a concurrent change
/// becomes a clear 409). A refused step therefore leaves nothing half-written.
/// </summary>
internal sealed class JobSteps(WuyeDb db, TimeProvider clock, Notifier notifier, UserNames userNames)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<(WorkOrder, ServiceRequest)> LoadAsync(Guid id, CancellationToken ct)
    {
        var wo = await db.Set<WorkOrder>().FirstOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("work order");
        var r = await db.Set<ServiceRequest>().FirstAsync(x => x.Id == wo.ServiceRequestId, ct);
        return (wo, r);
    }

    /// <summary>A job the caller works on: only its assignee (or a platform admin) acts on site.</summary>
    public async Task<(WorkOrder, ServiceRequest)> LoadMineAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await LoadAsync(id, ct);
        wo.CheckWorkedBy(db.Scope.IsGlobal, db.Scope.UserId);
        return (wo, r);
    }

    /// <summary>The technician's name, when they are a technician of the job's project who may take it (a lapsed certificate
    /// bars certified work, <see cref="CertifiedWork"/>); otherwise a 400 on <paramref
    /// name="field"/>.</summary>
    public async Task<string> TechnicianNameAsync(WorkOrder wo, Guid userId, string field, CancellationToken ct)
    {
        var techs = await notifier.UsersWithRoleAsync(Roles.Technician, wo.CompanyId, wo.ProjectId, ct);
        if (!techs.Contains(userId))
            throw ValidationException.For(field, "该人员不是本项目的维修工", "That person is not a technician of this project");
        await CertifiedWork.CheckAsync(db, clock, wo, userId, field, ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.UserName).FirstAsync(ct) ?? "";
    }

    /// <summary>Saves; a concurrent change to the same job (two technicians accepting at once) becomes a clear 409.</summary>
    public async Task SaveRacingAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleException(
                "work_order.changed_meanwhile",
                "工单刚被他人处理（如已被接单），请刷新后重试",
                "Someone else acted on this job just now (e.g. accepted it); reload and try again"
            );
        }
    }

    public async Task<Actor> ActorAsync(CancellationToken ct)
    {
        var id = db.Scope.UserId;
        if (id is null)
            return new Actor(null, Loc.T("系统", "System"));
        var name = await userNames.NameAsync(id.Value, ct);
        return new Actor(id, name ?? db.Scope.UserName ?? "");
    }

    /// <summary>
    /// Adds a timeline line. The note is written in both languages (the lambda runs once under
    /// each), so a reader sees it in theirs whoever wrote it.
    /// </summary>
    public void Log(ServiceRequest r, WorkOrder? wo, EventKind kind, Actor actor, Func<string?> note)
    {
        static string? Cut(string? s) => s is { Length: > 500 } ? s[..500] : s;
        var (zh, en) = Loc.Both(note);
        db.Add(
            new WorkOrderEvent
            {
                CompanyId = r.CompanyId,
                ProjectId = r.ProjectId,
                ZoneId = r.ZoneId,
                UnitId = r.UnitId,
                ServiceRequestId = r.Id,
                WorkOrderId = wo?.Id,
                At = Now,
                ActorUserId = actor.Id,
                ActorName = actor.Name,
                Kind = kind,
                Note = Cut(zh),
                NoteEn = zh == en ? null : Cut(en),
            }
        );
    }
}
