using Wuye.Modules.Gate.Data;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate;

/// <summary>门岗与装修: visitors with signed passes, walk-ins confirmed by the owner, check-in and check-out at one gate console.</summary>
internal static class GateModule
{
    public static IServiceCollection AddGate(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, GateModel>();
        services.AddScoped<Features.Shared.PassKeys>();
        services.AddScoped<Features.RegisterVisitor.RegisterVisitorHandler>();
        services.AddScoped<Features.RegisterWalkIn.RegisterWalkInHandler>();
        services.AddScoped<Features.AnswerWalkIn.AnswerWalkInHandler>();
        services.AddScoped<Features.ScanAtGate.ScanAtGateHandler>();
        services.AddSettings<GateOptions>(GateOptions.Section);
        services.AddScoped<Features.ApplyRenovation.ApplyRenovationHandler>();
        services.AddScoped<Features.RenovationSteps.RenovationStepsHandler>();
        services.AddScoped<Features.CheckWorkerEntry.CheckWorkerEntryHandler>();
        services.AddScoped<Features.Workers.WorkersHandler>();
        services.AddScoped<Features.Pledges.PledgesHandler>();
        services.AddScoped<Features.RenovationChecks.RenovationChecksHandler>();
        services.AddRecurringJob<Jobs.RenovationRoundJob>(TimeSpan.FromMinutes(30));
        services.AddSingleton(
            new NavItem(38, s =>
                GateRoles.MayRead(s) ? new NavLink(Loc.T("装修管理", "Renovations"), "/gate/renovations", "nav-renovations") : null
            )
        );
        services.AddSingleton(
            new NavItem(39, s =>
                !s.IsGlobal && s.HasRole(Roles.Owner)
                    ? new NavLink(Loc.T("我的装修", "My renovation"), "/portal/renovations", "nav-my-renovation")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(36, s => GateRoles.MayWorkGate(s) ? new NavLink(Loc.T("门岗", "Gate"), "/gate", "nav-gate") : null)
        );
        services.AddSingleton(
            new NavItem(37, s =>
                !s.IsGlobal && s.HasRole(Roles.Owner)
                    ? new NavLink(Loc.T("我的访客", "My visitors"), "/portal/visitors", "nav-visitors")
                    : null
            )
        );
        services.AddScoped<IHomeTaskSource, Features.GateHomeTasks.GateHomeTasks>();
        services.AddScoped<IDemoDataContributor, GateDemoData>();
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapGate(this WebApplication app, RouteGroupBuilder api)
    {
        Features.RegisterVisitor.RegisterVisitorHandler.Map(api);
        Features.RegisterWalkIn.RegisterWalkInHandler.Map(api);
        Features.AnswerWalkIn.AnswerWalkInHandler.Map(api);
        Features.ScanAtGate.ScanAtGateHandler.Map(api);
        Features.ListVisitorPasses.ListVisitorPassesEndpoints.Map(api);
        Features.ApplyRenovation.ApplyRenovationHandler.Map(api);
        Features.CheckWorkerEntry.CheckWorkerEntryHandler.Map(api);
        Features.RenovationSteps.RenovationStepsHandler.Map(api);
        Features.ListRenovations.RenovationReads.Map(api);
        Features.Workers.WorkersHandler.Map(api);
        Features.Pledges.PledgesHandler.Map(api);
        Features.RenovationChecks.RenovationChecksHandler.Map(api);
        Features.RenovationMetrics.RenovationMetricsReads.Map(api);
    }
}
