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
/// a failed item opens a work order; equipment intactness computed from those records; meters and energy; cleaning and greening
/// zones with schedules on the same recurrence engine, their tasks done on a phone with photos and spot-checked; vendors' monthly
/// scorecards from those records and their contract-expiry reminders.</summary>
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
        services.AddScoped<Features.ImportMeterReadings.ImportMeterReadingsHandler>();
        services.AddScoped<Features.EnvironmentTasks.EnvironmentTaskGenerator>();
        services.AddScoped<Features.EnvironmentTasks.EnvironmentService>();
        services.AddScoped<Features.EnvironmentTasks.EnvironmentEditor>();
        services.AddScoped<Features.VendorScorecards.VendorScorecardReader>();
        services.AddScoped<Features.VendorMeetings.VendorMeetingService>();
        services.AddScoped<Features.ZoneComparison.ZoneComparisonReader>();
        services.AddScoped<Features.VendorStars.VendorStarService>();
        services.AddScoped<Features.VendorStars.VendorStarNominees>();
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
        services.AddSingleton(
            new NavItem(38, s =>
                FacilitiesRoles.MayReadEnvironment(s)
                    ? new NavLink(Loc.T("保洁绿化", "Cleaning & greening"), "/facilities/environment", "nav-facilities-environment")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(39, s =>
                FacilitiesRoles.MayReadVendors(s)
                    ? new NavLink(Loc.T("外包考评", "Vendor scorecards"), "/facilities/vendors", "nav-facilities-vendors")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(40, s =>
                FacilitiesRoles.MayReadVendors(s)
                    ? new NavLink(Loc.T("外包例会", "Vendor meetings"), "/facilities/vendor-meetings", "nav-facilities-vendor-meetings")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(40, s =>
                FacilitiesRoles.MayReadVendors(s)
                    ? new NavLink(Loc.T("外包优秀员工", "Vendor stars"), "/facilities/vendor-stars", "nav-facilities-vendor-stars")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(41, s =>
                FacilitiesRoles.MayCompareZones(s)
                    ? new NavLink(Loc.T("片区设施评比", "Zone upkeep"), "/facilities/zones", "nav-facilities-zones")
                    : null
            )
        );
        services.AddScoped<IHomeTaskSource, Features.FacilitiesHomeTasks.FacilitiesHomeTasks>();
        services.AddScoped<IHomeTaskSource, Features.EnvironmentTasks.EnvironmentHomeTasks>();
        services.AddScoped<IHomeTaskSource, Features.VendorMeetings.VendorMeetingHomeTasks>();
        services.AddScoped<IDemoDataContributor, FacilitiesDemoData>();
        services.AddScoped<IDemoDataContributor, MeterDemoData>();
        services.AddScoped<IDemoDataContributor, EnvironmentDemoData>();
        services.AddScoped<IDemoDataContributor, VendorMeetingDemoData>();
        services.AddScoped<IDemoDataContributor, VendorStarDemoData>();
        services.AddRecurringJob<MaintenanceTaskJob>(TimeSpan.FromMinutes(10));
        services.AddRecurringJob<EnvironmentTaskJob>(TimeSpan.FromMinutes(10));
        services.AddRecurringJob<VendorContractJob>(TimeSpan.FromHours(6));
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
        Features.ImportMeterReadings.ImportMeterReadingsEndpoints.Map(api);
        Features.EnergyAnalysis.EnergyAnalysisReader.Map(api);
        Features.EnvironmentTasks.EnvironmentEndpoints.Map(api);
        Features.EnvironmentTasks.EnvironmentEditor.Map(api);
        Features.VendorScorecards.VendorScorecardReader.Map(api);
        Features.VendorMeetings.VendorMeetingEndpoints.Map(api);
        Features.ZoneComparison.ZoneComparisonReader.Map(api);
        Features.VendorStars.VendorStarEndpoints.Map(api);
    }
}
