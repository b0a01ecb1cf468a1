using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ReassignComplaint;

internal sealed record ReassignInput(Guid? OwnerStaffId, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("ownerStaffId", OwnerStaffId, "新的责任人", "New owner")
            .Required("reason", Reason, "变更原因", "Reason")
            .MaxLength("reason", Reason, 200, "变更原因", "Reason");
}

/// <summary>POST /complaints/{id}/reassign: a project or company manager changes the owner of record, with a reason.</summary>
internal sealed class ReassignComplaintHandler(WuyeDb db, Notifier notifier, RoleHolders roleHolders, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<ReassignInput, ReassignComplaintHandler>(
            api,
            "reassign",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Change the owner of record (project or company managers only, with a reason)"
        );

    public async Task HandleAsync(Guid id, ReassignInput input, CancellationToken ct)
    {
        var c = await steps.LoadAsync(id, ct);
        c.CheckReassignable(db.Scope.IsGlobal, db.Scope.Roles);
        var target = input.OwnerStaffId!.Value;
        var isStaff = await roleHolders
            .AtProject(c.CompanyId, c.ProjectId)
            .AnyAsync(r => r.UserId == target && ComplaintRoles.Staff.Contains(r.Role), ct);
        if (!isStaff)
            throw ValidationException.For("ownerStaffId", "该人员不是本项目的员工", "That person is not staff of this project");
        if (target == c.OwnerStaffId)
            throw ValidationException.For("ownerStaffId", "该人员已是责任人", "That person already owns the complaint");
        var actor = await steps.ActorAsync(ct);
        var reason = input.Reason!.Trim();
        var before = c.Reassign(target, await steps.NameOfAsync(target, ct));
        steps.Log(
            c,
            ComplaintEventKind.Reassigned,
            actor,
            Loc.T($"{before} → {c.OwnerStaffName}；原因：{reason}", $"{before} → {c.OwnerStaffName}; reason: {reason}")
        );
        await notifier.NotifyAsync([target], c.CompanyId, $"投诉 {c.Number} 转由您负责", reason, $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
    }
}
