using Wuye.Modules.MasterData.Contracts;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Import;

public enum RowAction { Create, Update, Unchanged, Error }

public sealed record ImportError(string Column, string Value, string Message);

public sealed record ImportRowReport(string Sheet, int Row, string Key, RowAction Action, string? Changes, IReadOnlyList<ImportError> Errors);

/// <summary>What an import would do: a report line per row, and the records to create (updates are made on tracked entities).</summary>
internal sealed class ImportPlan
{
    public List<ImportRowReport> Rows { get; } = [];
    public List<Vendor> Vendors { get; } = [];
    public List<Zone> Zones { get; } = [];
    public List<Building> Buildings { get; } = [];
    public List<Unit> Units { get; } = [];
    public List<Person> People { get; } = [];
    public List<UnitOccupant> Occupants { get; } = [];
    public List<ParkingSpace> Parking { get; } = [];
    public List<Asset> Assets { get; } = [];
    public int DataRows => Rows.Count(r => r.Row > 0 && r.Key != "");
    public int Count(RowAction a) => Rows.Count(r => r.Action == a);
    public int Errors => Rows.Count(r => r.Action == RowAction.Error);
}

/// <summary>
/// Matches the rows of an onboarding file against the project's records by natural keys
/// (building name; building + unit number; unit + person name; parking and asset codes;
/// vendor name), so the same file imported twice changes nothing the second time. Empty
/// cells leave existing values alone. Used for the dry run (untracked, nothing saved) and the
/// commit (tracked, inside the commit's transaction), so both see the same rules.
/// </summary>
internal sealed class ImportPlanner
{
    private readonly ImportPlan _plan = new();
    private ImportProgress? _progress;
    private readonly Project _project;
    private readonly Dictionary<string, Zone> _zones;
    private readonly Dictionary<string, Building> _buildings;
    private readonly Dictionary<(Guid, string), Unit> _units;
    private readonly Dictionary<(Guid, string), (UnitOccupant Occupant, Person Person)> _occupants;
    private readonly Dictionary<string, ParkingSpace> _parking;
    private readonly Dictionary<string, Asset> _assets;
    private readonly Dictionary<string, Vendor> _vendors;
    private readonly HashSet<object> _new = new(ReferenceEqualityComparer.Instance);
    private bool _mayCreateVendors;

    private ImportPlanner(Project project, List<Zone> zones, List<Building> buildings, List<Unit> units,
        List<(UnitOccupant, Person)> occupants, List<ParkingSpace> parking, List<Asset> assets, List<Vendor> vendors)
    {
        _project = project;
        _zones = zones.GroupBy(z => z.Name).ToDictionary(g => g.Key, g => g.First());
        _buildings = buildings.GroupBy(b => b.Name).ToDictionary(g => g.Key, g => g.First());
        _units = units.ToDictionary(u => (u.BuildingId, u.Number));
        _occupants = [];
        // An owner row wins over a family row for the same name, so a re-import finds the owner.
        foreach (var (o, p) in occupants.OrderBy(x => x.Item1.Relation == OccupantRelation.Owner ? 0 : 1))
            _occupants.TryAdd((o.UnitId, p.Name), (o, p));
        _parking = parking.ToDictionary(p => p.Code);
        _assets = assets.ToDictionary(a => a.Code);
        _vendors = vendors.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First());
    }

    public static async Task<ImportPlan> PlanAsync(WuyeDb db, Project project, List<RawSheet> sheets, bool tracking, CancellationToken ct, ImportProgress? progress = null)
    {
        IQueryable<T> Q<T>() where T : class => tracking ? db.Set<T>().AsTracking() : db.Set<T>().AsNoTracking();
        var pid = project.Id;
        var occupants = await (from o in Q<UnitOccupant>().Where(o => o.ProjectId == pid)
                               join p in Q<Person>() on o.PersonId equals p.Id
                               select new { o, p }).ToListAsync(ct);
        var planner = new ImportPlanner(project,
            await Q<Zone>().Where(z => z.ProjectId == pid).ToListAsync(ct),
            await Q<Building>().Where(b => b.ProjectId == pid).ToListAsync(ct),
            await Q<Unit>().Where(u => u.ProjectId == pid).ToListAsync(ct),
            [.. occupants.Select(x => (x.o, x.p))],
            await Q<ParkingSpace>().Where(p => p.ProjectId == pid).ToListAsync(ct),
            await Q<Asset>().Where(a => a.ProjectId == pid).ToListAsync(ct),
            await Q<Vendor>().Where(v => v.CompanyId == project.CompanyId).ToListAsync(ct));
        // Vendors are company-wide rows and the commit writes them in bulk, past WuyeDb's write
        // check: only someone who may write at company level may have the import create one.
        planner._mayCreateVendors = db.Scope.CanWrite(project.CompanyId, null, null, null);
        planner._progress = progress;
        planner.Run(sheets);
        return planner._plan;
    }

    private sealed class Row(SheetDef sheet, RawRow raw, Dictionary<string, int> columns, List<CellIssue> issues)
    {
        public List<ImportError> Errors { get; } = [];
        /// <summary>Changed fields of an existing record.</summary>
        public List<string> Changes { get; } = [];
        /// <summary>Records created along the way (a building, a zone, a family member…).</summary>
        public List<string> Notes { get; } = [];
        public int Number => raw.Number;

        public string Get(string key) =>
            columns.TryGetValue(key, out var i) && i < raw.Cells.Length ? (raw.Cells[i] ?? "").Trim() : "";

        public string Column(string key)
        {
            var def = sheet.Columns.First(c => c.Key == key);
            return columns.TryGetValue(key, out var i) ? $"{SheetReader.ColumnName(i)} {def.Label}" : def.Label;
        }

        public void Error(string key, Text message) => Errors.Add(new ImportError(Column(key), Get(key), message.ToString()));

        public void CellIssues()
        {
            foreach (var issue in issues)
                Errors.Add(new ImportError(SheetReader.ColumnName(issue.Column), issue.Value, issue.Message.ToString()));
        }

        public string Required(string key, int max)
        {
            var v = Get(key);
            if (v.Length == 0) Error(key, new("必填", "Required"));
            else if (v.Length > max) Error(key, new($"不能超过 {max} 个字", $"At most {max} characters"));
            return v;
        }

        public string? Optional(string key, int max)
        {
            var v = Get(key);
            if (v.Length > max) Error(key, new($"不能超过 {max} 个字", $"At most {max} characters"));
            return v.Length == 0 ? null : v;
        }

        public DateOnly? Date(string key)
        {
            var v = Get(key);
            if (v.Length == 0) return null;
            if (ImportSchema.TryDate(v, out var d)) return d;
            Error(key, ImportSchema.DateHelp);
            return null;
        }

        public string? Phone(string key)
        {
            var v = Get(key).Replace(" ", "");
            if (v.StartsWith("+86")) v = v[3..];
            if (v.Length == 0) return null;
            if (Validator.IsMobileOrLandline(v)) return v;
            Error(key, new("手机号格式不正确（11 位手机号或带区号的座机）", "Not a valid phone number (11-digit mobile or landline with area code)"));
            return null;
        }

        public string? IdNumber(string key)
        {
            var v = Get(key).Replace(" ", "").ToUpperInvariant();
            if (v.Length == 0) return null;
            if (IdNumbers.IsValid(v)) return v;
            Error(key, v.Contains('E') || v.Contains('.')
                ? new("身份证号被 Excel 当成了数字（科学计数法），请把该列设为文本后重新填写", "Excel turned the ID number into a number (scientific notation); format the column as text and re-enter it")
                : new("身份证号无效（应为 18 位，且校验位正确）", "Not a valid ID number (18 characters with a correct check digit)"));
            return null;
        }

        public void Set<T>(string key, T current, T next, Action<T> apply)
        {
            if (EqualityComparer<T>.Default.Equals(current, next)) return;
            apply(next);
            Changes.Add(sheet.Columns.First(c => c.Key == key).Label);
        }
    }

    private void Run(List<RawSheet> sheets)
    {
        var found = new List<(SheetDef Def, RawSheet Sheet)>();
        foreach (var sheet in sheets)
        {
            var def = ImportSchema.SheetByName(sheet.Name) ?? ByHeaders(sheet);
            if (def is null)
            {
                if (sheet.Rows.Count == 0 || ImportSchema.Normalize(sheet.Name) is "说明" or "instructions") continue;
                var expected = string.Join("、", ImportSchema.Sheets.Select(s => s.Label));
                _plan.Rows.Add(new ImportRowReport(sheet.Name, sheet.Rows[0].Number, "", RowAction.Error, null,
                    [new ImportError("", sheet.Name, Loc.T($"无法识别的工作表：名称应为 {expected} 之一，或表头与模板一致", $"Unrecognised sheet: name it one of {expected}, or use the template's headers"))]));
                continue;
            }
            if (found.Any(f => f.Def.Kind == def.Kind))
            {
                _plan.Rows.Add(new ImportRowReport(sheet.Name, 1, "", RowAction.Error, null,
                    [new ImportError("", sheet.Name, Loc.T($"文件中有两个“{def.Zh}”工作表", $"The file has two {def.En} sheets"))]));
                continue;
            }
            found.Add((def, sheet));
        }
        if (found.Count == 0 && _plan.Rows.Count == 0)
            _plan.Rows.Add(new ImportRowReport("", 1, "", RowAction.Error, null,
                [new ImportError("", "", Loc.T("文件中没有可导入的数据", "The file has no data to import"))]));

        _progress?.Phase("正在检查数据行", "Checking rows", found.Sum(f => Math.Max(0, f.Sheet.Rows.Count - 1)));
        // Units first, so residents, parking and assets may refer to units created by the same file.
        foreach (var (def, sheet) in found.OrderBy(f => f.Def.Kind))
        {
            if (!Headers(def, sheet, out var columns)) continue;
            var issues = sheet.Issues.ToLookup(i => i.Row);
            var data = sheet.Rows.Skip(1).ToList();
            if (data.Count == 0)
            {
                _plan.Rows.Add(new ImportRowReport(def.Label, sheet.Rows[0].Number, "", RowAction.Error, null,
                    [new ImportError("", "", Loc.T("只有表头，没有数据行", "Only a header row, no data"))]));
                continue;
            }
            // Merged ranges and formulas on the header row belong to the first data row's report.
            foreach (var issue in issues[sheet.Rows[0].Number])
                _plan.Rows.Add(new ImportRowReport(def.Label, issue.Row, "", RowAction.Error, null,
                    [new ImportError(SheetReader.ColumnName(issue.Column), issue.Value, issue.Message.ToString())]));
            var seen = new Dictionary<string, int>();
            foreach (var raw in data)
            {
                _progress?.Advance();
                var row = new Row(def, raw, columns, [.. issues[raw.Number]]);
                row.CellIssues();
                var (key, action) = def.Kind switch
                {
                    SheetKind.Units => UnitRow(row, seen),
                    SheetKind.Residents => ResidentRow(row, seen),
                    SheetKind.Parking => ParkingRow(row, seen),
                    _ => AssetRow(row, seen),
                };
                var said = row.Notes.Concat(action == RowAction.Create ? [] : row.Changes).Distinct().ToList();
                _plan.Rows.Add(new ImportRowReport(def.Label, raw.Number, key, row.Errors.Count > 0 ? RowAction.Error : action,
                    said.Count == 0 ? null : string.Join(Loc.T("、", ", "), said), row.Errors));
            }
        }
    }

    private static SheetDef? ByHeaders(RawSheet sheet)
    {
        if (sheet.Rows.Count == 0) return null;
        var headers = sheet.Rows[0].Cells;
        return ImportSchema.Sheets
            .Select(d => (d, all: d.Columns.Where(c => c.Required).All(c => headers.Any(h => ImportSchema.Matches(c, h))), n: d.Columns.Count(c => headers.Any(h => ImportSchema.Matches(c, h)))))
            .Where(x => x.all).OrderByDescending(x => x.n).Select(x => x.d).FirstOrDefault();
    }

    private bool Headers(SheetDef def, RawSheet sheet, out Dictionary<string, int> found)
    {
        var columns = found = [];
        var errors = new List<ImportError>();
        if (sheet.Rows.Count == 0)
        {
            errors.Add(new ImportError("", "", Loc.T("工作表是空的", "The sheet is empty")));
        }
        else
        {
            var header = sheet.Rows[0].Cells;
            for (var i = 0; i < header.Length; i++)
            {
                var h = header[i];
                if (string.IsNullOrWhiteSpace(h)) continue;
                var col = def.Columns.FirstOrDefault(c => ImportSchema.Matches(c, h));
                if (col is null)
                    errors.Add(new ImportError(SheetReader.ColumnName(i), h, Loc.T($"无法识别的列名（本表的列：{string.Join("、", def.Columns.Select(c => c.Zh))}）", $"Unrecognised column (this sheet's columns: {string.Join(", ", def.Columns.Select(c => c.En))})")));
                else if (!columns.TryAdd(col.Key, i))
                    errors.Add(new ImportError(SheetReader.ColumnName(i), h, Loc.T("重复的列", "Duplicate column")));
            }
            foreach (var c in def.Columns.Where(c => c.Required && !columns.ContainsKey(c.Key)))
                errors.Add(new ImportError(c.Label, "", Loc.T($"缺少必填列“{c.Zh}”", $"Missing required column \"{c.En}\"")));
        }
        if (errors.Count == 0) return true;
        _plan.Rows.Add(new ImportRowReport(def.Label, sheet.Rows.Count > 0 ? sheet.Rows[0].Number : 1, "", RowAction.Error, null, errors));
        return false;
    }

    private T New<T>(T entity, List<T> list) where T : class
    {
        _new.Add(entity);
        list.Add(entity);
        return entity;
    }

    private RowAction Outcome(object entity, Row row) =>
        _new.Contains(entity) ? RowAction.Create : row.Changes.Count > 0 || row.Notes.Count > 0 ? RowAction.Update : RowAction.Unchanged;

    private static bool Duplicate(Row row, Dictionary<string, int> seen, string key, string column)
    {
        if (seen.TryGetValue(key, out var first))
        {
            row.Error(column, new($"与第 {first} 行重复", $"Duplicates row {first}"));
            return true;
        }
        seen[key] = row.Number;
        return false;
    }

    private (string, RowAction) UnitRow(Row row, Dictionary<string, int> seen)
    {
        var buildingName = row.Required("building", 50);
        var number = row.Required("unit", 30);
        var key = $"{buildingName} {number}";
        var zoneName = row.Optional("zone", 100);
        int? floor = null;
        if (row.Get("floor") is { Length: > 0 } f)
        {
            if (int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fl) && fl is >= -10 and <= 300) floor = fl;
            else row.Error("floor", new("楼层应为 -10 到 300 之间的整数", "Floor must be a whole number from -10 to 300"));
        }
        decimal? area = null;
        if (row.Get("area") is { Length: > 0 } a)
        {
            if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var ar) && ar > 0 && ar <= 100_000) area = Math.Round(ar, 2);
            else row.Error("area", new("面积应为大于 0 的数字（平方米）", "Area must be a number above 0 (m²)"));
        }
        var type = row.Optional("type", 30);
        var handover = row.Date("handover");
        var warranty = row.Date("warranty");
        if (handover is { } h && warranty is { } w && w < h) row.Error("warranty", new("保修截止早于交房日期", "Warranty ends before the handover date"));
        var owner = row.Optional("owner", 50);
        var ownerPhone = row.Phone("ownerPhone");
        var ownerId = row.IdNumber("ownerId");
        if (owner is null && (row.Get("ownerPhone").Length > 0 || row.Get("ownerId").Length > 0))
            row.Error("owner", new("填写了业主手机或身份证号，但没有业主姓名", "Owner phone or ID number given without the owner's name"));
        if (buildingName.Length > 0 && number.Length > 0 && Duplicate(row, seen, key, "unit")) return (key, RowAction.Error);
        if (row.Errors.Count > 0) return (key, RowAction.Error);

        var zone = zoneName is null ? null : ZoneNamed(zoneName, row);
        var building = BuildingNamed(buildingName, zone, row);
        Unit unit;
        if (_units.TryGetValue((building.Id, number), out var existing)) unit = existing;
        else
        {
            unit = New(new Unit { CompanyId = _project.CompanyId, ProjectId = _project.Id, BuildingId = building.Id, ZoneId = zone?.Id ?? building.ZoneId, Number = number }, _plan.Units);
            _units[(building.Id, number)] = unit;
        }
        if (zone is not null) row.Set("zone", unit.ZoneId, zone.Id, v => unit.ZoneId = v);
        if (floor is not null) row.Set("floor", unit.Floor, floor, v => unit.Floor = v);
        if (area is not null) row.Set("area", unit.Area, area, v => unit.Area = v);
        if (type is not null) row.Set("type", unit.UnitType, type, v => unit.UnitType = v);
        if (handover is not null) row.Set("handover", unit.HandoverDate, handover, v => unit.HandoverDate = v);
        if (warranty is not null) row.Set("warranty", unit.WarrantyEnd, warranty, v => unit.WarrantyEnd = v);
        if (owner is not null)
        {
            var (occupant, person) = Occupant(unit, owner, OccupantRelation.Owner, row);
            if (ownerPhone is not null) row.Set("ownerPhone", person.Phone, ownerPhone, v => person.Phone = v);
            if (ownerId is not null)
            {
                row.Set("ownerId", person.IdNumber, ownerId, v => person.IdNumber = v);
                if (person.Birthday is null && IdNumbers.Birthday(ownerId) is { } b) person.Birthday = b;
            }
            if (_new.Contains(occupant)) occupant.Since ??= unit.HandoverDate;
        }
        return (key, Outcome(unit, row));
    }

    private (string, RowAction) ResidentRow(Row row, Dictionary<string, int> seen)
    {
        var buildingName = row.Required("building", 50);
        var number = row.Required("unit", 30);
        var name = row.Required("name", 50);
        var key = $"{buildingName} {number} {name}";
        OccupantRelation? relation = null;
        if (row.Get("relation") is { Length: > 0 } r)
        {
            relation = ImportSchema.Relation(r);
            if (relation is null) row.Error("relation", new("身份应为 业主、家庭成员 或 租户", "Relation must be Owner, Family or Tenant"));
        }
        else row.Required("relation", 10);
        var kinship = row.Optional("kinship", 20);
        var phone = row.Phone("phone");
        var id = row.IdNumber("idNumber");
        var birthday = row.Date("birthday");
        var since = row.Date("since");
        var until = row.Date("until");
        if (since is { } s && until is { } u && u < s) row.Error("until", new("迁出日期早于入住日期", "Until is before since"));
        var unit = buildingName.Length > 0 && number.Length > 0 ? UnitAt(row, buildingName, number) : null;
        if (buildingName.Length > 0 && number.Length > 0 && name.Length > 0 && Duplicate(row, seen, key, "name")) return (key, RowAction.Error);
        if (row.Errors.Count > 0 || unit is null || relation is null) return (key, RowAction.Error);

        var (occupant, person) = Occupant(unit, name, relation.Value, row);
        row.Set("relation", occupant.Relation, relation.Value, v => occupant.Relation = v);
        if (kinship is not null) row.Set("kinship", occupant.Kinship, kinship, v => occupant.Kinship = v);
        if (phone is not null) row.Set("phone", person.Phone, phone, v => person.Phone = v);
        if (id is not null) row.Set("idNumber", person.IdNumber, id, v => person.IdNumber = v);
        var born = birthday ?? (id is null ? null : IdNumbers.Birthday(id));
        if (born is not null) row.Set("birthday", person.Birthday, born, v => person.Birthday = v);
        if (since is not null) row.Set("since", occupant.Since, since, v => occupant.Since = v);
        if (until is not null) row.Set("until", occupant.Until, until, v => occupant.Until = v);
        return (key, Outcome(occupant, row));
    }

    private (string, RowAction) ParkingRow(Row row, Dictionary<string, int> seen)
    {
        var code = row.Required("code", 30);
        ParkingKind? kind = null;
        if (row.Get("kind") is { Length: > 0 } k)
        {
            kind = ImportSchema.Parking(k);
            if (kind is null) row.Error("kind", new("类型应为 固定、出租 或 公共", "Kind must be Fixed, Rented or Public"));
        }
        else row.Required("kind", 10);
        var location = row.Optional("location", 100);
        var hasLock = ImportSchema.Lock(row.Get("lock"));
        if (hasLock is null) row.Error("lock", new("车位锁应填 有 或 无", "Lock must be Yes or No"));
        var buildingName = row.Get("building");
        var number = row.Get("unit");
        Unit? unit = null;
        if (buildingName.Length > 0 != number.Length > 0)
            row.Error(buildingName.Length > 0 ? "unit" : "building", new("楼栋和房号要一起填写（车位所属房屋）", "Give both building and unit number (the unit holding the space)"));
        else if (buildingName.Length > 0) unit = UnitAt(row, buildingName, number);
        if (code.Length > 0 && Duplicate(row, seen, code, "code")) return (code, RowAction.Error);
        if (row.Errors.Count > 0 || kind is null) return (code, RowAction.Error);

        if (!_parking.TryGetValue(code, out var space))
            _parking[code] = space = New(new ParkingSpace { CompanyId = _project.CompanyId, ProjectId = _project.Id, Code = code }, _plan.Parking);
        row.Set("kind", space.Kind, kind.Value, v => space.Kind = v);
        if (location is not null) row.Set("location", space.Location, location, v => space.Location = v);
        if (row.Get("lock").Length > 0 || _new.Contains(space)) row.Set("lock", space.HasLock, hasLock!.Value, v => space.HasLock = v);
        if (unit is not null)
        {
            row.Set("unit", space.UnitId, unit.Id, v => space.UnitId = v);
            space.ZoneId = unit.ZoneId;
            if (OwnerOf(unit.Id) is { } holder) space.HolderPersonId = holder;
        }
        return (code, Outcome(space, row));
    }

    private (string, RowAction) AssetRow(Row row, Dictionary<string, int> seen)
    {
        var code = row.Required("code", 40);
        var name = row.Required("name", 100);
        AssetCategory? category = null;
        if (row.Get("category") is { Length: > 0 } c)
        {
            category = ImportSchema.Category(c);
            if (category is null) row.Error("category", new("类别应为 电梯、水泵、消防、照明、门禁、监控 或 其他", "Category must be Elevator, Pump, Fire system, Lighting, Access control, CCTV or Other"));
        }
        else row.Required("category", 10);
        var buildingName = row.Optional("building", 50);
        Building? building = null;
        if (buildingName is not null && !_buildings.TryGetValue(buildingName, out building))
            row.Error("building", new($"楼栋“{buildingName}”不存在（项目中和本文件的房屋表中都没有）", $"Building \"{buildingName}\" does not exist (neither in the project nor in this file's Units sheet)"));
        var location = row.Optional("location", 100);
        var vendorName = row.Optional("vendor", 100);
        var install = row.Date("install");
        var next = row.Date("nextInspection");
        if (code.Length > 0 && Duplicate(row, seen, code, "code")) return (code, RowAction.Error);
        if (row.Errors.Count > 0 || category is null) return (code, RowAction.Error);

        if (!_assets.TryGetValue(code, out var asset))
            _assets[code] = asset = New(new Asset { CompanyId = _project.CompanyId, ProjectId = _project.Id, Code = code, Name = name }, _plan.Assets);
        row.Set("name", asset.Name, name, v => asset.Name = v);
        row.Set("category", asset.Category, category.Value, v => asset.Category = v);
        if (building is not null) row.Set("building", asset.BuildingId, building.Id, v => asset.BuildingId = v);
        if (location is not null) row.Set("location", asset.Location, location, v => asset.Location = v);
        if (vendorName is not null)
        {
            if (!_vendors.TryGetValue(vendorName, out var vendor) && !_mayCreateVendors)
            {
                row.Error("vendor", new($"外包单位“{vendorName}”尚未登记；新的外包单位只能由公司管理层登记（或把此格留空）",
                    $"Vendor \"{vendorName}\" is not registered; only company managers register new vendors (or leave the cell empty)"));
                return (code, RowAction.Error);
            }
            if (vendor is null)
            {
                _vendors[vendorName] = vendor = New(new Vendor
                {
                    CompanyId = _project.CompanyId, Name = vendorName,
                    Service = category == AssetCategory.Elevator ? VendorService.ElevatorMaintenance : VendorService.Other,
                }, _plan.Vendors);
                row.Notes.Add(Loc.T($"新建外包单位“{vendorName}”", $"new vendor \"{vendorName}\""));
            }
            row.Set("vendor", asset.VendorId, vendor.Id, v => asset.VendorId = v);
        }
        if (install is not null) row.Set("install", asset.InstallDate, install, v => asset.InstallDate = v);
        if (next is not null) row.Set("nextInspection", asset.NextInspection, next, v => asset.NextInspection = v);
        return (code, Outcome(asset, row));
    }

    private Zone ZoneNamed(string name, Row row)
    {
        if (_zones.TryGetValue(name, out var zone)) return zone;
        row.Notes.Add(Loc.T($"新建片区“{name}”", $"new zone \"{name}\""));
        return _zones[name] = New(new Zone { CompanyId = _project.CompanyId, ProjectId = _project.Id, Name = name }, _plan.Zones);
    }

    private Building BuildingNamed(string name, Zone? zone, Row row)
    {
        if (_buildings.TryGetValue(name, out var building)) return building;
        row.Notes.Add(Loc.T($"新建楼栋“{name}”", $"new building \"{name}\""));
        return _buildings[name] = New(new Building { CompanyId = _project.CompanyId, ProjectId = _project.Id, ZoneId = zone?.Id, Name = name }, _plan.Buildings);
    }

    private Unit? UnitAt(Row row, string buildingName, string number)
    {
        if (!_buildings.TryGetValue(buildingName, out var building))
        {
            row.Error("building", new($"楼栋“{buildingName}”不存在（项目中和本文件的房屋表中都没有）", $"Building \"{buildingName}\" does not exist (neither in the project nor in this file's Units sheet)"));
            return null;
        }
        if (_units.TryGetValue((building.Id, number), out var unit)) return unit;
        row.Error("unit", new($"房屋“{buildingName} {number}”不存在", $"Unit \"{buildingName} {number}\" does not exist"));
        return null;
    }

    private ILookup<Guid, Guid>? _owners;

    // Built once, when the first parking row needs it: by then every unit and owner of the file is planned.
    private Guid? OwnerOf(Guid unitId)
    {
        _owners ??= _occupants.Values.Where(o => o.Occupant.Relation == OccupantRelation.Owner).ToLookup(o => o.Occupant.UnitId, o => o.Person.Id);
        return _owners[unitId].Select(p => (Guid?)p).FirstOrDefault();
    }

    private (UnitOccupant, Person) Occupant(Unit unit, string name, OccupantRelation relation, Row row)
    {
        if (_occupants.TryGetValue((unit.Id, name), out var found)) return found;
        var person = New(new Person { CompanyId = _project.CompanyId, ProjectId = _project.Id, Name = name }, _plan.People);
        var occupant = New(new UnitOccupant
        {
            CompanyId = _project.CompanyId, ProjectId = _project.Id, ZoneId = unit.ZoneId, UnitId = unit.Id, PersonId = person.Id, Relation = relation,
        }, _plan.Occupants);
        if (!_new.Contains(unit)) row.Notes.Add(Loc.T($"新增{ImportSchema.RelationName(relation)}“{name}”", $"new {ImportSchema.RelationName(relation).ToLowerInvariant()} \"{name}\""));
        return _occupants[(unit.Id, name)] = (occupant, person);
    }
}
