using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.SaveComplaintSettings;

internal sealed record SettingsInput(int? ReplyDays, TimeOnly? ReviewTime, int? ProjectManagerAfterHours, int? CompanyAfterHours)
    : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("replyDays", ReplyDays, "答复时限（工作日）", "Reply working days")
            .Required("reviewTime", ReviewTime, "盘点时间", "Review time")
            .Required("projectManagerAfterHours", ProjectManagerAfterHours, "升级到项目经理（小时）", "Hours to project manager")
            .Required("companyAfterHours", CompanyAfterHours, "升级到公司（小时）", "Hours to company")
            .Range("replyDays", ReplyDays, 1, 7, "答复时限（工作日）", "Reply working days")
            .Range("projectManagerAfterHours", ProjectManagerAfterHours, 0, 720, "升级到项目经理（小时）", "Hours to project manager")
            .Range("companyAfterHours", CompanyAfterHours, 1, 2160, "升级到公司（小时）", "Hours to company");
        if (CompanyAfterHours <= ProjectManagerAfterHours)
            v.Add("companyAfterHours", "升级到公司应晚于升级到项目经理", "Company escalation must come after the project manager's");
    }
}

/// <summary>PUT /complaint-settings/{projectId} (and the settings page): a project manager sets the project's complaint rules.</summary>
internal sealed class SaveComplaintSettingsHandler(WuyeDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/complaint-settings")
            .WithTags("Complaints")
            .MapPut(
                "/{projectId:guid}",
                async Task<Results<Ok<SettingsDto>, NotFound>> (
                    SaveComplaintSettingsHandler handler,
                    Guid projectId,
                    SettingsInput body,
                    CancellationToken ct
                ) => await handler.HandleAsync(projectId, body, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()
            )
            .RequireRoles(ComplaintRoles.Managers)
            .WithSummary(
                "Set a project's complaint rules: replyDays in working days on the project's business calendar (applies to new "
                    + "complaints and the next review)"
            );

    /// <summary>Saves a project's complaint rules; null when the project is not the caller's.</summary>
    public async Task<SettingsDto?> HandleAsync(Guid projectId, SettingsInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().Where(p => p.Id == projectId).Select(p => new { p.Id, p.CompanyId }).FirstOrDefaultAsync(ct);
        if (project is null || !db.Scope.WorksAt(project.CompanyId, project.Id))
            return null;
        var s = await db.Set<ComplaintSettings>().FirstOrDefaultAsync(x => x.ProjectId == projectId, ct);
        if (s is null)
            db.Add(s = ComplaintSettings.Defaults(project.CompanyId, project.Id));
        s.ReplyDays = body.ReplyDays!.Value;
        s.ReviewTime = body.ReviewTime!.Value;
        s.ProjectManagerAfterHours = body.ProjectManagerAfterHours!.Value;
        s.CompanyAfterHours = body.CompanyAfterHours!.Value;
        await db.SaveChangesAsync(ct);
        return SettingsDto.Of(s, false);
    }
}
