using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData;

/// <summary>Module 1: the company → project → zone → building → unit tree, people, registers, import and export.</summary>
internal static class MasterDataModule
{
    public static IServiceCollection AddMasterData(this IServiceCollection services)
    {
        services.AddSettings<Domain.ImportOptions>(Domain.ImportOptions.Section);
        services.AddSingleton<IModelContributor, MasterDataModel>();
        services.AddScoped<IPlaceDirectory, PlaceDirectory>();
        services.AddScoped<Wuye.Platform.Web.IHomePanelSource, Features.HomeOverview.HomeOverviewPanel>();
        services.AddScoped<Wuye.Platform.Web.IHomeTaskSource, Features.InvitationHomeTasks.InvitationHomeTasks>();
        services.AddScoped<IDemoDataContributor, MasterDataDemoData>();
        services.AddScoped<Features.ImportMasterData.ImportService>();
        services.AddSingleton<Features.ImportMasterData.ImportProgressStore>();
        services.AddSingleton(
            new NavItem(10, s =>
                !s.Roles.Contains(Roles.Owner) || s.Roles.Length > 1 || s.IsGlobal
                    ? new NavLink(Loc.T("项目", "Projects"), "/projects")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(20, s =>
                s.IsGlobal
                || Roles.All.Any(r =>
                    r.Level is Roles.RoleLevel.Company or Roles.RoleLevel.Project or Roles.RoleLevel.Zone
                    && r.Code != Roles.OwnersCommittee
                    && s.Roles.Contains(r.Code)
                )
                    ? new NavLink(Loc.T("基础数据", "Master data"), "/master-data", "nav-master-data")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(85, s =>
                Pages.InvitationsModel.MayOpen(s) ? new NavLink(Loc.T("邀请", "Invitations"), "/invitations", "nav-invitations") : null
            )
        );
        return services;
    }

    public static void MapMasterData(this WebApplication app, RouteGroupBuilder api)
    {
        Features.Companies.Companies.Map(api);
        Features.Regulators.Regulators.Map(api);
        Features.StaffAccount.StaffAccount.Map(api);
        Features.Invitations.Invitations.Map(api);
        Features.ResendInvitation.ResendInvitation.Map(api);
        Features.OwnerSignUp.OwnerSignUp.Map(api);
        Features.Projects.Projects.Map(api);
        Features.Zones.Zones.Map(api);
        Features.Buildings.Buildings.Map(api);
        Features.Units.Units.Map(api);
        Features.People.People.Map(api);
        Features.RevealPersonalData.RevealPersonalData.Map(api);
        Features.LinkOccupant.LinkOccupant.Map(api);
        Features.EndOccupancy.EndOccupancy.Map(api);
        Features.ParkingSpaces.ParkingSpaces.Map(api);
        Features.Assets.Assets.Map(api);
        Features.Vendors.Vendors.Map(api);
        Features.Vehicles.Vehicles.Map(api);
        Features.Teams.Teams.Map(api);
        Features.Staff.Staff.Map(api);
        Features.AssignRole.AssignRole.Map(api);
        Features.ImportMasterData.ImportEndpoints.Map(api);
    }
}
