using Wuye.Modules.Security.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Jobs;
using Wuye.Modules.Security.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security;

/// <summary>安全/秩序: patrol routes with signed checkpoint labels, rounds planned from them, scans on a phone, conformance per
/// round, missed-round alerts;
/// posts and the duty board; the night roll-call; safety tips pushed to posts by
/// time slot; hidden-token night checks; the parking board and its public listing for owners; booth receipts and their weekly
/// reconciliation; duties tracked as records (CCTV retention, fire equipment, fire drills); metrics by project and month.</summary>
internal static class SecurityModule
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, SecurityModel>();
        services.AddSettings<SecurityOptions>(SecurityOptions.Section);
        services.AddScoped<Features.Shared.CheckpointLabels>();
        services.AddScoped<Features.Shared.RoundViews>();
        services.AddScoped<Features.Shared.PostGuards>();
        services.AddScoped<Features.ListPatrolRoutes.RouteReads>();
        services.AddScoped<Features.PlanPatrolRounds.RoundPlanner>();
        services.AddScoped<Features.RecordPatrolScan.RecordPatrolScanHandler>();
        services.AddScoped<Features.ExcuseMissedPoint.ExcuseMissedPointHandler>();
        services.AddScoped<Features.Posts.PostBoard>();
        services.AddScoped<Features.RollCalls.RollCallHandler>();
        services.AddScoped<Features.SafetyTips.SafetyTipHandler>();
        services.AddScoped<Features.HiddenTokens.HiddenTokenHandler>();
        services.AddScoped<Features.CarParks.CarParkHandler>();
        services.AddScoped<Features.ParkingViolations.ParkingViolationHandler>();
        services.AddScoped<Features.ParkingViolations.ViolationStepHandler>();
        services.AddScoped<Features.EditPatrolRoute.EditPatrolRouteHandler>();
        services.AddScoped<Features.BoothReceipts.BoothReceiptHandler>();
        services.AddScoped<Features.SecurityDuties.SecurityDutyHandler>();
        services.AddScoped<Features.SecurityMetrics.SecurityMetricsHandler>();
        services.AddSingleton(
            new NavItem(38, s =>
                SecurityRoles.MayReadMetrics(s)
                    ? new NavLink(
                        Loc.T("安保指标", "Security metrics"),
                        Features.SecurityMetrics.SecurityMetricsHandler.Page,
                        "nav-security-metrics"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                SecurityRoles.MayRead(s)
                    ? new NavLink(
                        Loc.T("安保职责", "Security duties"),
                        Features.SecurityDuties.SecurityDutyHandler.Page,
                        "nav-security-duties"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                SecurityRoles.MayIssueReceipts(s)
                    ? new NavLink(Loc.T("岗亭收费", "Booth fees"), Features.BoothReceipts.BoothReceiptHandler.Page, "nav-booth-receipts")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                SecurityRoles.MayReconcile(s)
                    ? new NavLink(
                        Loc.T("岗亭收费对账", "Booth reconciliation"),
                        Features.BoothReceipts.BoothReceiptHandler.ReconciliationPage,
                        "nav-booth-reconciliation"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                SecurityRoles.MayRead(s) ? new NavLink(Loc.T("车位看板", "Parking board"), "/security/parking", "nav-parking-board") : null
            )
        );
        services.AddSingleton(
            new NavItem(37, s =>
                SecurityRoles.MayRead(s)
                    ? new NavLink(
                        Loc.T("违章停车", "Parking violations"),
                        Features.ParkingViolations.ParkingViolationHandler.Page,
                        "nav-parking-violations"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(62, s =>
                !s.IsGlobal && s.HasRole(Roles.Owner)
                    ? new NavLink(Loc.T("停车信息", "Parking"), "/portal/parking", "nav-my-parking")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(36, s =>
                SecurityRoles.MayRead(s) ? new NavLink(Loc.T("搜寻棒", "Hidden tokens"), Jobs.TokenLinks.Page, "nav-hidden-tokens") : null
            )
        );
        services.AddSingleton(
            new NavItem(36, s =>
                SecurityRoles.MayRead(s) ? new NavLink(Loc.T("安全提示", "Safety tips"), Jobs.TipLinks.Page, "nav-safety-tips") : null
            )
        );
        services.AddSingleton(
            new NavItem(36, s =>
                SecurityRoles.MayRead(s) ? new NavLink(Loc.T("夜间点名", "Roll-call"), "/security/roll-calls", "nav-roll-calls") : null
            )
        );
        services.AddSingleton(
            new NavItem(34, s => SecurityRoles.MayRead(s) ? new NavLink(Loc.T("岗位", "Posts"), "/security/posts", "nav-posts") : null)
        );
        services.AddSingleton(
            new NavItem(35, s => SecurityRoles.MayRead(s) ? new NavLink(Loc.T("巡逻", "Patrols"), "/security/patrol", "nav-patrol") : null)
        );
        services.AddScoped<IHomeTaskSource, Features.SecurityHomeTasks.SecurityHomeTasks>();
        services.AddScoped<IDemoDataContributor, SecurityDemoData>();
        services.AddScoped<IDemoDataContributor, PostsDemoData>();
        services.AddScoped<IDemoDataContributor, SafetyTipsDemoData>();
        services.AddScoped<IDemoDataContributor, HiddenTokensDemoData>();
        services.AddScoped<IDemoDataContributor, ParkingDemoData>();
        services.AddScoped<IDemoDataContributor, BoothReceiptsDemoData>();
        services.AddScoped<IDemoDataContributor, DutiesDemoData>();
        services.AddRecurringJob<PatrolRoundJob>(TimeSpan.FromMinutes(2));
        services.AddRecurringJob<RollCallJob>(TimeSpan.FromMinutes(1));
        services.AddRecurringJob<SafetyTipJob>(TimeSpan.FromMinutes(1));
        services.AddRecurringJob<HiddenTokenJob>(TimeSpan.FromMinutes(2));
        services.AddRecurringJob<ParkingViolationJob>(TimeSpan.FromMinutes(5));
        services.AddRecurringJob<SecurityDutyJob>(TimeSpan.FromMinutes(15));
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapSecurity(this WebApplication app, RouteGroupBuilder api)
    {
        Features.CreatePatrolRoute.CreatePatrolRouteEndpoint.Map(api);
        Features.ListPatrolRoutes.ListPatrolRoutesEndpoints.Map(api);
        Features.ListPatrolRounds.ListPatrolRoundsEndpoints.Map(api);
        Features.RecordPatrolScan.RecordPatrolScanHandler.Map(api);
        Features.ExcuseMissedPoint.ExcuseMissedPointHandler.Map(api);
        Features.Posts.PostsEndpoints.Map(api);
        Features.RollCalls.RollCallHandler.Map(api);
        Features.SafetyTips.SafetyTipHandler.Map(api);
        Features.HiddenTokens.HiddenTokenHandler.Map(api);
        Features.CarParks.CarParkHandler.Map(api);
        Features.ParkingViolations.ParkingViolationEndpoints.Map(api);
        Features.ParkingViolations.ViolationStepHandler.Map(api);
        Features.EditPatrolRoute.EditPatrolRouteHandler.Map(api);
        Features.BoothReceipts.BoothReceiptEndpoints.Map(api);
        Features.SecurityDuties.SecurityDutyHandler.Map(api);
        Features.SecurityMetrics.SecurityMetricsHandler.Map(api);
    }
}
