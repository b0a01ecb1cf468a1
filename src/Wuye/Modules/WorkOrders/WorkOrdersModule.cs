using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using Wuye.Platform.Demo;
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
        services.AddScoped<Contracts.ServiceRequestsFacade>();
        services.AddScoped<Contracts.IServiceRequests>(sp => sp.GetRequiredService<Contracts.ServiceRequestsFacade>());
        services.AddScoped<Contracts.IProjectCalendars>(sp => sp.GetRequiredService<Contracts.ServiceRequestsFacade>());
        services.AddSingleton<RequestNumbers>();
        services.AddSingleton(new NavItem(40, s =>
            !(s.IsGlobal || s.Roles.Contains(Roles.Owner) || s.Roles.Contains(Roles.Technician) || Endpoints.Dispatchers.Any(s.Roles.Contains)) ? null
            : s.Roles is [Roles.Owner] ? new NavLink(Loc.T("报事报修", "Report a fault"), "/portal/requests", "nav-work-orders")
            : new NavLink(Loc.T("工单", "Work orders"), s.Roles.Contains(Roles.Technician) ? "/work-orders/my" : "/work-orders/board", "nav-work-orders")));
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
