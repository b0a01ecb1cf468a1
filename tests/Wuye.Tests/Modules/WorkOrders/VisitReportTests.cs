using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

[Collection(nameof(WorkOrdersApiCollection))]
public sealed class VisitReportTests(TestCluster cluster, SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task The_monthly_report_counts_the_visits_of_the_month_and_exports_the_same_figures_to_xlsx()
    {
        var service = await _app.As("service");
        var project = await _app.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == "customer_service").Select(r => r.ProjectId!.Value).FirstAsync()
        );
        // The busiest month of the demo history for this project.
        var month = await _app.DbAsync(async db =>
            (
                await db.Set<ReturnVisit>()
                    .Where(v => v.ProjectId == project && v.VisitedAt != null)
                    .Select(v => v.VisitedAt!.Value)
                    .ToListAsync()
            )
                .GroupBy(ChinaTime.Month)
                .OrderByDescending(g => g.Count())
                .First()
                .Key
        );
        var start = new DateTimeOffset(new DateTime(month / 100, month % 100, 1), ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(new DateTime(month / 100, month % 100, 1).AddMonths(1), ChinaTime.Offset).ToUniversalTime();
        var expected = await _app.DbAsync(db =>
            db.Set<ReturnVisit>()
                .Where(v => v.ProjectId == project && v.Status == ReturnVisitStatus.Done && v.VisitedAt >= start && v.VisitedAt < end)
                .GroupBy(v => 1)
                .OrderBy(g => g.Key)
                .Select(g => new { N = g.Count(), Unhappy = g.Count(v => v.Satisfied == false) })
                .FirstAsync()
        );

        var json = await service.GetJsonAsync($"/api/v1/return-visits/report?month={month}&projectId={project}");
        Assert.Equal(expected.N, json.GetProperty("total").GetProperty("visited").GetInt32());
        Assert.Equal(expected.Unhappy, json.GetProperty("problems").GetArrayLength());

        var res = await service.GetAsync($"/api/v1/return-visits/report?month={month}&projectId={project}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", res.Content.Headers.ContentType?.MediaType);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.First(p =>
            doc.WorkbookPart.GetIdOfPart(p) == doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id
        );
        var totalRow = sheet.Worksheet.Descendants<Row>().Last();
        var cells = totalRow.Elements<Cell>().ToList();
        Assert.Equal("合计", cells[0].InnerText);
        Assert.Equal(expected.N.ToString(), cells[2].CellValue!.Text);

        var bad = await service.GetAsync("/api/v1/return-visits/report?month=202613");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_report_prints_to_a_PDF_on_the_server_and_says_so_when_it_cannot()
    {
        var service = await _app.As("service");
        var month = ChinaTime.Month(DateTimeOffset.UtcNow);
        var res = await service.GetAsync($"/api/v1/return-visits/report?month={month}&format=pdf");
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.True(res.IsSuccessStatusCode, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal("application/pdf", res.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Contains("/Type /Page", System.Text.Encoding.Latin1.GetString(bytes));

        var unknown = await service.GetAsync($"/api/v1/return-visits/report?month={month}&format=doc");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);

        await using var without = await WuyeApp.StartAsync(cluster, settings: new() { ["Wuye:Pdf:Chromium"] = "/nonexistent/chromium" });
        var missing = await (await without.As("service")).GetAsync($"/api/v1/return-visits/report?month={month}&format=pdf");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, missing.StatusCode);
        Assert.Equal("pdf.unavailable", (await missing.JsonAsync()).GetProperty("code").GetString());
    }
}
