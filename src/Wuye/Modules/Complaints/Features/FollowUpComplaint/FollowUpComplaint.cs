using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.FollowUpComplaint;

internal sealed record FollowUpInput(string? RootCause, string? NextStep) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("rootCause", RootCause, 500, "根源", "Root cause").MaxLength("nextStep", NextStep, 500, "下一步", "Next step");
        if (string.IsNullOrWhiteSpace(RootCause) && string.IsNullOrWhiteSpace(NextStep))
            v.Add("rootCause", "请填写根源或下一步", "Give the root cause or the next step");
    }
}

/// <summary>POST /complaints/{id}/follow-up: the root cause and the next step (the daily review reads them).</summary>
internal sealed class FollowUpComplaintHandler(WuyeDb db, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<FollowUpInput, FollowUpComplaintHandler>(
            api,
            "follow-up",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Record the root cause and the next step (the daily review reads them)"
        );

    public async Task HandleAsync(Guid id, FollowUpInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        c.FollowUp(input.RootCause, input.NextStep);
        steps.Log(
            c,
            ComplaintEventKind.FollowedUp,
            actor,
            string.Join(
                "；",
                new[]
                {
                    string.IsNullOrWhiteSpace(input.RootCause) ? null : Loc.T("根源：", "root cause: ") + c.RootCause,
                    string.IsNullOrWhiteSpace(input.NextStep) ? null : Loc.T("下一步：", "next step: ") + c.NextStep,
                }.Where(x => x is not null)
            )
        );
        await db.SaveChangesAsync(ct);
    }
}
