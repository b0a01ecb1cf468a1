using Microsoft.Extensions.Options;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost(
                "/imports/service-requests",
                async (HttpRequest http, HistoryImport import, IOptions<WorkOrdersOptions> settings, CancellationToken ct) =>
                {
                    var max = settings.Value.ImportMaxMegabytes * 1024L * 1024;
                    var f = await FormFields.ReadAsync(http, max, ct);
                    var file = f.File("file", "请选择 CSV 文件", "Choose a CSV file");
                    var project = f.Id("projectId");
                    var map = new ImportMapping(
                        f.Text("opened"),
                        f.Text("due"),
                        f.Text("closed"),
                        f.Text("category"),
                        f.Text("status"),
                        f.Text("unit"),
                        f.Text("location"),
                        f.Text("description"),
                        f.Text("source"),
                        f.Text("ref"),
                        f.Text("department")
                    );
                    var options = new ImportOptions(
                        map,
                        f.Choice<DateOrder>("dateFormat") ?? DateOrder.YearFirst,
                        f.Mapping<RequestCategory>("categoryMap"),
                        f.Choice<RequestCategory>("otherCategory")
                    );
                    var dryRun = f.Flag("dryRun");
                    f.ThrowIfAny();
                    return TypedResults.Ok(await import.ImportAsync(project, file!.OpenReadStream, options, dryRun, ct));
                }
            )
            .RequireRoles(Roles.CompanyManager, Roles.ProjectManager)
            .DisableAntiforgery()
            .WithTags("Imports")
            .WithSummary(
                "Import past requests from a CSV export of any length (multipart: file; projectId; the column name for opened, "
                    + "due, closed, category, status, unit, location, description, source, ref, department; dateFormat = yearFirst | "
                    + "monthFirst | dayFirst; categoryMap = a JSON object of source category text to ours; otherCategory = where any "
                    + "other category goes, absent to refuse such rows; dryRun=true to check only). Refused rows are listed with row, "
                    + "field, value and reason."
            );
}
