using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.AcceptWorkOrder;
using Wuye.Modules.WorkOrders.Features.ArriveOnSite;
using Wuye.Modules.WorkOrders.Features.CompleteWorkOrder;
using Wuye.Modules.WorkOrders.Features.CreateServiceRequest;
using Wuye.Modules.WorkOrders.Features.DeclineWorkOrder;
using Wuye.Modules.WorkOrders.Features.DeleteSlaPolicy;
using Wuye.Modules.WorkOrders.Features.DispatchWorkOrder;
using Wuye.Modules.WorkOrders.Features.GetBusinessCalendar;
using Wuye.Modules.WorkOrders.Features.GetServiceRequest;
using Wuye.Modules.WorkOrders.Features.HomeTasks;
using Wuye.Modules.WorkOrders.Features.ImportHistory;
using Wuye.Modules.WorkOrders.Features.LegacyDefects;
using Wuye.Modules.WorkOrders.Features.ListReturnVisits;
using Wuye.Modules.WorkOrders.Features.ListServiceRequests;
using Wuye.Modules.WorkOrders.Features.ListSlaPolicies;
using Wuye.Modules.WorkOrders.Features.ListTechnicians;
using Wuye.Modules.WorkOrders.Features.ListWorkOrders;
using Wuye.Modules.WorkOrders.Features.MergeServiceRequests;
using Wuye.Modules.WorkOrders.Features.Metrics;
using Wuye.Modules.WorkOrders.Features.MonthlyVisitReport;
using Wuye.Modules.WorkOrders.Features.PauseWorkOrder;
using Wuye.Modules.WorkOrders.Features.PriceItems;
using Wuye.Modules.WorkOrders.Features.RateServiceRequest;
using Wuye.Modules.WorkOrders.Features.RecordReturnVisit;
using Wuye.Modules.WorkOrders.Features.ResumeWorkOrder;
using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Modules.WorkOrders.Features.SatisfactionHomePanel;
using Wuye.Modules.WorkOrders.Features.SetBusinessCalendar;
using Wuye.Modules.WorkOrders.Features.SetSlaPolicy;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Modules.WorkOrders.Features.TechnicianSkills;
using Wuye.Modules.WorkOrders.Features.TransferWorkOrder;
using Wuye.Modules.WorkOrders.Jobs;
using Wuye.Modules.WorkOrders.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders;

/// <summary>Module 2: service requests and work orders, the loop 报事报修 → 派单 → 维修 → 回访 → 归档.</summary>
internal static class WorkOrdersModule
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services)
    {
        services.AddSettings<Domain.WorkOrdersOptions>(Domain.WorkOrdersOptions.Section);
        services.AddSingleton<IModelContributor, WorkOrdersModel>();
        services.AddSingleton<IModelContributor, MetricsRollupModel>();
        services.AddSingleton<RequestNumbers>();
        services.AddScoped<JobSteps>();
        services.AddScoped<ProjectClocks>();
        services.AddScoped<CreateServiceRequestHandler>();
        services.AddScoped<DispatchWorkOrderHandler>();
        services.AddScoped<AcceptWorkOrderHandler>();
        services.AddScoped<DeclineWorkOrderHandler>();
        services.AddScoped<TransferWorkOrderHandler>();
        services.AddScoped<ArriveOnSiteHandler>();
        services.AddScoped<PauseWorkOrderHandler>();
        services.AddScoped<ResumeWorkOrderHandler>();
        services.AddScoped<CompleteWorkOrderHandler>();
        services.AddScoped<RecordReturnVisitHandler>();
        services.AddScoped<RateServiceRequestHandler>();
        services.AddScoped<MergeServiceRequestsHandler>();
        services.AddScoped<SetSlaPolicyHandler>();
        services.AddScoped<DeleteSlaPolicyHandler>();
        services.AddScoped<SetBusinessCalendarHandler>();
        services.AddScoped<ServiceRequestsFacade>();
        services.AddScoped<IServiceRequests>(sp => sp.GetRequiredService<ServiceRequestsFacade>());
        services.AddScoped<IUnitOpenRequests>(sp => sp.GetRequiredService<ServiceRequestsFacade>());
        services.AddScoped<IProjectCalendars>(sp => sp.GetRequiredService<ServiceRequestsFacade>());
        services.AddScoped<IUnitReturnVisits, UnitReturnVisitsReader>();
        // The same rule as the pages: the board for dispatchers (BoardModel acts as WorkOrderRoles.Dispatchers), 我的工单
        // for a technician, the portal for an owner (an owners' committee member is an owner, not a dispatcher).
        services.AddSingleton(new NavItem(40, s => s.Roles.Contains(Roles.Technician)
                    ? new NavLink(Loc.T("工单", "Work orders"), "/work-orders/my", "nav-work-orders")
                : s.IsGlobal || WorkOrderRoles.Dispatchers.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("工单", "Work orders"), "/work-orders/board", "nav-work-orders")
                : s.Roles.Contains(Roles.Owner) ? new NavLink(Loc.T("报事报修", "Report a fault"), "/portal/requests", "nav-work-orders")
                : null));
        services.AddScoped<IHomeTaskSource, WorkOrderHomeTasks>();
        services.AddScoped<IHomePanelSource, SatisfactionHomePanel>();
        services.AddScoped<WorkOrderMetrics>();
        services.AddSingleton<MetricsRollupRefresher>();
        services.AddRecurringJob<MetricsRollupJob>(TimeSpan.FromMinutes(2));
        services.AddScoped<HistoryImport>();
        services.AddScoped<VisitReports>();
        services.AddScoped<IDemoDataContributor, WorkOrderDemoData>();
        services.AddRecurringJob<EscalationJob>(TimeSpan.FromMinutes(1));
        return services;
    }

    /// <summary>Each use case maps its own endpoints, under the module's resources.</summary>
    public static void MapWorkOrders(this WebApplication app, RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/service-requests").WithTags("Service requests");
        ListServiceRequestsEndpoint.Map(requests);
        GetServiceRequestEndpoint.Map(requests);
        CreateServiceRequestEndpoint.Map(requests);
        MergeServiceRequestsEndpoint.Map(requests);
        RateServiceRequestEndpoint.Map(requests);

        var orders = api.MapGroup("/work-orders").WithTags("Work orders");
        ListWorkOrdersEndpoint.Map(orders);
        ListTechniciansEndpoint.Map(orders);
        DispatchWorkOrderEndpoint.Map(orders);
        AcceptWorkOrderEndpoint.Map(orders);
        DeclineWorkOrderEndpoint.Map(orders);
        TransferWorkOrderEndpoint.Map(orders);
        ArriveOnSiteEndpoint.Map(orders);
        PauseWorkOrderEndpoint.Map(orders);
        ResumeWorkOrderEndpoint.Map(orders);
        CompleteWorkOrderEndpoint.Map(orders);
        TechnicianSkillsEndpoints.Map(orders);
        PriceItemsEndpoint.Map(orders);

        var visits = api.MapGroup("/return-visits").WithTags("Return visits");
        ListReturnVisitsEndpoint.Map(visits);
        RecordReturnVisitEndpoint.Map(visits);

        var policies = api.MapGroup("/sla-policies").WithTags("SLA policies");
        ListSlaPoliciesEndpoint.Map(policies);
        SetSlaPolicyEndpoint.Map(policies);
        DeleteSlaPolicyEndpoint.Map(policies);
        var calendars = api.MapGroup("/business-calendars").WithTags("SLA policies");
        GetBusinessCalendarEndpoint.Map(calendars);
        SetBusinessCalendarEndpoint.Map(calendars);

        MetricsEndpoints.Map(api);
        LegacyDefectEndpoints.Map(api);
        ImportEndpoints.Map(api);
        VisitReportEndpoints.Map(api);
    }
}
