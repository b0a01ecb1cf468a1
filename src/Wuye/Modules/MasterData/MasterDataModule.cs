using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Features;
using Wuye.Modules.MasterData.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.MasterData;

/// <summary>Module 1: the company → project → zone → building → unit tree, people, registers, import and export.</summary>
public static class MasterDataModule
{
    public static IServiceCollection AddMasterData(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, MasterDataModel>();
        services.AddScoped<IPlaceDirectory, PlaceDirectory>();
        services.AddScoped<Wuye.Platform.Web.IHomePanelSource, Features.HomeOverview.HomeOverviewPanel>();
        services.AddScoped<IDemoDataContributor, MasterDataDemoData>();
        services.AddScoped<Import.ImportService>();
        services.AddSingleton<Import.ImportProgressStore>();
        services.AddSingleton(new NavItem(10, s => !s.Roles.Contains(Roles.Owner) || s.Roles.Length > 1 || s.IsGlobal
            ? new NavLink(Loc.T("项目", "Projects"), "/projects") : null));
        services.AddSingleton(new NavItem(20, s => s.IsGlobal || Roles.All.Any(r => r.Level is Roles.RoleLevel.Company or Roles.RoleLevel.Project or Roles.RoleLevel.Zone
                && r.Code != Roles.OwnersCommittee && s.Roles.Contains(r.Code))
            ? new NavLink(Loc.T("基础数据", "Master data"), "/master-data", "nav-master-data") : null));
        return services;
    }

    public static void MapMasterData(this WebApplication app, RouteGroupBuilder api)
    {
        CompanyEndpoints.Map(api);
        ProjectEndpoints.Map(api);
        TreeEndpoints.Map(api);
        PeopleEndpoints.Map(api);
        RegisterEndpoints.Map(api);
        StaffEndpoints.Map(api);
        RoleAssignmentEndpoints.Map(api);
        Import.ImportEndpoints.Map(api);
    }
}
