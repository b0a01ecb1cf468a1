using Wuye.Modules.Inspections.Data;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Jobs;
using Wuye.Modules.Inspections.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections;

/// <summary>QPI 品质核查: standards library, plans per inspector, inspections, improvement notices, metrics.</summary>
internal static class InspectionsModule
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, InspectionsModel>();
        services.AddScoped<Features.ListDueChecks.DueChecks>();
        services.AddScoped<Features.RecordInspection.RecordInspectionHandler>();
        services.AddScoped<Features.QpiMetrics.QpiMetricsQuery>();
        // The menu and the pages ask the same rule (InspectionRoles): inspectors get the inspection area, whose tabs
        // include the notices; everyone else who can be responsible for a notice gets the notices themselves.
        services.AddSingleton(
            new NavItem(30, s =>
                InspectionRoles.MayInspect(s) ? new NavLink(Loc.T("品质核查", "Inspections"), "/inspections", "nav-inspections") : null
            )
        );
        services.AddSingleton(
            new NavItem(31, s =>
                !InspectionRoles.MayInspect(s) && InspectionRoles.MayOpenNotices(s)
                    ? new NavLink(
                        Loc.T("改进通知单", "Improvement notices"),
                        Features.InspectionHomeTasks.NoticeLinks.ToAnswer,
                        "nav-notices"
                    )
                    : null
            )
        );
        services.AddScoped<IHomeTaskSource, Features.InspectionHomeTasks.InspectionHomeTasks>();
        services.AddScoped<IHomePanelSource, Features.InspectionHomePanel.InspectionHomePanel>();
        services.AddScoped<IDemoDataContributor, InspectionsDemoData>();
        services.AddSettings<Domain.InspectionsOptions>(Domain.InspectionsOptions.Section);
        services.AddRecurringJob<WeeklyReportReminderJob>(TimeSpan.FromMinutes(5));
        services.AddRecurringJob<SurveyReminderJob>(TimeSpan.FromMinutes(30));
        services.AddRecurringJob<NoticeOverdueReminderJob>(TimeSpan.FromMinutes(15));
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapInspections(this WebApplication app, RouteGroupBuilder api)
    {
        Features.AddCheckItem.AddCheckItemEndpoint.Map(api);
        Features.AddTeam.AddTeamEndpoint.Map(api);
        Features.CompareMysteryAudit.CompareMysteryAuditEndpoint.Map(api);
        Features.CompleteWaveSlot.CompleteWaveSlotEndpoint.Map(api);
        Features.EndPlan.EndPlanEndpoint.Map(api);
        Features.ImportCheckItems.CheckItemImport.Map(api);
        Features.ListCheckItems.ListCheckItemsEndpoints.Map(api);
        Features.ListDueChecks.DueChecks.Map(api);
        Features.ListInspections.ListInspectionsEndpoints.Map(api);
        Features.ListInspectors.ListInspectorsEndpoint.Map(api);
        Features.ListMysteryAudits.ListMysteryAuditsEndpoints.Map(api);
        Features.ListNotices.ListNoticesEndpoints.Map(api);
        Features.ListPlans.ListPlansEndpoints.Map(api);
        Features.ListSiteSurveys.ListSiteSurveysEndpoints.Map(api);
        Features.ListTeamMutualChecks.ListTeamMutualChecksEndpoint.Map(api);
        Features.ListTeams.ListTeamsEndpoint.Map(api);
        Features.ListWaveCampaigns.ListWaveCampaignsEndpoints.Map(api);
        Features.ListWeeklyReports.ListWeeklyReportsEndpoint.Map(api);
        Features.PlanInspections.PlanInspectionsEndpoint.Map(api);
        Features.PlanMysteryAudit.PlanMysteryAuditEndpoint.Map(api);
        Features.QpiMetrics.QpiMetricsQuery.Map(api);
        Features.RankTeams.TeamRanking.Map(api);
        Features.RecordInspection.RecordInspectionHandler.Map(api);
        Features.RecordMysteryAudit.RecordMysteryAuditEndpoint.Map(api);
        Features.RecordSiteSurvey.RecordSiteSurveyEndpoint.Map(api);
        Features.RecordTeamMutualCheck.RecordTeamMutualCheckEndpoint.Map(api);
        Features.ReplyToNotice.ReplyToNoticeEndpoint.Map(api);
        Features.RetireCheckItem.RetireCheckItemEndpoint.Map(api);
        Features.ReviseCheckItem.ReviseCheckItemEndpoint.Map(api);
        Features.RunWaveCampaign.RunWaveCampaignEndpoint.Map(api);
        Features.SubmitMeasures.SubmitMeasuresEndpoint.Map(api);
        Features.SubmitWeeklyReport.SubmitWeeklyReportEndpoint.Map(api);
        Features.SuperviseSite.SuperviseSiteEndpoints.Map(api);
        Features.SupervisionReminders.SupervisionReminderList.Map(api);
        Features.VerifyNotice.VerifyNoticeEndpoint.Map(api);
        Features.VerifyTeamMutualCheck.VerifyTeamMutualCheckEndpoint.Map(api);
    }
}
