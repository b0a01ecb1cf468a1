using System.Globalization;
using System.Text.RegularExpressions;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

internal enum SheetKind
{
    Units,
    Residents,
    Parking,
    Assets,
    Staff,
}

internal sealed record ColumnDef(string Key, string Zh, string En, bool Required, string Example, params string[] Aliases)
{
    public string Label => Loc.T(Zh, En);
}

internal sealed record SheetDef(SheetKind Kind, string Zh, string En, ColumnDef[] Columns)
{
    public string Label => Loc.T(Zh, En);
}

/// <summary>
/// The onboarding template: one sheet per kind of record, columns named in Chinese (English
/// headers are accepted too). The downloadable template is generated from this, so the two never disagree.
/// </summary>
internal static partial class ImportSchema
{
    public static readonly SheetDef[] Sheets =
    [
        new(
            SheetKind.Units,
            "房屋",
            "Units",
            [
                new("building", "楼栋", "Building", true, "1幢"),
                new("unit", "房号", "Unit number", true, "101", "房间号", "门牌号"),
                new("zone", "片区", "Zone", false, "东区"),
                new("floor", "楼层", "Floor", false, "1"),
                new("area", "建筑面积", "Area", false, "89.5", "面积", "建筑面积(m²)", "面积(m²)", "area(m²)"),
                new("type", "户型", "Unit type", false, "三室两厅"),
                new("handover", "交房日期", "Handover date", false, "2021-06-30"),
                new("warranty", "保修截止", "Warranty end", false, "2023-06-30", "保修截止日期"),
                new("owner", "业主姓名", "Owner name", false, "王伟", "业主"),
                new("ownerPhone", "业主手机", "Owner phone", false, "13812345678", "业主电话", "联系电话"),
                new("ownerId", "业主身份证号", "Owner ID number", false, "330824198001011236", "身份证号"),
            ]
        ),
        new(
            SheetKind.Residents,
            "住户",
            "Residents",
            [
                new("building", "楼栋", "Building", true, "1幢"),
                new("unit", "房号", "Unit number", true, "101", "房间号", "门牌号"),
                new("name", "姓名", "Name", true, "王小明"),
                new("relation", "身份", "Relation", true, "家庭成员", "类型"),
                new("kinship", "与业主关系", "Kinship", false, "子女"),
                new("phone", "手机", "Phone", false, "13912345678", "电话", "手机号", "联系电话"),
                new("idNumber", "身份证号", "ID number", false, ""),
                new("birthday", "生日", "Birthday", false, "2010-09-01", "出生日期"),
                new("since", "入住日期", "Since", false, "2021-07-01", "起租日期", "租期开始"),
                new("until", "迁出日期", "Until", false, "", "租约到期", "租期结束"),
            ]
        ),
        new(
            SheetKind.Parking,
            "车位",
            "Parking",
            [
                new("code", "车位编号", "Space code", true, "B1-001", "车位号"),
                new("kind", "类型", "Kind", true, "固定", "车位类型"),
                new("location", "位置", "Location", false, "地下一层"),
                new("lock", "车位锁", "Lock", false, "有"),
                new("building", "楼栋", "Building", false, "1幢"),
                new("unit", "房号", "Unit number", false, "101"),
            ]
        ),
        new(
            SheetKind.Assets,
            "设施设备",
            "Assets",
            [
                new("code", "设备编号", "Asset code", true, "DT-1-01", "编号"),
                new("name", "名称", "Name", true, "1幢1号电梯", "设备名称"),
                new("category", "类别", "Category", true, "电梯", "设备类别"),
                new("building", "楼栋", "Building", false, "1幢"),
                new("location", "位置", "Location", false, "1幢 1单元"),
                new("vendor", "外包单位", "Vendor", false, "通力电梯维保有限公司", "维保单位"),
                new("install", "安装日期", "Install date", false, "2020-05-01"),
                new("nextInspection", "下次检验", "Next inspection", false, "2026-05-01", "下次检验日期"),
            ]
        ),
        new(
            SheetKind.Staff,
            "员工",
            "Staff",
            [
                new("name", "姓名", "Name", true, "李强", "员工姓名"),
                new("phone", "手机", "Phone", false, "13700001234", "手机号", "联系电话", "电话"),
                new("position", "岗位", "Position", false, "水电工", "职务"),
                new("team", "班组", "Team", false, "工程部"),
                new("account", "开通账号", "Account", false, "是", "账号"),
                new("role", "角色", "Role", false, "维修工程师"),
                new("zone", "片区", "Zone", false, "", "负责片区"),
            ]
        ),
    ];

    /// <summary>
    /// Marks an example row of the template: a row whose first filled cell starts with it never
    /// imports, so an untouched template imports nothing and cannot make a stranger an owner.
    /// </summary>
    public const string ExampleMark = "【示例】";

    public static bool IsExample(string?[] cells)
    {
        var first = cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.TrimStart();
        return first is not null
            && (
                first.StartsWith(ExampleMark, StringComparison.Ordinal)
                || first.StartsWith("[example]", StringComparison.OrdinalIgnoreCase)
                || first.StartsWith("【example】", StringComparison.OrdinalIgnoreCase)
            );
    }

    /// <summary>The template's example row of a sheet, marked so that it never imports.</summary>
    public static string?[] ExampleRow(SheetDef def) =>
        [.. def.Columns.Select((c, i) => i == 0 ? Loc.T(ExampleMark, "[example]") + c.Example : c.Example)];

    /// <summary>Sheets that hold help for people, never data.</summary>
    public static bool IsInstructions(string name) => Normalize(name) is "说明" or "instructions" or "示例" or "examples";

    public static SheetDef? SheetByName(string name)
    {
        var n = Normalize(name);
        return Sheets.FirstOrDefault(s => Normalize(s.Zh) == n || Normalize(s.En) == n);
    }

    public static string Normalize(string? header) =>
        SpaceRe().Replace((header ?? "").Replace("*", "").Replace("（", "(").Replace("）", ")"), "").ToLowerInvariant();

    public static bool Matches(ColumnDef c, string? header)
    {
        var h = Normalize(header);
        return h.Length > 0 && (h == Normalize(c.Zh) || h == Normalize(c.En) || c.Aliases.Any(a => Normalize(a) == h));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRe();

    // ---- value parsing, shared by the planner; each returns false with a reason in both languages ----

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d",
        "yyyy/M/d",
        "yyyy.M.d",
        "yyyy年M月d日",
        "yyyyMMdd",
        "yyyy-MM-dd",
        "yyyy/MM/dd",
        "yyyy-M-d H:mm:ss",
        "yyyy/M/d H:mm:ss",
        "yyyy-M-d H:mm",
        "yyyy/M/d H:mm",
    ];

    public static readonly Text DateHelp = new(
        "日期格式无法识别，请使用 2024-05-01、2024/5/1 或 2024年5月1日",
        "Unrecognised date; use 2024-05-01, 2024/5/1 or 2024年5月1日"
    );

    public static bool TryDate(string text, out DateOnly date)
    {
        text = text.Trim();
        if (
            DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date.Year is >= 1900 and <= 2100
        )
            return true;
        if (
            DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
            && dt.Year is >= 1900 and <= 2100
        )
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }
        // A date cell in a workbook arrives as Excel's serial day number.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 367 and < 73051)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            return true;
        }
        date = default;
        return false;
    }

    public static OccupantRelation? Relation(string text) =>
        Normalize(text) switch
        {
            "业主" or "owner" or "产权人" => OccupantRelation.Owner,
            "家庭成员" or "家属" or "家人" or "family" => OccupantRelation.Family,
            "租户" or "租客" or "tenant" => OccupantRelation.Tenant,
            _ => null,
        };

    public static ParkingKind? Parking(string text) =>
        Normalize(text) switch
        {
            "固定" or "产权" or "fixed" or "已售" => ParkingKind.Fixed,
            "出租" or "租用" or "月租" or "rented" => ParkingKind.Rented,
            "公共" or "临停" or "临时" or "public" => ParkingKind.Public,
            _ => null,
        };

    public static bool? Lock(string text) =>
        Normalize(text) switch
        {
            "" or "无" or "否" or "n" or "no" or "false" or "0" => false,
            "有" or "是" or "y" or "yes" or "true" or "1" => true,
            _ => null,
        };

    public static AssetCategory? Category(string text) =>
        Normalize(text) switch
        {
            "电梯" or "elevator" => AssetCategory.Elevator,
            "水泵" or "泵" or "给排水" or "pump" => AssetCategory.Pump,
            "消防" or "消防系统" or "消防设施" or "firesystem" or "fire" => AssetCategory.FireSystem,
            "照明" or "路灯" or "lighting" => AssetCategory.Lighting,
            "门禁" or "accesscontrol" => AssetCategory.AccessControl,
            "监控" or "cctv" or "摄像头" => AssetCategory.Cctv,
            "水箱" or "二次供水" or "watertank" => AssetCategory.WaterTank,
            "体育设施" or "公共体育设施" or "健身器材" or "sportsfacility" or "sports" => AssetCategory.SportsFacility,
            "停车场" or "停车场设施" or "道闸" or "carpark" or "parking" => AssetCategory.CarPark,
            "其他" or "其它" or "other" => AssetCategory.Other,
            _ => null,
        };
}
