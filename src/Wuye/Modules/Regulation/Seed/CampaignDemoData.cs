using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Seed;

/// <summary>
/// A campaign in its rectification phase ("物业管理我来治", started 20 days ago, self-check due 6 days ago): the first company
/// submitted its self-check on time, the others have not (their managers' homes show it as late); the regulator inspected the
/// first company's first project unannounced and put one finding into the problem ledger.
/// </summary>
internal static class CampaignDemoData
{
    public static async Task SeedAsync(
        WuyeDb db,
        Guid regulatorId,
        List<Guid> companies,
        Dictionary<Guid, (Guid Id, string Name)> managers,
        DateOnly today,
        CancellationToken ct
    )
    {
        var campaign = new Campaign
        {
            RegulatorId = regulatorId,
            Title = "“物业管理我来治”专项行动",
            Description = "聚焦消防通道、电梯安全、环境卫生、收费公示四类问题，企业全面自查整改，县住建局逐个项目检查验收。",
            StartsOn = today.AddDays(-20),
            SelfCheckDue = today.AddDays(-6),
            RectifyDue = today.AddDays(25),
            EndsOn = today.AddDays(55),
            CreatedByName = "县住建局 刘科长",
        };
        db.Add(campaign);
        if (companies.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var first = companies[0];
        db.Add(
            new CampaignSelfCheck
            {
                CompanyId = first,
                CampaignId = campaign.Id,
                Text = "对所辖 3 个项目逐项自查：消防通道、电梯年检标志、垃圾分类点、收费公示栏",
                IssuesFound = 6,
                IssuesFixed = 4,
                Evidence = "自查台账、整改前后照片",
                SubmittedByName = managers.TryGetValue(first, out var m) ? m.Name : "",
            }
        );
        var project = await db.ProjectRefs()
            .Where(p => p.CompanyId == first && p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => p.Id)
            .FirstOrDefaultAsync(ct);
        if (project != Guid.Empty)
        {
            var finding = ProblemLedgerEntry.Create(
                regulatorId,
                first,
                project,
                ProblemKind.Problem,
                ProblemSource.Inspection,
                "垃圾分类投放点破损、未按时清运",
                $"专项行动“{campaign.Title}”检查发现",
                null,
                today.AddDays(-3),
                today.AddDays(7),
                today.AddDays(-3),
                "县住建局 刘科长"
            );
            db.Add(finding);
            db.Add(
                new CampaignInspection
                {
                    RegulatorId = regulatorId,
                    CompanyId = first,
                    ProjectId = project,
                    CampaignId = campaign.Id,
                    InspectedOn = today.AddDays(-3),
                    Method = InspectionMethod.Unannounced,
                    Note = "明察暗访：消防通道已清理，垃圾分类点需整改",
                    ProblemIds = [finding.Id],
                    InspectorName = "县住建局 刘科长",
                }
            );
        }
        await db.SaveChangesAsync(ct);
    }
}
