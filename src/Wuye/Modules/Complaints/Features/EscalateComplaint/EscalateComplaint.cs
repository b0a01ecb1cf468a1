using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.EscalateComplaint;

internal sealed record NoteInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("reason", Reason, 200, "原因", "Reason");
}

/// <summary>POST /complaints/{id}/escalate: one level up, project manager then company management.</summary>
internal sealed class EscalateComplaintHandler(WuyeDb db, ComplaintSteps steps, ComplaintEscalator escalator)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<NoteInput, EscalateComplaintHandler>(
            api,
            "escalate",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Escalate one level: project manager, then company management"
        );

    public async Task HandleAsync(Guid id, NoteInput input, CancellationToken ct)
    {
        var c = await steps.LoadAsync(id, ct);
        var actor = await steps.ActorAsync(ct);
        var level = c.NextEscalationLevel();
        await escalator.RaiseAsync(
            c,
            level,
            actor.Name,
            input.Reason?.Trim() is { Length: > 0 } r ? r : Loc.T("手动升级", "escalated by hand"),
            ct
        );
        await db.SaveChangesAsync(ct);
    }
}
