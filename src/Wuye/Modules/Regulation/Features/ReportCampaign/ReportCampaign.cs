using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ReportCampaign;

internal sealed record ReportCampaignInput(string? Summary) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("summary", Summary, "总结", "Summary").MaxLength("summary", Summary, 4000, "总结", "Summary");
}

/// <summary>The regulator reports the campaign's results (总结通报) once the inspection phase has begun; every company is told.</summary>
internal sealed class ReportCampaignHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task ReportAsync(Guid id, ReportCampaignInput body, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("campaign");
        campaign.Report(body.Summary!, ChinaTime.Today(clock), clock.GetUtcNow());
        foreach (var company in await RegulatorTables.CompaniesAsync(db, campaign.RegulatorId, ct))
            await notifier.NotifyAsync(
                await notifier.UsersWithRoleAsync(Roles.CompanyManager, company.Id, null, ct),
                company.Id,
                Loc.T($"专项行动总结通报：{campaign.Title}", $"Campaign results reported: {campaign.Title}"),
                campaign.Summary!,
                $"/regulation/campaigns?id={campaign.Id}",
                $"campaign-report:{campaign.Id:N}:{company.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/campaigns/{id:guid}/report",
                async (ReportCampaignHandler handler, CampaignReads reads, Guid id, ReportCampaignInput body, CancellationToken ct) =>
                {
                    await handler.ReportAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Report the campaign's results (总结通报), once, from the inspection phase on");
    }
}
