using Wuye.Modules.Emergencies.Data;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Jobs;
using Wuye.Modules.Emergencies.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies;

/// <summary>应急预案: plans per project with versions and a printable card; live incidents run from a plan on a phone; drills; planned
/// outages; the incident log and the safety indicators.</summary>
internal static class EmergenciesModule
{
    public static IServiceCollection AddEmergencies(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, EmergenciesModel>();
        services.AddScoped<Features.ListPlans.PlanReads>();
        services.AddScoped<Features.SavePlan.SavePlanHandler>();
        services.AddScoped<Features.Shared.Actors>();
        services.AddScoped<Features.ListIncidents.IncidentReads>();
        services.AddScoped<Features.StartIncident.StartIncidentHandler>();
        services.AddScoped<Features.TickIncidentStep.TickIncidentStepHandler>();
        services.AddScoped<Features.RecordIncidentEntry.RecordIncidentEntryHandler>();
        services.AddScoped<Features.TellResidents.ResidentNotices>();
        services.AddScoped<Features.CloseIncident.CloseIncidentHandler>();
        services.AddSettings<EmergenciesOptions>(EmergenciesOptions.Section);
        services.AddScoped<Features.ListDrills.DrillReads>();
        services.AddScoped<Contracts.IFireDrills, Features.FireDrills.FireDrillsReader>();
        services.AddScoped<Features.ScheduleDrill.ScheduleDrillHandler>();
        services.AddScoped<Features.RunDrill.RunDrillHandler>();
        services.AddScoped<Features.CompleteDrill.CompleteDrillHandler>();
        services.AddScoped<Features.CompleteDrillAction.CompleteDrillActionHandler>();
        services.AddScoped<Features.TellOverdueDrills.OverdueDrills>();
        services.AddRecurringJob<DrillDueJob>(TimeSpan.FromHours(1));
        services.AddScoped<Features.ListOutages.OutageReads>();
        services.AddScoped<Features.PlanOutage.PlanOutageHandler>();
        services.AddScoped<Features.PublishOutageNotice.PublishOutageNoticeHandler>();
        services.AddScoped<Features.OutageProgress.OutageProgressHandler>();
        services.AddScoped<Features.RemindOutages.OutageWatch>();
        services.AddRecurringJob<OutageJob>(TimeSpan.FromMinutes(15));
        services.AddScoped<Features.SafetyIndicators.SafetyReads>();
        services.AddScoped<Features.RecordSafetyEvent.RecordSafetyEventHandler>();
        services.AddScoped<IHomeTaskSource, Features.EmergencyHomeTasks.EmergencyHomeTasks>();
        services.AddSingleton(
            new NavItem(38, s =>
                EmergencyRoles.MayRead(s) ? new NavLink(Loc.T("应急预案", "Emergencies"), "/emergencies", "nav-emergencies") : null
            )
        );
        services.AddSingleton(
            new NavItem(38, s =>
                !s.IsGlobal && s.HasRole(Roles.Regulator)
                    ? new NavLink(
                        Loc.T("安全指标", "Safety indicators"),
                        Features.SafetyIndicators.SafetyReads.Link,
                        "nav-safety-indicators"
                    )
                    : null
            )
        );
        services.AddScoped<IDemoDataContributor, EmergencyDemoData>();
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapEmergencies(this WebApplication app, RouteGroupBuilder api)
    {
        Features.ListPlans.ListPlansEndpoints.Map(api);
        Features.SavePlan.SavePlanHandler.Map(api);
        Features.ListIncidents.ListIncidentsEndpoints.Map(api);
        Features.StartIncident.StartIncidentHandler.Map(api);
        Features.TickIncidentStep.TickIncidentStepHandler.Map(api);
        Features.RecordIncidentEntry.RecordIncidentEntryHandler.Map(api);
        Features.TellResidents.ResidentNotices.Map(api);
        Features.CloseIncident.CloseIncidentHandler.Map(api);
        Features.ListDrills.ListDrillsEndpoints.Map(api);
        Features.ScheduleDrill.ScheduleDrillHandler.Map(api);
        Features.RunDrill.RunDrillHandler.Map(api);
        Features.CompleteDrill.CompleteDrillHandler.Map(api);
        Features.CompleteDrillAction.CompleteDrillActionHandler.Map(api);
        Features.ListOutages.ListOutagesEndpoints.Map(api);
        Features.PlanOutage.PlanOutageHandler.Map(api);
        Features.PublishOutageNotice.PublishOutageNoticeHandler.Map(api);
        Features.OutageProgress.OutageProgressHandler.Map(api);
        Features.SafetyIndicators.SafetyEndpoints.Map(api);
        Features.RecordSafetyEvent.RecordSafetyEventHandler.Map(api);
    }
}
