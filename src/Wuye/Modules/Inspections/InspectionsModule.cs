using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using Wuye.Modules.Inspections.Features;
using Wuye.Modules.Inspections.Jobs;
using Wuye.Platform.Jobs;
using Wuye.Modules.Inspections.Seed;
using Wuye.Platform.Demo;
using Wuye.Platform.Database;

namespace Wuye.Modules.Inspections;

/// <summary>QPI 品质核查: standards library, plans per inspector, inspections, improvement notices, metrics.</summary>
public static class InspectionsModule
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, InspectionsModel>();
        services.AddScoped<InspectionService>();
        services.AddScoped<QpiMetrics>();
        services.AddSingleton(new NavItem(30, s => s.IsGlobal || s.HasRole(Roles.QualityInspector) || s.HasRole(Roles.CompanyManager) || s.HasRole(Roles.ProjectManager)
            ? new NavLink(Loc.T("品质核查", "Inspections"), "/inspections") : null));
        services.AddScoped<IDemoDataContributor, InspectionsDemoData>();
        services.AddRecurringJob<WeeklyReportReminderJob>(TimeSpan.FromMinutes(5));
        services.AddRecurringJob<SurveyReminderJob>(TimeSpan.FromMinutes(30));
        services.AddRecurringJob<NoticeOverdueReminderJob>(TimeSpan.FromMinutes(15));
        return services;
    }

    public static void MapInspections(this WebApplication app, RouteGroupBuilder api)
    {
        CheckItemEndpoints.Map(api);
        PlanEndpoints.Map(api);
        InspectionEndpoints.Map(api);
        NoticeEndpoints.Map(api);
        MetricsEndpoints.Map(api);
        TeamMutualCheckEndpoints.Map(api);
        MysteryAuditEndpoints.Map(api);
        WaveInspectionEndpoints.Map(api);
        SiteSupervisionEndpoints.Map(api);
        SiteSurveyEndpoints.Map(api);
    }
}
