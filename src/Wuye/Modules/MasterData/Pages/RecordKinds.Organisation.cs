using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Modules.MasterData.Features.People;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Modules.MasterData.Features.Staff;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using AssetList = Wuye.Modules.MasterData.Features.Assets.Assets;
using BuildingList = Wuye.Modules.MasterData.Features.Buildings.Buildings;
using ParkingList = Wuye.Modules.MasterData.Features.ParkingSpaces.ParkingSpaces;
using PeopleList = Wuye.Modules.MasterData.Features.People.People;
using ProjectList = Wuye.Modules.MasterData.Features.Projects.Projects;
using StaffList = Wuye.Modules.MasterData.Features.Staff.Staff;
using TeamList = Wuye.Modules.MasterData.Features.Teams.Teams;
using VehicleList = Wuye.Modules.MasterData.Features.Vehicles.Vehicles;
using VendorList = Wuye.Modules.MasterData.Features.Vendors.Vendors;
using ZoneList = Wuye.Modules.MasterData.Features.Zones.Zones;

namespace Wuye.Modules.MasterData.Pages;

internal static partial class RecordKinds
{
    // Called by All's initializer (RecordKinds.cs), after the option fields there are set.
    private static RecordKind[] OrganisationKinds() =>
        [
            new()
            {
                Key = "assets",
                Zh = "设施设备",
                En = "Assets",
                Resource = "assets",
                Editors = Registers.Managers,
                SearchHint = "设备编号或名称",
                SearchHintEn = "Code or name",
                Columns =
                [
                    new("code", "设备编号", "Code"),
                    new("name", "名称", "Name"),
                    new("category", "类别", "Category", EnumText<AssetCategory>("category", Names.Category)) { Secondary = true },
                    new("vendorName", "外包单位", "Vendor") { Secondary = true },
                    new("nextInspection", "下次检验", "Next inspection"),
                ],
                Fields =
                [
                    new("code", "设备编号", "Code", Required: true),
                    new("name", "名称", "Name", Required: true),
                    new("category", "类别", "Category", FieldType.Select, true) { Options = EnumOptions<AssetCategory>(Names.Category) },
                    new("buildingId", "楼栋", "Building", FieldType.Select) { Options = BuildingOptions },
                    new("location", "位置", "Location"),
                    new("vendorId", "维保单位", "Vendor", FieldType.Select) { Options = VendorOptions },
                    new("installDate", "安装日期", "Install date", FieldType.Date),
                    new("nextInspection", "下次检验", "Next inspection", FieldType.Date),
                ],
                List = Lister((db, f) => AssetList.List(db, f.ProjectId, null, null, f.Q, f.Archived)),
                One = Finder((db, id) => AssetList.Dto(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == id))),
                Title = r => $"{Str(r, "code")} {Str(r, "name")}",
            },
            new()
            {
                Key = "vendors",
                Zh = "外包单位",
                En = "Vendors",
                Resource = "vendors",
                Parent = ParentLevel.Company,
                Editors = [Roles.CompanyManager],
                Columns =
                [
                    new("name", "单位名称", "Name"),
                    new("service", "服务类型", "Service", EnumText<VendorService>("service", Names.Service)),
                    new("contactName", "联系人", "Contact") { Secondary = true },
                    new("contractEnd", "合同到期", "Contract end") { Secondary = true },
                    new("assets", "维保设备", "Assets"),
                ],
                Fields =
                [
                    new("name", "单位名称", "Name", Required: true),
                    new("service", "服务类型", "Service", FieldType.Select, true) { Options = EnumOptions<VendorService>(Names.Service) },
                    new("contactName", "联系人", "Contact"),
                    new("contactPhone", "联系电话", "Phone"),
                    new("contractEnd", "合同到期", "Contract end", FieldType.Date),
                ],
                List = Lister((db, f) => VendorList.List(db, null, null, f.Q, f.Archived)),
                One = Finder((db, id) => VendorList.Dto(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == id))),
                Title = r => Str(r, "name"),
                Related = async (db, r, ct) =>
                    new RelatedTable(
                        "维保设备",
                        "Assets maintained",
                        [Loc.T("设备编号", "Code"), Loc.T("名称", "Name"), Loc.T("下次检验", "Next inspection")],
                        [
                            .. (
                                await db.Set<Asset>()
                                    .AsNoTracking()
                                    .Where(a => a.VendorId == Id(r, "id") && a.ArchivedAt == null)
                                    .OrderBy(a => a.Code)
                                    .Take(200)
                                    .Select(a => new
                                    {
                                        a.Code,
                                        a.Name,
                                        a.NextInspection,
                                    })
                                    .ToListAsync(ct)
                            ).Select(a => new[] { a.Code, a.Name, TableFile.Date(a.NextInspection) }),
                        ]
                    ),
            },
            new()
            {
                Key = "teams",
                Zh = "班组",
                En = "Teams",
                Resource = "teams",
                Editors = Registers.Managers,
                Columns =
                [
                    new("name", "班组", "Team"),
                    new("kind", "类型", "Kind", EnumText<TeamKind>("kind", Names.Team)),
                    new("vendorName", "外包单位", "Vendor") { Secondary = true },
                    new("members", "人数", "Members"),
                ],
                Fields =
                [
                    new("name", "班组名称", "Team name", Required: true),
                    new("kind", "类型", "Kind", FieldType.Select, true) { Options = EnumOptions<TeamKind>(Names.Team) },
                    new("vendorId", "外包单位（自有留空）", "Vendor (empty for own staff)", FieldType.Select) { Options = VendorOptions },
                ],
                List = Lister((db, f) => TeamList.List(db, f.ProjectId, null, f.Q, f.Archived)),
                One = Finder((db, id) => TeamList.Dto(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == id))),
                Title = r => Str(r, "name"),
                Related = async (db, r, ct) =>
                    new RelatedTable(
                        "成员",
                        "Members",
                        [Loc.T("姓名", "Name"), Loc.T("岗位", "Position"), Loc.T("组长", "Leader")],
                        [
                            .. (await StaffList.List(db, null, Id(r, "id"), null, false).ToListAsync(ct)).Select(s =>
                                new[] { s.Name, s.Position, s.IsLeader ? Loc.T("是", "Yes") : "" }
                            ),
                        ]
                    ),
            },
            new()
            {
                Key = "staff",
                Zh = "员工",
                En = "Staff",
                Resource = "staff",
                Editors = Registers.Managers,
                SearchHint = "姓名或岗位",
                SearchHintEn = "Name or position",
                Columns =
                [
                    new("name", "姓名", "Name"),
                    new("teamName", "班组", "Team"),
                    new("position", "岗位", "Position") { Secondary = true },
                    new("phone", "手机", "Phone") { Secondary = true },
                ],
                Fields =
                [
                    new("name", "姓名", "Name", Required: true),
                    new("teamId", "班组", "Team", FieldType.Select) { Options = TeamOptions },
                    new("phone", "手机", "Phone") { Masked = true },
                    new("position", "岗位", "Position"),
                    new("isLeader", "组长", "Team leader", FieldType.Bool),
                ],
                List = Lister((db, f) => StaffList.List(db, f.ProjectId, null, f.Q, f.Archived), StaffShown),
                One = Finder((db, id) => StaffList.Dto(db, db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == id)), StaffShown),
                Title = r => Str(r, "name"),
                // A sign-in for the staff member, with a role the manager may grant; the one-time password is shown once.
                Sub = new(
                    "开通账号",
                    "Give a sign-in",
                    "account",
                    [
                        new("userName", "用户名（默认为手机号）", "User name (default: the mobile number)"),
                        new("role", "角色", "Role", FieldType.Select) { Options = AccountChoices.StaffRoles },
                        new("zoneId", "片区（管家）", "Zone (stewards)", FieldType.Select) { Options = ZoneOptions },
                        new(
                            "invite",
                            "短信发送邀请（不显示一次性密码）",
                            "Send an invitation by SMS (no one-time password shown)",
                            FieldType.Bool
                        ),
                    ]
                )
                {
                    Reveal = "oneTimePassword",
                    Hidden = r => Str(r, "hasAccount") == "true",
                },
            },
        ];
}
