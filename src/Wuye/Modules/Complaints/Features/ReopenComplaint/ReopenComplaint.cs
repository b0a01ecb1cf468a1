using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ReopenComplaint;

internal sealed record ReopenInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("reason", Reason, "重新处理原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

/// <summary>POST /complaints/{id}/reopen: a closed complaint whose complainant is not satisfied is opened again with a new
/// promise.</summary>
internal sealed class ReopenComplaintHandler(WuyeDb db, Notifier notifier, ComplaintSteps steps, ComplaintPromises promises)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<ReopenInput, ReopenComplaintHandler>(
            api,
            "reopen",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Reopen a closed complaint whose complainant is not satisfied"
        );

    public async Task HandleAsync(Guid id, ReopenInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        c.CheckReopenable();
        var settings = await promises.SettingsAsync(c.CompanyId, c.ProjectId, ct);
        c.Reopen(await promises.PromiseAsync(c.CompanyId, c.ProjectId, steps.Now, settings.ReplyDays, ct));
        var reason = input.Reason!.Trim();
        steps.Log(
            c,
            ComplaintEventKind.Reopened,
            actor,
            Loc.T($"{reason}；新的答复时间 {ChinaTime.Text(c.ReplyDueAt)}", $"{reason}; new reply time {ChinaTime.Text(c.ReplyDueAt)}")
        );
        await notifier.NotifyAsync([c.OwnerStaffId], c.CompanyId, $"投诉 {c.Number} 重新处理", reason, $"/complaints/{c.Id}", null, ct);
        await db.SaveChangesAsync(ct);
    }
}
