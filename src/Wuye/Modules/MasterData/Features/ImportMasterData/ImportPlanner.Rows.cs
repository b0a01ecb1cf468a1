using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>How each kind of row is planned: units (with their owner), residents, parking spaces, assets.</summary>
internal sealed partial class ImportPlanner
{
    private (string, RowAction) UnitRow(ImportRow row, Dictionary<string, int> seen)
    {
        var buildingName = row.Required("building", 50);
        var number = row.Required("unit", 30);
        var key = $"{buildingName} {number}";
        var zoneName = row.Optional("zone", 100);
        int? floor = null;
        if (row.Get("floor") is { Length: > 0 } f)
        {
            if (int.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fl) && fl is >= -10 and <= 300)
                floor = fl;
            else
                row.Error("floor", new("楼层应为 -10 到 300 之间的整数", "Floor must be a whole number from -10 to 300"));
        }
        decimal? area = null;
        if (row.Get("area") is { Length: > 0 } a)
        {
            if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var ar) && ar > 0 && ar <= 100_000)
                area = Math.Round(ar, 2);
            else
                row.Error("area", new("面积应为大于 0 的数字（平方米）", "Area must be a number above 0 (m²)"));
        }
        var type = row.Optional("type", 30);
        var handover = row.Date("handover");
        var warranty = row.Date("warranty");
        if (handover is { } h && warranty is { } w && w < h)
            row.Error("warranty", new("保修截止早于交房日期", "Warranty ends before the handover date"));
        var owner = row.Optional("owner", 50);
        var ownerPhone = row.Phone("ownerPhone");
        var ownerId = row.IdNumber("ownerId");
        if (owner is null && (row.Get("ownerPhone").Length > 0 || row.Get("ownerId").Length > 0))
            row.Error("owner", new("填写了业主手机或身份证号，但没有业主姓名", "Owner phone or ID number given without the owner's name"));
        if (buildingName.Length > 0 && number.Length > 0 && Duplicate(row, seen, key, "unit"))
            return (key, RowAction.Error);
        if (row.Errors.Count > 0)
            return (key, RowAction.Error);

        var zone = zoneName is null ? null : ZoneNamed(zoneName, row);
        var building = BuildingNamed(buildingName, zone, row);
        Unit unit;
        if (_units.TryGetValue((building.Id, number), out var existing))
            unit = existing;
        else
        {
            unit = New(
                new Unit
                {
                    CompanyId = _project.CompanyId,
                    ProjectId = _project.Id,
                    BuildingId = building.Id,
                    ZoneId = zone?.Id ?? building.ZoneId,
                    Number = number,
                },
                _plan.Units
            );
            _units[(building.Id, number)] = unit;
        }
        if (zone is not null)
            row.Set("zone", unit.ZoneId, zone.Id, v => unit.ZoneId = v);
        if (floor is not null)
            row.Set("floor", unit.Floor, floor, v => unit.Floor = v);
        if (area is not null)
            row.Set("area", unit.Area, area, v => unit.Area = v);
        if (type is not null)
            row.Set("type", unit.UnitType, type, v => unit.UnitType = v);
        if (handover is not null)
            row.Set("handover", unit.HandoverDate, handover, v => unit.HandoverDate = v);
        if (warranty is not null)
            row.Set("warranty", unit.WarrantyEnd, warranty, v => unit.WarrantyEnd = v);
        if (owner is not null)
        {
            var (occupant, person) = Occupant(unit, owner, OccupantRelation.Owner, row);
            if (ownerPhone is not null)
                row.Set("ownerPhone", person.Phone, ownerPhone, v => person.Phone = v);
            if (ownerId is not null)
            {
                row.Set("ownerId", person.IdNumber, ownerId, v => person.IdNumber = v);
                if (person.Birthday is null && IdNumbers.Birthday(ownerId) is { } b)
                    person.Birthday = b;
            }
            if (_new.Contains(occupant))
                occupant.Since ??= unit.HandoverDate;
        }
        return (key, Outcome(unit, row));
    }

    private (string, RowAction) ResidentRow(ImportRow row, Dictionary<string, int> seen)
    {
        var buildingName = row.Required("building", 50);
        var number = row.Required("unit", 30);
        var name = row.Required("name", 50);
        var key = $"{buildingName} {number} {name}";
        OccupantRelation? relation = null;
        if (row.Get("relation") is { Length: > 0 } r)
        {
            relation = ImportSchema.Relation(r);
            if (relation is null)
                row.Error("relation", new("身份应为 业主、家庭成员 或 租户", "Relation must be Owner, Family or Tenant"));
        }
        else
            row.Required("relation", 10);
        var kinship = row.Optional("kinship", 20);
        var phone = row.Phone("phone");
        var id = row.IdNumber("idNumber");
        var birthday = row.Date("birthday");
        var since = row.Date("since");
        var until = row.Date("until");
        if (since is { } s && until is { } u && u < s)
            row.Error("until", new("迁出日期早于入住日期", "Until is before since"));
        var unit = buildingName.Length > 0 && number.Length > 0 ? UnitAt(row, buildingName, number) : null;
        if (buildingName.Length > 0 && number.Length > 0 && name.Length > 0 && Duplicate(row, seen, key, "name"))
            return (key, RowAction.Error);
        if (row.Errors.Count > 0 || unit is null || relation is null)
            return (key, RowAction.Error);

        var (occupant, person) = Occupant(unit, name, relation.Value, row);
        row.Set("relation", occupant.Relation, relation.Value, v => occupant.Relation = v);
        if (kinship is not null)
            row.Set("kinship", occupant.Kinship, kinship, v => occupant.Kinship = v);
        if (phone is not null)
            row.Set("phone", person.Phone, phone, v => person.Phone = v);
        if (id is not null)
            row.Set("idNumber", person.IdNumber, id, v => person.IdNumber = v);
        var born = birthday ?? (id is null ? null : IdNumbers.Birthday(id));
        if (born is not null)
            row.Set("birthday", person.Birthday, born, v => person.Birthday = v);
        if (since is not null)
            row.Set("since", occupant.Since, since, v => occupant.Since = v);
        if (until is not null)
            row.Set("until", occupant.Until, until, v => occupant.Until = v);
        return (key, Outcome(occupant, row));
    }

    private (string, RowAction) ParkingRow(ImportRow row, Dictionary<string, int> seen)
    {
        var code = row.Required("code", 30);
        ParkingKind? kind = null;
        if (row.Get("kind") is { Length: > 0 } k)
        {
            kind = ImportSchema.Parking(k);
            if (kind is null)
                row.Error("kind", new("类型应为 固定、出租 或 公共", "Kind must be Fixed, Rented or Public"));
        }
        else
            row.Required("kind", 10);
        var location = row.Optional("location", 100);
        var hasLock = ImportSchema.Lock(row.Get("lock"));
        if (hasLock is null)
            row.Error("lock", new("车位锁应填 有 或 无", "Lock must be Yes or No"));
        var buildingName = row.Get("building");
        var number = row.Get("unit");
        Unit? unit = null;
        if (buildingName.Length > 0 != number.Length > 0)
            row.Error(
                buildingName.Length > 0 ? "unit" : "building",
                new("楼栋和房号要一起填写（车位所属房屋）", "Give both building and unit number (the unit holding the space)")
            );
        else if (buildingName.Length > 0)
            unit = UnitAt(row, buildingName, number);
        if (code.Length > 0 && Duplicate(row, seen, code, "code"))
            return (code, RowAction.Error);
        if (row.Errors.Count > 0 || kind is null)
            return (code, RowAction.Error);

        if (!_parking.TryGetValue(code, out var space))
            _parking[code] = space = New(
                new ParkingSpace
                {
                    CompanyId = _project.CompanyId,
                    ProjectId = _project.Id,
                    Code = code,
                },
                _plan.Parking
            );
        row.Set("kind", space.Kind, kind.Value, v => space.Kind = v);
        if (location is not null)
            row.Set("location", space.Location, location, v => space.Location = v);
        if (row.Get("lock").Length > 0 || _new.Contains(space))
            row.Set("lock", space.HasLock, hasLock!.Value, v => space.HasLock = v);
        if (unit is not null)
        {
            row.Set("unit", space.UnitId, unit.Id, v => space.UnitId = v);
            space.ZoneId = unit.ZoneId;
            if (OwnerOf(unit.Id) is { } holder)
                space.HolderPersonId = holder;
        }
        return (code, Outcome(space, row));
    }

    private (string, RowAction) AssetRow(ImportRow row, Dictionary<string, int> seen)
    {
        var code = row.Required("code", 40);
        var name = row.Required("name", 100);
        AssetCategory? category = null;
        if (row.Get("category") is { Length: > 0 } c)
        {
            category = ImportSchema.Category(c);
            if (category is null)
                row.Error(
                    "category",
                    new(
                        "类别应为 电梯、水泵、消防、照明、门禁、监控 或 其他",
                        "Category must be Elevator, Pump, Fire system, Lighting, Access control, CCTV or Other"
                    )
                );
        }
        else
            row.Required("category", 10);
        var buildingName = row.Optional("building", 50);
        Building? building = null;
        if (buildingName is not null && !_buildings.TryGetValue(buildingName, out building))
            row.Error(
                "building",
                new(
                    $"楼栋“{buildingName}”不存在（项目中和本文件的房屋表中都没有）",
                    $"Building \"{buildingName}\" does not exist (neither in the project nor in this file's Units sheet)"
                )
            );
        var location = row.Optional("location", 100);
        var vendorName = row.Optional("vendor", 100);
        var install = row.Date("install");
        var next = row.Date("nextInspection");
        if (code.Length > 0 && Duplicate(row, seen, code, "code"))
            return (code, RowAction.Error);
        if (row.Errors.Count > 0 || category is null)
            return (code, RowAction.Error);

        if (!_assets.TryGetValue(code, out var asset))
            _assets[code] = asset = New(
                new Asset
                {
                    CompanyId = _project.CompanyId,
                    ProjectId = _project.Id,
                    Code = code,
                    Name = name,
                },
                _plan.Assets
            );
        row.Set("name", asset.Name, name, v => asset.Name = v);
        row.Set("category", asset.Category, category.Value, v => asset.Category = v);
        if (building is not null)
            row.Set("building", asset.BuildingId, building.Id, v => asset.BuildingId = v);
        if (location is not null)
            row.Set("location", asset.Location, location, v => asset.Location = v);
        if (vendorName is not null)
        {
            if (!_vendors.TryGetValue(vendorName, out var vendor) && !_mayCreateVendors)
            {
                row.Error(
                    "vendor",
                    new(
                        $"外包单位“{vendorName}”尚未登记；新的外包单位只能由公司管理层登记（或把此格留空）",
                        $"Vendor \"{vendorName}\" is not registered; only company managers register new vendors (or leave the cell empty)"
                    )
                );
                return (code, RowAction.Error);
            }
            if (vendor is null)
            {
                _vendors[vendorName] = vendor = New(
                    new Vendor
                    {
                        CompanyId = _project.CompanyId,
                        Name = vendorName,
                        Service = category == AssetCategory.Elevator ? VendorService.ElevatorMaintenance : VendorService.Other,
                    },
                    _plan.Vendors
                );
                row.Notes.Add(Loc.T($"新建外包单位“{vendorName}”", $"new vendor \"{vendorName}\""));
            }
            row.Set("vendor", asset.VendorId, vendor.Id, v => asset.VendorId = v);
        }
        if (install is not null)
            row.Set("install", asset.InstallDate, install, v => asset.InstallDate = v);
        if (next is not null)
            row.Set("nextInspection", asset.NextInspection, next, v => asset.NextInspection = v);
        return (code, Outcome(asset, row));
    }
}
