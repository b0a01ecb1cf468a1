using Wuye.Modules.Complaints.Features;
using Wuye.Modules.Complaints.Jobs;
using Wuye.Modules.Complaints.Seed;
using Wuye.Modules.MasterData.Seed;
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
        services.AddScoped<DailyReviewService>();
        services.AddScoped<ComplaintMetrics>();
        services.AddScoped<ComplaintDepartments>();
        services.AddScoped<Wuye.Platform.Web.IHomeTaskSource, ComplaintHomeTasks>();
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
