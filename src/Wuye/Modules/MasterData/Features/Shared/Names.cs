using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Shared;

/// <summary>What the lists, exports, pages and the import call each kind, in the reader's language.</summary>
internal static class Names
{
    public static string Project(ProjectKind k) => k == ProjectKind.Office ? Loc.T("写字楼", "Office") : Loc.T("住宅小区", "Residential");

    public static string Relation(OccupantRelation r) =>
        r switch
        {
            OccupantRelation.Owner => Loc.T("业主", "Owner"),
            OccupantRelation.Tenant => Loc.T("租户", "Tenant"),
            _ => Loc.T("家庭成员", "Family"),
        };

    public static string Parking(ParkingKind k) =>
        k switch
        {
            ParkingKind.Fixed => Loc.T("固定", "Fixed"),
            ParkingKind.Rented => Loc.T("出租", "Rented"),
            _ => Loc.T("公共", "Public"),
        };

    public static string Category(AssetCategory c) => AssetText.CategoryName(c);

    public static string Service(VendorService s) =>
        s switch
        {
            VendorService.Cleaning => Loc.T("保洁", "Cleaning"),
            VendorService.Greening => Loc.T("绿化", "Greening"),
            VendorService.Security => Loc.T("安保", "Security"),
            VendorService.ElevatorMaintenance => Loc.T("电梯维保", "Elevator maintenance"),
            _ => Loc.T("其他", "Other"),
        };

    public static string Team(TeamKind k) =>
        k switch
        {
            TeamKind.Security => Loc.T("秩序维护", "Security"),
            TeamKind.Engineering => Loc.T("工程维修", "Engineering"),
            TeamKind.Cleaning => Loc.T("保洁", "Cleaning"),
            TeamKind.Greening => Loc.T("绿化", "Greening"),
            TeamKind.CustomerService => Loc.T("客服", "Customer service"),
            _ => Loc.T("其他", "Other"),
        };
}
