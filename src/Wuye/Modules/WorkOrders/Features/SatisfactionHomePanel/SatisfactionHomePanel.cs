using Wuye.Modules.WorkOrders.Features.Metrics;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.SatisfactionHomePanel;

/// <summary>
/// The return-visit satisfaction of the last three months on a manager's home page: the last visit's answer beside the first
/// visit's, so a dissatisfied first visit put right by a rework still shows. The same figures as /work-orders/metrics
/// (the monthly rollup, over the projects the manager sees).
/// </summary>
internal sealed class SatisfactionHomePanel(WorkOrderMetrics metrics, TimeProvider clock) : IHomePanelSource
{
    public const string Partial = "/Modules/WorkOrders/Pages/Home/_SatisfactionPanel.cshtml";

    public async Task<HomePanel?> PanelAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role is not (Roles.CompanyManager or Roles.ProjectManager))
            return null;
        var today = ChinaTime.Today(clock);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var result = await metrics.ComputeAsync(
            new MetricsQuery(from, from.AddMonths(3), MetricsGroup.Month, null, null, null, null, null),
            ct
        );
        return new HomePanel(25, Partial, result);
    }
}
