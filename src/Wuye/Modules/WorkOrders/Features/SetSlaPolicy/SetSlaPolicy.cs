using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.SetSlaPolicy;

internal static class SetSlaPolicyEndpoint
{
    public static void Map(RouteGroupBuilder policies) =>
        policies
            .MapPut("/", async (SetSlaPolicyHandler handler, SlaPolicyInput body, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(body, ct))
            )
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager)
            .WithSummary("Set the limits for one project × category × urgency (applies to new requests)");
}

internal sealed record SlaPolicyInput(
    Guid? ProjectId,
    RequestCategory? Category,
    Urgency? Urgency,
    int? ResponseMinutes,
    int? ArrivalMinutes,
    int? CompletionMinutes,
    bool? AroundTheClock
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("urgency", Urgency, "紧急程度", "Urgency")
            .Required("responseMinutes", ResponseMinutes, "响应时限", "Response limit")
            .Required("arrivalMinutes", ArrivalMinutes, "到场时限", "Arrival limit")
            .Required("completionMinutes", CompletionMinutes, "完成时限", "Completion limit")
            .Range("responseMinutes", ResponseMinutes, 1, 100000, "响应时限（分钟）", "Response limit (minutes)")
            .Range("arrivalMinutes", ArrivalMinutes, 1, 100000, "到场时限（分钟）", "Arrival limit (minutes)")
            .Range("completionMinutes", CompletionMinutes, 1, 1000000, "完成时限（分钟）", "Completion limit (minutes)");
        if (ArrivalMinutes < ResponseMinutes)
            v.Add("arrivalMinutes", "到场时限不能短于响应时限", "Arrival cannot be due before response");
        if (CompletionMinutes < ArrivalMinutes)
            v.Add("completionMinutes", "完成时限不能短于到场时限", "Completion cannot be due before arrival");
    }
}

/// <summary>
/// One row of the 维护时限表 (project × category × urgency). Applies to clocks started afterwards;
/// a limit that could never fall due on the project's calendar is refused.
/// </summary>
internal sealed class SetSlaPolicyHandler(WuyeDb db, ProjectClocks clocks, TimeProvider clock)
{
    public async Task<SlaPolicyDto> HandleAsync(SlaPolicyInput body, CancellationToken ct)
    {
        Validator.Check(body);
        var project = await ProjectKey.FindAsync(db, body.ProjectId!.Value, ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var aroundTheClock = body.AroundTheClock ?? body.Urgency == Urgency.Urgent;
        if (
            !aroundTheClock
            && new WorkingTime(await clocks.CalendarAsync(project.CompanyId, project.Id, ct)).TryAddMinutes(
                clock.GetUtcNow(),
                body.CompletionMinutes!.Value
            )
                is null
        )
            throw ValidationException.For(
                "completionMinutes",
                "按本项目的工作日历，该完成时限十年内都不会到期，请缩短时限或改为全天候计时",
                "On this project's business calendar this completion limit would not fall due within ten years; shorten it or make it "
                    + "around the clock"
            );
        var row = await db.Set<SlaPolicy>()
            .FirstOrDefaultAsync(x => x.ProjectId == project.Id && x.Category == body.Category && x.Urgency == body.Urgency, ct);
        if (row is null)
            db.Add(
                row = new SlaPolicy
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Category = body.Category,
                    Urgency = body.Urgency!.Value,
                }
            );
        row.ResponseMinutes = body.ResponseMinutes!.Value;
        row.ArrivalMinutes = body.ArrivalMinutes!.Value;
        row.CompletionMinutes = body.CompletionMinutes!.Value;
        row.AroundTheClock = aroundTheClock;
        await db.SaveChangesAsync(ct);
        return SlaPolicyDto.Of(row);
    }
}
