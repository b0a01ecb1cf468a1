using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using Wuye.Modules.Complaints.Features;
using Wuye.Modules.Complaints.Jobs;
using Wuye.Modules.Complaints.Seed;
using Wuye.Platform.Demo;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Complaints;

/// <summary>Module 3: complaints with first-responder ownership, escalation, the daily review, reply scripts and early warning.</summary>
public static class ComplaintsModule
{
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, ComplaintsModel>();
        services.AddScoped<ComplaintService>();
        services.AddSingleton(new NavItem(50, s => s.IsGlobal || ComplaintService.Handlers.Any(s.Roles.Contains)
            ? new NavLink(Loc.T("投诉", "Complaints"), "/complaints", "nav-complaints") : null));
        services.AddScoped<DailyReviewService>();
        services.AddScoped<ComplaintMetrics>();
        services.AddScoped<ComplaintDepartments>();
        services.AddScoped<Wuye.Platform.Web.IHomeTaskSource, ComplaintHomeTasks>();
        services.AddSingleton<Wuye.Platform.Web.IHomePanelSource, ComplaintHomePanel>();
        services.AddScoped<IDemoDataContributor, ComplaintDemoData>();
        services.AddRecurringJob<DailyReviewJob>(TimeSpan.FromMinutes(1));
        services.AddRecurringJob<ComplaintEscalationJob>(TimeSpan.FromMinutes(1));
        return services;
    }

    public static void MapComplaints(this WebApplication app, RouteGroupBuilder api)
    {
        ComplaintEndpoints.Map(api);
        DailyReviewEndpoints.Map(api);
        ReplyScriptEndpoints.Map(api);
        ComplaintMetricsEndpoints.Map(api);
        ComplaintDepartmentEndpoints.Map(api);
    }
}
