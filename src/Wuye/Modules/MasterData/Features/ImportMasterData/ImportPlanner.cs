using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>
/// Matches the rows of an onboarding file against the project's records by natural keys
/// (building name; building + unit number; unit + person name; parking and asset codes;
/// vendor name), so the same file imported twice changes nothing the second time. Empty
/// cells leave existing values alone. Used for the dry run (untracked, nothing saved) and the
/// commit (tracked, inside the commit's transaction), so both see the same rules.
/// </summary>
internal sealed partial class ImportPlanner
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

    private ImportPlanner(
        Project project,
        List<Zone> zones,
        List<Building> buildings,
        List<Unit> units,
        List<(UnitOccupant, Person)> occupants,
        List<ParkingSpace> parking,
        List<Asset> assets,
        List<Vendor> vendors
    )
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

    public static async Task<ImportPlan> PlanAsync(
        WuyeDb db,
        Project project,
        List<RawSheet> sheets,
        bool tracking,
        CancellationToken ct,
        ImportProgress? progress = null
    )
    {
        IQueryable<T> Q<T>()
            where T : class => tracking ? db.Set<T>().AsTracking() : db.Set<T>().AsNoTracking();
        var pid = project.Id;
        var occupants = await (
            from o in Q<UnitOccupant>().Where(o => o.ProjectId == pid)
            join p in Q<Person>() on o.PersonId equals p.Id
            select new { o, p }
        ).ToListAsync(ct);
        var planner = new ImportPlanner(
            project,
            await Q<Zone>().Where(z => z.ProjectId == pid).ToListAsync(ct),
            await Q<Building>().Where(b => b.ProjectId == pid).ToListAsync(ct),
            await Q<Unit>().Where(u => u.ProjectId == pid).ToListAsync(ct),
            [.. occupants.Select(x => (x.o, x.p))],
            await Q<ParkingSpace>().Where(p => p.ProjectId == pid).ToListAsync(ct),
            await Q<Asset>().Where(a => a.ProjectId == pid).ToListAsync(ct),
            await Q<Vendor>().Where(v => v.CompanyId == project.CompanyId).ToListAsync(ct)
        );
        // Vendors are company-wide rows and the commit writes them in bulk, past WuyeDb's write
        // check: only someone who may write at company level may have the import create one.
        planner._mayCreateVendors = db.Scope.CanWrite(project.CompanyId, null, null, null);
        planner._progress = progress;
        await planner.LoadStaffAsync(db, tracking, ct);
        planner.Run(sheets);
        await planner.CheckUserNamesAsync(db, ct);
        return planner._plan;
    }

    private void Run(List<RawSheet> sheets)
    {
        var found = new List<(SheetDef Def, RawSheet Sheet)>();
        foreach (var sheet in sheets)
        {
            var def = ImportSchema.SheetByName(sheet.Name) ?? ByHeaders(sheet);
            if (def is null)
            {
                if (sheet.Rows.Count == 0 || ImportSchema.IsInstructions(sheet.Name))
                    continue;
                var expected = string.Join("、", ImportSchema.Sheets.Select(s => s.Label));
                _plan.Rows.Add(
                    new ImportRowReport(
                        sheet.Name,
                        sheet.Rows[0].Number,
                        "",
                        RowAction.Error,
                        null,
                        [
                            new ImportError(
                                "",
                                sheet.Name,
                                Loc.T(
                                    $"无法识别的工作表：名称应为 {expected} 之一，或表头与模板一致",
                                    $"Unrecognised sheet: name it one of {expected}, or use the template's headers"
                                )
                            ),
                        ]
                    )
                );
                continue;
            }
            if (found.Any(f => f.Def.Kind == def.Kind))
            {
                _plan.Rows.Add(
                    new ImportRowReport(
                        sheet.Name,
                        1,
                        "",
                        RowAction.Error,
                        null,
                        [new ImportError("", sheet.Name, Loc.T($"文件中有两个“{def.Zh}”工作表", $"The file has two {def.En} sheets"))]
                    )
                );
                continue;
            }
            found.Add((def, sheet));
        }
        _progress?.Phase("正在检查数据行", "Checking rows", found.Sum(f => Math.Max(0, f.Sheet.Rows.Count - 1)));
        // Units first, so residents, parking and assets may refer to units created by the same file.
        foreach (var (def, sheet) in found.OrderBy(f => f.Def.Kind))
        {
            // A sheet left empty (or with only its header) is a part the user has nothing for: skipped.
            if (sheet.Rows.Count == 0 || !Headers(def, sheet, out var columns))
                continue;
            var issues = sheet.Issues.ToLookup(i => i.Row);
            // The template's example rows are marked; they never import, even if left in place.
            var data = sheet.Rows.Skip(1).Where(r => !ImportSchema.IsExample(r.Cells)).ToList();
            if (data.Count == 0)
                continue;
            // Merged ranges and formulas on the header row belong to the first data row's report.
            foreach (var issue in issues[sheet.Rows[0].Number])
                _plan.Rows.Add(
                    new ImportRowReport(
                        def.Label,
                        issue.Row,
                        "",
                        RowAction.Error,
                        null,
                        [new ImportError(SheetReader.ColumnName(issue.Column), issue.Value, issue.Message.ToString())]
                    )
                );
            var seen = new Dictionary<string, int>();
            foreach (var raw in data)
            {
                _progress?.Advance();
                var row = new ImportRow(def, raw, columns, [.. issues[raw.Number]]);
                row.CellIssues();
                var (key, action) = def.Kind switch
                {
                    SheetKind.Units => UnitRow(row, seen),
                    SheetKind.Residents => ResidentRow(row, seen),
                    SheetKind.Parking => ParkingRow(row, seen),
                    SheetKind.Assets => AssetRow(row, seen),
                    _ => StaffRow(row, seen),
                };
                var said = row.Notes.Concat(action == RowAction.Create ? [] : row.Changes).Distinct().ToList();
                _plan.Rows.Add(
                    new ImportRowReport(
                        def.Label,
                        raw.Number,
                        key,
                        row.Errors.Count > 0 ? RowAction.Error : action,
                        said.Count == 0 ? null : string.Join(Loc.T("、", ", "), said),
                        row.Errors
                    )
                );
            }
        }
        if (_plan.Rows.Count == 0)
            _plan.Rows.Add(
                new ImportRowReport(
                    "",
                    1,
                    "",
                    RowAction.Error,
                    null,
                    [
                        new ImportError(
                            "",
                            "",
                            Loc.T(
                                "文件中没有可导入的数据（空表和示例行不导入）",
                                "The file has no data to import (empty sheets and example rows are not imported)"
                            )
                        ),
                    ]
                )
            );
    }

    private static SheetDef? ByHeaders(RawSheet sheet)
    {
        if (sheet.Rows.Count == 0)
            return null;
        var headers = sheet.Rows[0].Cells;
        return ImportSchema
            .Sheets.Select(d =>
                (
                    d,
                    all: d.Columns.Where(c => c.Required).All(c => headers.Any(h => ImportSchema.Matches(c, h))),
                    n: d.Columns.Count(c => headers.Any(h => ImportSchema.Matches(c, h)))
                )
            )
            .Where(x => x.all)
            .OrderByDescending(x => x.n)
            .Select(x => x.d)
            .FirstOrDefault();
    }

    private bool Headers(SheetDef def, RawSheet sheet, out Dictionary<string, int> found)
    {
        var columns = found = [];
        var errors = new List<ImportError>();
        {
            var header = sheet.Rows[0].Cells;
            for (var i = 0; i < header.Length; i++)
            {
                var h = header[i];
                if (string.IsNullOrWhiteSpace(h))
                    continue;
                var col = def.Columns.FirstOrDefault(c => ImportSchema.Matches(c, h));
                if (col is null)
                    errors.Add(
                        new ImportError(
                            SheetReader.ColumnName(i),
                            h,
                            Loc.T(
                                $"无法识别的列名（本表的列：{string.Join("、", def.Columns.Select(c => c.Zh))}）",
                                $"Unrecognised column (this sheet's columns: {string.Join(", ", def.Columns.Select(c => c.En))})"
                            )
                        )
                    );
                else if (!columns.TryAdd(col.Key, i))
                    errors.Add(new ImportError(SheetReader.ColumnName(i), h, Loc.T("重复的列", "Duplicate column")));
            }
            foreach (var c in def.Columns.Where(c => c.Required && !columns.ContainsKey(c.Key)))
                errors.Add(new ImportError(c.Label, "", Loc.T($"缺少必填列“{c.Zh}”", $"Missing required column \"{c.En}\"")));
        }
        if (errors.Count == 0)
            return true;
        _plan.Rows.Add(new ImportRowReport(def.Label, sheet.Rows.Count > 0 ? sheet.Rows[0].Number : 1, "", RowAction.Error, null, errors));
        return false;
    }

    private T New<T>(T entity, List<T> list)
        where T : class
    {
        _new.Add(entity);
        list.Add(entity);
        return entity;
    }

    private RowAction Outcome(object entity, ImportRow row) =>
        _new.Contains(entity) ? RowAction.Create
        : row.Changes.Count > 0 || row.Notes.Count > 0 ? RowAction.Update
        : RowAction.Unchanged;

    private static bool Duplicate(ImportRow row, Dictionary<string, int> seen, string key, string column)
    {
        if (seen.TryGetValue(key, out var first))
        {
            row.Error(column, new($"与第 {first} 行重复", $"Duplicates row {first}"));
            return true;
        }
        seen[key] = row.Number;
        return false;
    }

    private Zone ZoneNamed(string name, ImportRow row)
    {
        if (_zones.TryGetValue(name, out var zone))
            return zone;
        row.Notes.Add(Loc.T($"新建片区“{name}”", $"new zone \"{name}\""));
        return _zones[name] = New(
            new Zone
            {
                CompanyId = _project.CompanyId,
                ProjectId = _project.Id,
                Name = name,
            },
            _plan.Zones
        );
    }

    private Building BuildingNamed(string name, Zone? zone, ImportRow row)
    {
        if (_buildings.TryGetValue(name, out var building))
            return building;
        row.Notes.Add(Loc.T($"新建楼栋“{name}”", $"new building \"{name}\""));
        return _buildings[name] = New(
            new Building
            {
                CompanyId = _project.CompanyId,
                ProjectId = _project.Id,
                ZoneId = zone?.Id,
                Name = name,
            },
            _plan.Buildings
        );
    }

    private Unit? UnitAt(ImportRow row, string buildingName, string number)
    {
        if (!_buildings.TryGetValue(buildingName, out var building))
        {
            row.Error(
                "building",
                new(
                    $"楼栋“{buildingName}”不存在（项目中和本文件的房屋表中都没有）",
                    $"Building \"{buildingName}\" does not exist (neither in the project nor in this file's Units sheet)"
                )
            );
            return null;
        }
        if (_units.TryGetValue((building.Id, number), out var unit))
            return unit;
        row.Error("unit", new($"房屋“{buildingName} {number}”不存在", $"Unit \"{buildingName} {number}\" does not exist"));
        return null;
    }

    private ILookup<Guid, Guid>? _owners;

    // Built once, when the first parking row needs it: by then every unit and owner of the file is planned.
    private Guid? OwnerOf(Guid unitId)
    {
        _owners ??= _occupants
            .Values.Where(o => o.Occupant.Relation == OccupantRelation.Owner)
            .ToLookup(o => o.Occupant.UnitId, o => o.Person.Id);
        return _owners[unitId].Select(p => (Guid?)p).FirstOrDefault();
    }

    private (UnitOccupant, Person) Occupant(Unit unit, string name, OccupantRelation relation, ImportRow row)
    {
        if (_occupants.TryGetValue((unit.Id, name), out var found))
            return found;
        var person = New(
            new Person
            {
                CompanyId = _project.CompanyId,
                ProjectId = _project.Id,
                Name = name,
            },
            _plan.People
        );
        var occupant = New(
            new UnitOccupant
            {
                CompanyId = _project.CompanyId,
                ProjectId = _project.Id,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
                PersonId = person.Id,
                Relation = relation,
            },
            _plan.Occupants
        );
        if (!_new.Contains(unit))
            row.Notes.Add(
                Loc.T($"新增{Names.Relation(relation)}“{name}”", $"new {Names.Relation(relation).ToLowerInvariant()} \"{name}\"")
            );
        return _occupants[(unit.Id, name)] = (occupant, person);
    }
}
