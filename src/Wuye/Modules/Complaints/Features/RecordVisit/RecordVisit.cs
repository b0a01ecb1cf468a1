using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.RecordVisit;

internal sealed record ComplaintVisitInput(bool? Satisfied, string? Comment) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("satisfied", Satisfied, "是否满意", "Satisfied").MaxLength("comment", Comment, 500, "意见", "Comment");
}

/// <summary>POST /complaints/{id}/visit: the return visit after closing, satisfied or not.</summary>
internal sealed class RecordVisitHandler(WuyeDb db, ComplaintSteps steps)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<ComplaintVisitInput, RecordVisitHandler>(
            api,
            "visit",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Record the return visit: satisfied or not"
        );

    public async Task HandleAsync(Guid id, ComplaintVisitInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        c.RecordVisit(input.Satisfied!.Value, input.Comment, steps.Now);
        steps.Log(
            c,
            ComplaintEventKind.Visited,
            actor,
            (c.Satisfied == true ? Loc.T("满意", "satisfied") : Loc.T("不满意", "not satisfied"))
                + (c.VisitComment is { Length: > 0 } m ? "；" + m : "")
        );
        await db.SaveChangesAsync(ct);
    }
}
