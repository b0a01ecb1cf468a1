using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>Median and p90 hours to close, computed in PostgreSQL from a minute histogram, on known data.</summary>
public sealed class MetricsPercentileTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartAsync(cluster);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Median_and_p90_interpolate_between_closest_ranks_like_percentile_cont()
    {
        // A new project of the other company, given five closed requests
        // of 1, 2, 3, 4 and 10 hours, and one still open.
        var (company, project) = await _app.DbAsync(async db =>
        {
            var companyId = await db.Companies().Where(c => c.Name.StartsWith("恒安")).Select(c => c.Id).FirstAsync();
            var p = new Wuye.Modules.MasterData.Domain.Project
            {
                CompanyId = companyId,
                Name = "百分位测试项目",
                Kind = Wuye.Modules.MasterData.Contracts.ProjectKind.Residential,
            };
            db.Projects().Add(p);
            var opened = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
            var n = 0;
            foreach (var hours in new double?[] { 1, 2, 3, 4, 10, null })
                db.Set<ServiceRequest>()
                    .Add(
                        new ServiceRequest
                        {
                            CompanyId = p.CompanyId,
                            ProjectId = p.Id,
                            Number = $"PCT-{++n}",
                            Description = "测试",
                            Category = RequestCategory.Plumbing,
                            Status = hours is null ? RequestStatus.Open : RequestStatus.Closed,
                            OpenedAt = opened,
                            OpenedMonth = 202611,
                            CompletedAt = hours is null ? null : opened.AddHours(hours.Value),
                            ClosedAt = hours is null ? null : opened.AddHours(hours.Value),
                        }
                    );
            await db.SaveChangesAsync();
            return (p.CompanyId, p.Id);
        });

        var client = await _app.As("manager2");
        var result = await client.GetJsonAsync(
            $"/api/v1/work-order-metrics?companyId={company}&groupBy=project&from=2026-11-01&to=2026-12-01"
        );
        var row = result.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == project.ToString());
        Assert.Equal(6, row.GetProperty("created").GetInt32());
        Assert.Equal(5, row.GetProperty("closed").GetInt32());
        Assert.Equal(3.0, row.GetProperty("medianHoursToClose").GetDouble());
        // rank 0.9 × 4 = 3.6 → 4 + 0.6 × (10 − 4) = 7.6
        Assert.Equal(7.6, row.GetProperty("p90HoursToClose").GetDouble());
    }
}
