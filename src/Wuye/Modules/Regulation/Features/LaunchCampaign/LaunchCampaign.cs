using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.LaunchCampaign;

internal sealed record LaunchCampaignInput(
    string? Title,
    string? Description,
    DateOnly? StartsOn,
    DateOnly? SelfCheckDue,
    DateOnly? RectifyDue,
    DateOnly? EndsOn
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("title", Title, "名称", "Title")
            .MaxLength("title", Title, 200, "名称", "Title")
            .MaxLength("description", Description, 2000, "部署要求", "Description")
            .Required("selfCheckDue", SelfCheckDue, "自查截止", "Self-check due")
            .Required("rectifyDue", RectifyDue, "整改截止", "Rectification due")
            .Required("endsOn", EndsOn, "检查总结截止", "End");
}

/// <summary>
/// The regulator launches a campaign (动员部署) over every company it oversees; each company's managers are told the phases and
/// see the self-check on their home page until they submit it.
/// </summary>
internal sealed class LaunchCampaignHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<Campaign> LaunchAsync(Guid regulatorId, LaunchCampaignInput body, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var campaign = Campaign.Launch(
            regulatorId,
            body.Title!,
            body.Description,
            body.StartsOn ?? today,
            body.SelfCheckDue!.Value,
            body.RectifyDue!.Value,
            body.EndsOn!.Value,
            today,
            db.Scope.UserName ?? ""
        );
        db.Add(campaign);
        foreach (var company in await RegulatorTables.CompaniesAsync(db, regulatorId, ct))
            await notifier.NotifyAsync(
                await notifier.UsersWithRoleAsync(Roles.CompanyManager, company.Id, null, ct),
                company.Id,
                Loc.T($"专项行动：{campaign.Title}", $"Campaign: {campaign.Title}"),
                Loc.T(
                    $"请于 {campaign.SelfCheckDue:yyyy-MM-dd} 前提交企业自查报告，{campaign.RectifyDue:yyyy-MM-dd} 前完成整改，之后主管部门检查验收",
                    $"Submit your self-check by {campaign.SelfCheckDue:yyyy-MM-dd} and rectify by {campaign.RectifyDue:yyyy-MM-dd}; "
                        + "the regulator inspects after that"
                ),
                "/regulation/campaigns",
                $"campaign:{campaign.Id:N}:{company.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/campaigns",
                async Task<Created<CampaignDto>> (
                    WuyeDb db,
                    LaunchCampaignHandler handler,
                    CampaignReads reads,
                    LaunchCampaignInput body,
                    Guid? regulatorId,
                    CancellationToken ct
                ) =>
                {
                    var campaign = await handler.LaunchAsync(RegulatorTables.RegulatorOf(db, regulatorId), body, ct);
                    return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", await reads.OneAsync(campaign.Id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Launch a campaign (专项行动) with its phases: self-check, rectification, inspection and summary");
    }
}
