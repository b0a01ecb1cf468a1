using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>Issue 21.19: the first return visit's result is kept beside the final one, and summed per month like the others.</summary>
[Collection(nameof(WorkOrdersApiCollection))]
public sealed class FirstVisitSatisfactionTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    /// <summary>Dispatches, accepts, arrives and completes the job as the demo technician.</summary>
    private async Task FinishAsync(Guid workOrder, Guid project)
    {
        var desk = await _app.As("service");
        var tech = await _app.As("tech");
        await desk.PostJsonAsync($"/api/v1/work-orders/{workOrder}/dispatch", new { technicianId = await UserIdAsync(_app, "tech") })
            .OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{workOrder}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{workOrder}/arrive", null).OkAsync();
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{workOrder}/complete",
                new
                {
                    workDone = "更换角阀",
                    afterPhotoIds = new[] { await UploadPhotoAsync(tech, project) },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();
    }

    private async Task<System.Text.Json.JsonElement> VisitAsync(Guid request, bool satisfied)
    {
        var visit = await _app.DbAsync(db =>
            db.Set<ReturnVisit>()
                .Where(v => v.ServiceRequestId == request && v.Status == ReturnVisitStatus.Pending)
                .Select(v => v.Id)
                .SingleAsync()
        );
        return await (await _app.As("service"))
            .PostJsonAsync($"/api/v1/return-visits/{visit}/result", new { satisfied, score = satisfied ? 5 : 2 })
            .OkAsync();
    }

    [Fact]
    public void A_later_visit_never_overwrites_the_first_visits_result()
    {
        var r = new ServiceRequest { Number = "T-1", Description = "漏水" };
        var now = DateTimeOffset.UtcNow;
        r.RecordVisit(false, 2, now);
        r.RecordVisit(true, 5, now.AddDays(2));
        Assert.Equal((false, true, 1), (r.FirstSatisfied, r.Satisfied, r.ReworkCount));
    }

    [Fact]
    public async Task A_dissatisfied_first_visit_stays_on_record_after_rework_and_the_month_counts_it_beside_the_final_satisfaction()
    {
        var desk = await _app.As("service");
        var unit = await OwnUnitAsync(await _app.As("owner"));
        var project = await ProjectOfAsync(_app, unit);
        var id = (
            await desk.PostJsonAsync(
                    "/api/v1/service-requests",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description = "洗手盆角阀漏水",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var first = (await desk.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0].GetProperty("id").GetGuid();
        await FinishAsync(first, project);
        var rework = (await VisitAsync(id, satisfied: false)).GetProperty("reworkWorkOrderId").GetGuid();
        await FinishAsync(rework, project);
        await VisitAsync(id, satisfied: true);

        var r = await _app.DbAsync(db => db.Set<ServiceRequest>().AsNoTracking().SingleAsync(x => x.Id == id));
        Assert.Equal((false, true), (r.FirstSatisfied, r.Satisfied));

        // The month's figures (from the rollup for a company manager) count first-visit results as the records hold them.
        var month = r.OpenedMonth;
        var expected = await _app.DbAsync(db =>
            db.Set<ServiceRequest>()
                .Where(x => x.CompanyId == r.CompanyId && x.OpenedMonth == month && x.Status != RequestStatus.Merged)
                .GroupBy(x => 1)
                .Select(g => new
                {
                    Rated = g.Count(x => x.FirstSatisfied != null),
                    Satisfied = g.Count(x => x.FirstSatisfied == true),
                    Final = g.Count(x => x.Satisfied == true),
                })
                .SingleAsync()
        );
        var from = new DateOnly(month / 100, month % 100, 1);
        var manager = await _app.As("manager");
        var figures = await manager.GetJsonAsync(
            $"/api/v1/work-order-metrics?groupBy=month&companyId={r.CompanyId}&from={from:yyyy-MM-dd}&to={from.AddMonths(1):yyyy-MM-dd}"
        );
        var row = figures.GetProperty("rows")[0];
        Assert.Equal(month.ToString(), row.GetProperty("key").GetString());
        Assert.Equal(expected.Rated, row.GetProperty("firstRated").GetInt32());
        Assert.Equal(expected.Satisfied, row.GetProperty("firstSatisfied").GetInt32());
        Assert.Equal(expected.Final, row.GetProperty("satisfied").GetInt32());
        Assert.Equal(Math.Round((double)expected.Satisfied / expected.Rated, 4), row.GetProperty("firstVisitSatisfactionRate").GetDouble());
        var rolled = await _app.DbAsync(db =>
            db.Set<MetricsRollup>().Where(x => x.CompanyId == r.CompanyId && x.Month == month).SumAsync(x => x.FirstSatisfied)
        );
        Assert.Equal(expected.Satisfied, rolled);

        // The manager's home shows the month's first-visit figure beside the final one.
        var home = await (await manager.GetAsync("/home/company")).Content.ReadAsStringAsync();
        var panel = home[home.IndexOf($"data-key=\"{month}\"", StringComparison.Ordinal)..];
        panel = panel[..panel.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains($"{expected.Satisfied}/{expected.Rated}", panel);
        Assert.Contains($"{expected.Final}/", panel);
    }
}
