using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

/// <summary>
/// Turns one row of an export into a request, or into a problem naming the field, the text found
/// and why it was refused. Keeps the counts the result reports: rows refused, source categories.
/// </summary>
internal sealed class RowReader(
    HistoryImport.Columns cols,
    ImportOptions options,
    IReadOnlyDictionary<string, (Guid Id, Guid? ZoneId)> units,
    HashSet<string> knownRefs
)
{
    private readonly Dictionary<string, RequestCategory> _map = (options.Categories ?? new Dictionary<string, RequestCategory>())
        .GroupBy(kv => kv.Key.Trim(), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Rows, RequestCategory? To)> _categories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ImportProblem> _problems = [];

    public int Skipped { get; private set; }
    public IReadOnlyList<ImportProblem> Problems => _problems;

    public IReadOnlyList<SourceCategory> CategoriesFound(int max) =>
        [
            .. _categories
                .OrderByDescending(c => c.Value.Rows)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(max)
                .Select(c => new SourceCategory(c.Key, c.Value.Rows, c.Value.To)),
        ];

    public ServiceRequest? Read(int rowNo, string[] row)
    {
        string? Cell(int c) => c >= 0 && c < row.Length && !string.IsNullOrWhiteSpace(row[c]) ? row[c].Trim() : null;
        ServiceRequest? Skip(string field, string? value, string zh, string en)
        {
            Skipped++;
            if (_problems.Count < HistoryImport.MaxProblemsListed)
                _problems.Add(new ImportProblem(rowNo, field, value, Loc.T(zh, en)));
            return null;
        }

        // A control character (NUL…) is refused here, as at the edge, before anything reaches the database.
        foreach (
            var (field, c) in new[]
            {
                ("opened", cols.Opened),
                ("description", cols.Description),
                ("due", cols.Due),
                ("closed", cols.Closed),
                ("category", cols.Category),
                ("status", cols.Status),
                ("unit", cols.Unit),
                ("location", cols.Location),
                ("source", cols.Source),
                ("ref", cols.Ref),
                ("department", cols.Department),
            }
        )
            if (Cell(c) is { } text && !InputText.IsClean(text, multiLine: true))
                return Skip(field, null, "含有控制字符（如 NUL）", "contains control characters (such as NUL)");

        var category = RequestCategory.Other;
        var sourceCategory = Cell(cols.Category);
        if (sourceCategory is not null)
        {
            RequestCategory? to =
                _map.TryGetValue(sourceCategory, out var mapped) ? mapped
                : TryCategory(sourceCategory, out var named) ? named
                : options.OtherCategory;
            _categories[sourceCategory] = (_categories.GetValueOrDefault(sourceCategory).Rows + 1, to);
        }
        if (!ImportDates.TryParse(Cell(cols.Opened), options.Dates, out var opened))
            return Cell(cols.Opened) is { } o
                ? Skip(
                    "opened",
                    o,
                    $"报事时间“{o}”不是所选格式的日期（1900–2100 年）",
                    $"\"{o}\" is not a date in the chosen format (1900–2100)"
                )
                : Skip("opened", null, "缺少报事时间", "no opening time");
        DateTimeOffset? due = null,
            closed = null;
        if (Cell(cols.Due) is { } d)
        {
            if (!ImportDates.TryParse(d, options.Dates, out var x))
                return Skip("due", d, $"时限“{d}”不是所选格式的日期", $"\"{d}\" is not a date in the chosen format");
            due = x;
        }
        if (Cell(cols.Closed) is { } cl)
        {
            if (!ImportDates.TryParse(cl, options.Dates, out var x))
                return Skip("closed", cl, $"关闭时间“{cl}”不是所选格式的日期", $"\"{cl}\" is not a date in the chosen format");
            closed = x;
        }
        if (closed < opened)
            return Skip("closed", Cell(cols.Closed), "关闭时间早于报事时间", "closed before opened");
        var description = Cell(cols.Description);
        if (description is null)
            return Skip("description", null, "缺少问题描述", "no description");
        if (sourceCategory is not null)
        {
            if (_categories[sourceCategory].To is not { } to)
                return Skip(
                    "category",
                    sourceCategory,
                    $"类别“{sourceCategory}”没有对应的类别，也没有选择“其余类别归入”",
                    $"category \"{sourceCategory}\" has no mapping and no catch-all was chosen"
                );
            category = to;
        }
        var status = Cell(cols.Status);
        if (closed is null && status is not null && IsClosedWord(status))
            return Skip("status", status, "状态为已关闭但没有关闭时间", "status says closed but there is no closing time");
        Guid? unitId = null,
            zoneId = null;
        if (Cell(cols.Unit) is { } unitRef)
        {
            if (!units.TryGetValue(HistoryImport.Key(unitRef), out var u))
                return Skip("unit", unitRef, $"房屋“{unitRef}”在本项目中不存在", $"unit \"{unitRef}\" is not in this project");
            (unitId, zoneId) = (u.Id, u.ZoneId);
        }
        var location = Cell(cols.Location);
        if (unitId is null && location is null)
            return Skip("location", null, "既没有房屋也没有位置", "neither a unit nor a location");
        var externalRef = Cell(cols.Ref);
        if (externalRef is not null && !knownRefs.Add(externalRef))
            return Skip("ref", externalRef, $"编号“{externalRef}”已导入过", $"\"{externalRef}\" was imported before");

        return new ServiceRequest
        {
            ZoneId = zoneId,
            UnitId = unitId,
            Location = Cut(location, 200),
            Number = "",
            Channel = RequestChannel.Import,
            Category = category,
            Urgency = Urgency.Normal,
            Description = Cut(description, 1000)!,
            Status = closed is null ? RequestStatus.Open : RequestStatus.Closed,
            OpenedAt = opened,
            OpenedMonth = ChinaTime.Month(opened),
            CompletionDueAt = due,
            CompletedAt = closed,
            ClosedAt = closed,
            CompletionOnTime = closed is { } c2 && due is { } d2 ? c2 <= d2 : null,
            Source = Cut(Cell(cols.Source), 50),
            ExternalRef = Cut(externalRef, 60),
            SourceCategory = Cut(sourceCategory, 100),
            SourceDepartment = Cut(Cell(cols.Department), 100),
        };
    }

    private static string? Cut(string? s, int max) => s is { } x && x.Length > max ? x[..max] : s;

    private static bool IsClosedWord(string s) =>
        s is "已关闭" or "已完成" or "已结案" or "已归档" || s.Equals("closed", StringComparison.OrdinalIgnoreCase);

    /// <summary>Our own category names (either language, or the code) and the usual Chinese words for them.</summary>
    internal static bool TryCategory(string text, out RequestCategory category)
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
