using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

/// <summary>Which CSV column holds each field (by header name); only opened and description are required.</summary>
internal sealed record ImportMapping(
    string? Opened,
    string? Due,
    string? Closed,
    string? Category,
    string? Status,
    string? Unit,
    string? Location,
    string? Description,
    string? Source,
    string? Ref
);

internal sealed record ImportProblem(int Row, string Reason);

internal sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportProblem> Skipped, IReadOnlyList<string> Headers);

/// <summary>
/// Imports past requests from another system's CSV export (UTF-8 or GB18030) for one project,
/// with the column mapping chosen by the user. Rows whose dates do not parse, or that close
/// before they open, or name a unit or category we do not know, are reported and skipped —
/// never guessed. Imported requests count in the metrics like any other.
/// </summary>
internal sealed class HistoryImport(WuyeDb db, RequestNumbers numbers)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy/M/d H:mm:ss",
        "yyyy/M/d H:mm",
        "yyyy-M-d H:mm",
        "yyyy-MM-dd",
        "yyyy/M/d",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm",
    ];

    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                row.Add(field.ToString());
                field.Clear();
                if (row.Count > 1 || row[0].Length > 0)
                    rows.Add([.. row]);
                row.Clear();
            }
            else
                field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }

    public async Task<ImportResult> ImportAsync(Guid? projectId, byte[] csv, ImportMapping map, bool dryRun, CancellationToken ct)
    {
        var v = new Validator();
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == projectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null)
            v.Add("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var rows = ParseCsv(Decode(csv));
        if (rows.Count == 0)
            v.Add("file", "文件是空的", "The file is empty");
        v.ThrowIfAny();
        var headers = rows[0].Select(h => h.Trim()).ToArray();
        int Col(string field, string? name, bool required)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                if (required)
                    v.Add(field, "请选择对应的列", "Choose the column");
                return -1;
            }
            var i = Array.FindIndex(headers, h => h == name.Trim());
            if (i < 0)
                v.Add(field, $"文件中没有“{name}”列", $"The file has no column \"{name}\"");
            return i;
        }
        var cOpened = Col("opened", map.Opened, true);
        var cDescription = Col("description", map.Description, true);
        var cDue = Col("due", map.Due, false);
        var cClosed = Col("closed", map.Closed, false);
        var cCategory = Col("category", map.Category, false);
        var cStatus = Col("status", map.Status, false);
        var cUnit = Col("unit", map.Unit, false);
        var cLocation = Col("location", map.Location, false);
        var cSource = Col("source", map.Source, false);
        var cRef = Col("ref", map.Ref, false);
        if (rows.Count > 50_001)
            v.Add("file", "一次最多导入 50000 行", "At most 50,000 rows at a time");
        v.ThrowIfAny();

        var units = (
            await db.UnitRefs()
                .AsNoTracking()
                .Where(u => u.ProjectId == project!.Id)
                .Select(u => new
                {
                    u.Id,
                    u.ZoneId,
                    u.Number,
                    Building = db.BuildingRefs().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault(),
                })
                .ToListAsync(ct)
        ).GroupBy(u => Key(u.Building + "-" + u.Number)).ToDictionary(g => g.Key, g => g.First());
        var known = (
            await db.Set<ServiceRequest>()
                .AsNoTracking()
                .Where(r => r.ProjectId == project!.Id && r.ExternalRef != null)
                .Select(r => r.ExternalRef!)
                .ToListAsync(ct)
        ).ToHashSet();
        var skipped = new List<ImportProblem>();
        var imported = 0;
        for (var n = 1; n < rows.Count; n++)
        {
            var row = rows[n];
            string? Cell(int c) => c >= 0 && c < row.Length && !string.IsNullOrWhiteSpace(row[c]) ? row[c].Trim() : null;
            var rowNo = n + 1;
            void Skip(string zh, string en) => skipped.Add(new ImportProblem(rowNo, Loc.T(zh, en)));

            if (!TryDate(Cell(cOpened), out var opened))
            {
                Skip($"报事时间“{Cell(cOpened)}”无法识别", $"opened \"{Cell(cOpened)}\" is not a date");
                continue;
            }
            DateTimeOffset? due = null,
                closed = null;
            if (Cell(cDue) is { } d)
            {
                if (!TryDate(d, out var x))
                {
                    Skip($"时限“{d}”无法识别", $"due \"{d}\" is not a date");
                    continue;
                }
                due = x;
            }
            if (Cell(cClosed) is { } cl)
            {
                if (!TryDate(cl, out var x))
                {
                    Skip($"关闭时间“{cl}”无法识别", $"closed \"{cl}\" is not a date");
                    continue;
                }
                closed = x;
            }
            if (closed < opened)
            {
                Skip("关闭时间早于报事时间", "closed before opened");
                continue;
            }
            var description = Cell(cDescription);
            if (description is null)
            {
                Skip("缺少问题描述", "no description");
                continue;
            }
            var category = RequestCategory.Other;
            if (Cell(cCategory) is { } cat && !TryCategory(cat, out category))
            {
                Skip($"类别“{cat}”无法对应", $"category \"{cat}\" is not known");
                continue;
            }
            var status = Cell(cStatus);
            if (closed is null && status is not null && IsClosedWord(status))
            {
                Skip("状态为已关闭但没有关闭时间", "status says closed but there is no closing time");
                continue;
            }
            Guid? unitId = null,
                zoneId = null;
            if (Cell(cUnit) is { } unitRef)
            {
                if (!units.TryGetValue(Key(unitRef), out var u))
                {
                    Skip($"房屋“{unitRef}”在本项目中不存在", $"unit \"{unitRef}\" is not in this project");
                    continue;
                }
                (unitId, zoneId) = (u.Id, u.ZoneId);
            }
            var location = Cell(cLocation);
            if (unitId is null && location is null)
            {
                Skip("既没有房屋也没有位置", "neither a unit nor a location");
                continue;
            }
            var externalRef = Cell(cRef);
            if (externalRef is not null && !known.Add(externalRef))
            {
                Skip($"编号“{externalRef}”已导入过", $"\"{externalRef}\" was imported before");
                continue;
            }

            imported++;
            if (dryRun)
                continue;
            db.Add(
                new ServiceRequest
                {
                    CompanyId = project!.CompanyId,
                    ProjectId = project.Id,
                    ZoneId = zoneId,
                    UnitId = unitId,
                    Location = location is { Length: > 200 } ? location[..200] : location,
                    Number = externalRef is { Length: <= 30 } ? externalRef : await numbers.NextAsync(opened, "DR", ct),
                    Channel = RequestChannel.Import,
                    Category = category,
                    Urgency = Urgency.Normal,
                    Description = description.Length > 1000 ? description[..1000] : description,
                    Status = closed is null ? RequestStatus.Open : RequestStatus.Closed,
                    OpenedAt = opened,
                    OpenedMonth = ChinaTime.Month(opened),
                    CompletionDueAt = due,
                    CompletedAt = closed,
                    ClosedAt = closed,
                    CompletionOnTime = closed is { } c2 && due is { } d2 ? c2 <= d2 : null,
                    Source = Cell(cSource) is { } s ? (s.Length > 50 ? s[..50] : s) : null,
                    ExternalRef = externalRef is { Length: > 60 } ? externalRef[..60] : externalRef,
                }
            );
        }
        if (!dryRun)
        {
            // The old system's numbers are kept where they are free in this company (other
            // projects included, whoever may see them); a taken one gets a number of ours.
            var added = db.ChangeTracker.Entries<ServiceRequest>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            var wanted = added.Select(r => r.Number).ToList();
            var taken = (
                await db.Set<ServiceRequest>()
                    .IgnoreQueryFilters()
                    .AsNoTracking()
                    .Where(r => r.CompanyId == project!.CompanyId && wanted.Contains(r.Number))
                    .Select(r => r.Number)
                    .ToListAsync(ct)
            ).ToHashSet();
            var used = new HashSet<string>();
            foreach (var r in added)
                if (taken.Contains(r.Number) || !used.Add(r.Number))
                    r.Number = await numbers.NextAsync(r.OpenedAt, "DR", ct);
            await db.SaveChangesAsync(ct);
        }
        return new ImportResult(rows.Count - 1, imported, skipped, headers);
    }

    private static string Key(string s) => new([.. s.Where(ch => !char.IsWhiteSpace(ch) && ch is not '-' and not '#' and not '室')]);

    /// <summary>Dates without a zone are China time, as the old system showed them.</summary>
    private static bool TryDate(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        value = new DateTimeOffset(local, ChinaTime.Offset).ToUniversalTime();
        return true;
    }

    private static bool IsClosedWord(string s) =>
        s is "已关闭" or "已完成" or "已结案" or "已归档" || s.Equals("closed", StringComparison.OrdinalIgnoreCase);

    private static bool TryCategory(string text, out RequestCategory category)
    {
        if (Enum.TryParse(text, true, out category) && !char.IsDigit(text[0]))
            return true;
        foreach (var c in Enum.GetValues<RequestCategory>())
            if (CategoryNames(c).Contains(text))
            {
                category = c;
                return true;
            }
        return false;
    }

    private static string[] CategoryNames(RequestCategory c) =>
        c switch
        {
            RequestCategory.Plumbing => ["给排水", "水", "水管", "管道", "漏水"],
            RequestCategory.Electrical => ["电气", "电", "水电", "照明", "电路"],
            RequestCategory.DoorWindow => ["门窗", "门", "窗"],
            RequestCategory.Elevator => ["电梯"],
            RequestCategory.PublicFacility => ["公共设施", "设施", "公区"],
            RequestCategory.Cleaning => ["保洁", "清洁", "卫生"],
            RequestCategory.Greening => ["绿化"],
            RequestCategory.Security => ["安防", "门禁", "监控"],
            _ => ["其他", "其它"],
        };
}

internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/imports/service-requests", async (HttpRequest http, HistoryImport import, CancellationToken ct) =>
            {
                if (!http.HasFormContentType)
                    throw ValidationException.For("file", "请以表单上传 CSV 文件", "Upload the CSV as a form");
                var form = await http.ReadFormAsync(ct);
                var file = form.Files["file"];
                if (file is null || file.Length == 0)
                    throw ValidationException.For("file", "请选择 CSV 文件", "Choose a CSV file");
                if (file.Length > 20 * 1024 * 1024)
                    throw ValidationException.For("file", "文件不能超过 20 MB", "The file may be at most 20 MB");
                using var ms = new MemoryStream();
                await file.CopyToAsync(ms, ct);
                string? F(string k) => form.TryGetValue(k, out var x) ? x.ToString() : null;
                Guid? project = Guid.TryParse(F("projectId"), out var p) ? p : null;
                var map = new ImportMapping(
                    F("opened"),
                    F("due"),
                    F("closed"),
                    F("category"),
                    F("status"),
                    F("unit"),
                    F("location"),
                    F("description"),
                    F("source"),
                    F("ref")
                );
                return TypedResults.Ok(await import.ImportAsync(project, ms.ToArray(), map, F("dryRun") == "true", ct));
            })
            .RequireRoles(Roles.CompanyManager, Roles.ProjectManager)
            .DisableAntiforgery()
            .WithTags("Imports")
            .WithSummary(
                "Import past requests from CSV (multipart: file, projectId, and the column name for opened, due, closed, category, "
                    + "status, unit, location, description, source, ref; dryRun=true to check only)"
            );
}
