using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.SubmitSelfCheck;

internal sealed record SelfCheckInput(Guid? CompanyId, string? Text, int? IssuesFound, int? IssuesFixed, string? Evidence) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("text", Text, "自查情况", "What was checked")
            .MaxLength("text", Text, 2000, "自查情况", "What was checked")
            .Required("issuesFound", IssuesFound, "发现问题数", "Issues found")
            .Range("issuesFound", IssuesFound, 0, 10000, "发现问题数", "Issues found")
            .Required("issuesFixed", IssuesFixed, "已整改数", "Issues fixed")
            .Range("issuesFixed", IssuesFixed, 0, 10000, "已整改数", "Issues fixed")
            .MaxLength("evidence", Evidence, 2000, "证据", "Evidence");
        if (IssuesFixed > IssuesFound)
            v.Add("issuesFixed", "已整改数不能多于发现问题数", "Issues fixed cannot exceed issues found");
    }
}

/// <summary>A company's managers submit its self-check (企业自查) in a campaign of its regulator, once; the regulator is told.</summary>
internal sealed class SubmitSelfCheckHandler(WuyeDb db, TimeProvider clock, CampaignReads reads, Notifier notifier)
{
    public async Task<Guid> SubmitAsync(Guid campaignId, SelfCheckInput body, CancellationToken ct)
    {
        var campaign = await reads.FindAsync(campaignId, ct);
        var candidates = (
            await db.CompanyRefs()
                .AsNoTracking()
                .Where(c => c.RegulatorId == campaign.RegulatorId && c.ArchivedAt == null)
                .OrderBy(c => c.Name)
                .ThenBy(c => c.Id)
                .Select(c => c.Id)
                .ToListAsync(ct)
        )
            .Where(c => db.Scope.HasRoleAt(RegulationRoles.CompanyAnswerers, c, null, null))
            .ToList();
        if (candidates.Count == 0)
            throw new ForbiddenException(
                "只有受监管企业的管理层可以提交自查",
                "Only the managers of an overseen company may submit a self-check"
            );
        var company =
            body.CompanyId is { } asked ? (candidates.Contains(asked) ? asked : (Guid?)null)
            : candidates.Count == 1 ? candidates[0]
            : null;
        if (company is not { } companyId)
            throw ValidationException.For("companyId", "请选择提交自查的企业", "Choose the company the self-check is for");
        var exists = await db.Set<CampaignSelfCheck>().AnyAsync(s => s.CampaignId == campaignId && s.CompanyId == companyId, ct);
        var late = campaign.CheckSelfCheckAllowed(ChinaTime.Today(clock), exists);
        var check = new CampaignSelfCheck
        {
            CompanyId = companyId,
            CampaignId = campaignId,
            Text = body.Text!.Trim(),
            IssuesFound = body.IssuesFound!.Value,
            IssuesFixed = body.IssuesFixed!.Value,
            Evidence = string.IsNullOrWhiteSpace(body.Evidence) ? null : body.Evidence.Trim(),
            Late = late,
            SubmittedByName = db.Scope.UserName ?? "",
        };
        db.Add(check);
        await notifier.NotifyAsync(
            await RegulatorTables.UsersAsync(db, campaign.RegulatorId, ct),
            null,
            Loc.T($"专项行动自查报告已提交：{campaign.Title}", $"A self-check was submitted: {campaign.Title}"),
            Loc.T(
                $"发现问题 {check.IssuesFound} 个，已整改 {check.IssuesFixed} 个",
                $"{check.IssuesFound} issues found, {check.IssuesFixed} fixed"
            ),
            $"/regulation/campaigns?id={campaignId}",
            null,
            ct
        );
        await db.SaveChangesAsync(ct);
        return check.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/campaigns/{id:guid}/self-checks",
                async (SubmitSelfCheckHandler handler, CampaignReads reads, Guid id, SelfCheckInput body, CancellationToken ct) =>
                {
                    await handler.SubmitAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.CompanyAnswerers)
            .WithSummary("The company submits its self-check in a campaign, once");
    }
}
