using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.CloseComplaint;

internal sealed record CloseInput(string? Resolution) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("resolution", Resolution, "处理结果", "Resolution").MaxLength("resolution", Resolution, 1000, "处理结果", "Resolution");
}

/// <summary>POST /complaints/{id}/close: closes with the resolution given to the complainant (the first closure is the reply).</summary>
internal sealed class CloseComplaintHandler(WuyeDb db, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<CloseInput, CloseComplaintHandler>(
            api,
            "close",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Close with the resolution given to the complainant"
        );

    public async Task HandleAsync(Guid id, CloseInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        var late = c.Close(input.Resolution!, steps.Now);
        steps.Log(
            c,
            ComplaintEventKind.Closed,
            actor,
            c.Resolution + (late ? Loc.T("（超过承诺时间）", " (after the promised time)") : "")
        );
        await db.SaveChangesAsync(ct);
    }
}
