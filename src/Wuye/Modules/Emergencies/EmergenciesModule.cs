using Wuye.Modules.Emergencies.Data;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
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
        services.AddScoped<IHomeTaskSource, Features.EmergencyHomeTasks.EmergencyHomeTasks>();
        services.AddSingleton(
            new NavItem(38, s =>
                EmergencyRoles.MayRead(s) ? new NavLink(Loc.T("应急预案", "Emergencies"), "/emergencies", "nav-emergencies") : null
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
    }
}
