using Wuye.Modules.MasterData.Seed;
using Wuye.Modules.WorkOrders.Features;
using Wuye.Modules.WorkOrders.Jobs;
using Wuye.Modules.WorkOrders.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.WorkOrders;

/// <summary>Module 2: service requests and work orders, the loop 报事报修 → 派单 → 维修 → 回访 → 归档.</summary>
public static class WorkOrdersModule
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, WorkOrdersModel>();
        services.AddScoped<WorkOrderService>();
        services.AddSingleton<RequestNumbers>();
        services.AddScoped<SlaSettings>();
        services.AddScoped<Wuye.Platform.Web.IHomeTaskSource, WorkOrderHomeTasks>();
        services.AddScoped<WorkOrderMetrics>();
        services.AddSingleton<IModelContributor, MetricsRollupModel>();
        services.AddSingleton<MetricsRollupRefresher>();
        services.AddRecurringJob<MetricsRollupJob>(TimeSpan.FromMinutes(2));
        services.AddScoped<HistoryImport>();
        services.AddScoped<VisitReports>();
        services.AddScoped<IDemoDataContributor, WorkOrderDemoData>();
        services.AddRecurringJob<EscalationJob>(TimeSpan.FromMinutes(1));
        return services;
    }

    public static void MapWorkOrders(this WebApplication app, RouteGroupBuilder api) => Endpoints.Map(api);
}
