using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Jobs;

/// <summary>
/// Reminds the managers of each company that has not submitted a campaign's self-check, <see
/// cref="RegulationOptions.SelfCheckReminderDays"/> days before it is due (in-app, SMS, e-mail by their preferences); their home
/// line for it turns urgent in the same window. Once per campaign and company (<see cref="Campaign.SelfCheckReminded"/>).
/// </summary>
internal sealed class SelfCheckReminderJob(IServiceScopeFactory scopes, ILogger<SelfCheckReminderJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var notifier = services.GetRequiredService<Notifier>();
        var days = services.GetRequiredService<IOptions<RegulationOptions>>().Value.SelfCheckReminderDays;
        var today = ChinaTime.Today(clock);
        var horizon = today.AddDays(days);
        var campaigns = await db.Set<Campaign>()
            .Where(c => c.ReportedAt == null && c.StartsOn <= today && c.SelfCheckDue >= today && c.SelfCheckDue <= horizon)
            .OrderBy(c => c.SelfCheckDue)
            .ThenBy(c => c.Id)
            .Take(200)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var campaign in campaigns)
        {
            var submitted = await db.Set<CampaignSelfCheck>()
                .Where(s => s.CampaignId == campaign.Id)
                .Select(s => s.CompanyId)
                .ToListAsync(ct);
            foreach (var company in await RegulatorTables.CompaniesAsync(db, campaign.RegulatorId, ct))
            {
                if (submitted.Contains(company.Id) || !campaign.Remind(company.Id, today, days))
                    continue;
                sent++;
                var left = campaign.SelfCheckDue.DayNumber - today.DayNumber;
                await notifier.NotifyAsync(
                    await notifier.UsersWithRoleAsync(Roles.CompanyManager, company.Id, null, ct),
                    company.Id,
                    Loc.T("专项行动自查报告即将截止", "A campaign self-check is due soon"),
                    Loc.T(
                        $"{campaign.Title}：企业自查报告须于 {campaign.SelfCheckDue:yyyy-MM-dd} 前提交（还有 {left} 天），贵企业尚未提交",
                        $"{campaign.Title}: the self-check is due on {campaign.SelfCheckDue:yyyy-MM-dd} ({left} days); "
                            + "your company has not submitted it"
                    ),
                    "/regulation/campaigns",
                    $"campaign-self-check:{campaign.Id:N}:{company.Id:N}",
                    ct
                );
            }
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
