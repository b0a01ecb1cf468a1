using Wuye.Modules.Facilities.Data;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Jobs;
using Wuye.Modules.Facilities.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities;

/// <summary>设施设备·环境: preventive-maintenance plans (RRULE, checklist) generating tasks done on a phone;
/// a failed item opens a work order; equipment intactness computed from those records.</summary>
internal static class FacilitiesModule
{
    public static IServiceCollection AddFacilities(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, FacilitiesModel>();
        services.AddScoped<Features.Shared.FacilitiesViews>();
        services.AddScoped<Contracts.IFireEquipmentChecks, Features.FireEquipment.FireEquipmentChecksReader>();
        services.AddScoped<Features.GenerateMaintenanceTasks.TaskGenerator>();
        services.AddScoped<Features.CreateMaintenancePlan.CreateMaintenancePlanHandler>();
        services.AddScoped<Features.CompleteMaintenanceTask.CompleteMaintenanceTaskHandler>();
        services.AddScoped<Features.AssetIntactness.IntactnessReader>();
        services.AddScoped<Features.ReportAssetFault.ReportAssetFaultHandler>();
        services.AddScoped<Features.MeterReadings.RecordMeterReadingHandler>();
        services.AddSingleton(
            new NavItem(36, s =>
                FacilitiesRoles.MayRead(s) ? new NavLink(Loc.T("设备保养", "Maintenance"), "/facilities/tasks", "nav-maintenance") : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                FacilitiesRoles.MayRead(s)
                    ? new NavLink(Loc.T("抄表", "Meter readings"), "/facilities/meters", "nav-facilities-meters")
                    : null
            )
        );
        services.AddScoped<IHomeTaskSource, Features.FacilitiesHomeTasks.FacilitiesHomeTasks>();
        services.AddScoped<IDemoDataContributor, FacilitiesDemoData>();
        services.AddScoped<IDemoDataContributor, MeterDemoData>();
        services.AddRecurringJob<MaintenanceTaskJob>(TimeSpan.FromMinutes(10));
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapFacilities(this WebApplication app, RouteGroupBuilder api)
    {
        Features.CreateMaintenancePlan.CreateMaintenancePlanHandler.Map(api);
        Features.ListMaintenancePlans.ListMaintenancePlansEndpoints.Map(api);
        Features.ListMaintenanceTasks.ListMaintenanceTasksEndpoints.Map(api);
        Features.CompleteMaintenanceTask.CompleteMaintenanceTaskHandler.Map(api);
        Features.AssetIntactness.IntactnessReader.Map(api);
        Features.ReportAssetFault.ReportAssetFaultHandler.Map(api);
        Features.Meters.MeterEndpoints.Map(api);
        Features.MeterReadings.MeterReadingEndpoints.Map(api);
        Features.EnergyAnalysis.EnergyAnalysisReader.Map(api);
    }
}
