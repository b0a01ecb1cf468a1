using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Data;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Exams;
using Wuye.Modules.Staff.Features.ListCertificates;
using Wuye.Modules.Staff.Features.ListTrainings;
using Wuye.Modules.Staff.Features.Onboarding;
using Wuye.Modules.Staff.Features.OnDuty;
using Wuye.Modules.Staff.Features.PlanTraining;
using Wuye.Modules.Staff.Features.QuestionBanks;
using Wuye.Modules.Staff.Features.RecordCertificate;
using Wuye.Modules.Staff.Features.RecordTrainingResults;
using Wuye.Modules.Staff.Features.RenewCertificate;
using Wuye.Modules.Staff.Features.RosterGaps;
using Wuye.Modules.Staff.Features.RosterRequests;
using Wuye.Modules.Staff.Features.Rosters;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Modules.Staff.Features.StaffAssessments;
using Wuye.Modules.Staff.Features.StaffHomeTasks;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Modules.Staff.Features.TakeExam;
using Wuye.Modules.Staff.Jobs;
using Wuye.Modules.Staff.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff;

/// <summary>Module 11, 人员: special-operation certificates with their expiry, and training records (the first slices).</summary>
internal static class StaffModule
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, StaffModel>();
        services.AddSettings<StaffOptions>(StaffOptions.Section);
        // Keepers see the register, front-line staff their own certificates: the same rule as the page's (StaffRoles.MayOpen).
        services.AddSingleton(
            new NavItem(60, s =>
                StaffRoles.MayOpen(s)
                    ? new NavLink(
                        StaffRoles.MayKeep(s)
                            ? Loc.T("人员证书与培训", "Certificates & training")
                            : Loc.T("我的证书与培训", "My certificates & training"),
                        CertificateExpiryJob.Link,
                        "nav-certificates"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(61, s =>
                StaffRoles.MayOpenExams(s)
                    ? new NavLink(
                        StaffRoles.MayKeep(s) ? Loc.T("题库与考试", "Question banks & exams") : Loc.T("我的考试", "My exams"),
                        ExamViews.Page,
                        "nav-exams"
                    )
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(63, s =>
                StaffRoles.MayOpenRosters(s)
                    ? new NavLink(
                        StaffRoles.MayKeep(s) ? Loc.T("排班", "Duty roster") : Loc.T("我的排班", "My shifts"),
                        RosterViews.Page,
                        "nav-rosters"
                    )
                    : null
            )
        );
        // The post guides are written by the keepers only (the API's rule, StaffRoles.Keepers); others have no such menu item.
        services.AddSingleton(
            new NavItem(64, s =>
                StaffRoles.MayKeep(s)
                    ? new NavLink(Loc.T("岗位操作指引", "Post guides"), Pages.PostGuidesModel.Href, "nav-post-guides")
                    : null
            )
        );
        services.AddScoped<RostersHandler>();
        services.AddScoped<RosterRequestsHandler>();
        services.AddScoped<IDutyRoster, DutyRoster>();
        services.AddScoped<IHomeTaskSource, RosterHomeTasks>();
        services.AddScoped<IDemoDataContributor, RosterDemoData>();
        services.AddScoped<QuestionBanksHandler>();
        services.AddScoped<ExamsHandler>();
        services.AddScoped<TakeExamHandler>();
        services.AddScoped<IHomeTaskSource, ExamHomeTasks>();
        services.AddScoped<IDemoDataContributor, ExamDemoData>();
        services.AddScoped<RecordCertificateHandler>();
        services.AddScoped<RenewCertificateHandler>();
        services.AddScoped<PlanTrainingHandler>();
        services.AddScoped<RecordTrainingResultsHandler>();
        services.AddScoped<IHomeTaskSource, StaffHomeTasks>();
        services.AddScoped<IDemoDataContributor, StaffDemoData>();
        services.AddScoped<IDemoDataContributor, StaffTrainingDemoData>();
        services.AddRecurringJob<CertificateExpiryJob>(TimeSpan.FromHours(1));
        services.AddScoped<StaffTalksHandler>();
        services.AddScoped<IHomeTaskSource, TalkHomeTasks>();
        services.AddScoped<IHomeTaskSource, IndicatorHomeTasks>();
        services.AddScoped<IDemoDataContributor, TalkDemoData>();
        services.AddRecurringJob<TalkQuotaJob>(TimeSpan.FromHours(1));
        services.AddScoped<StaffAssessmentsHandler>();
        services.AddScoped<IHomeTaskSource, AssessmentHomeTasks>();
        services.AddScoped<IDemoDataContributor, AssessmentDemoData>();
        services.AddRecurringJob<AssessmentCloseJob>(TimeSpan.FromHours(1));
        services.AddScoped<RosterGapsHandler>();
        services.AddScoped<IHomeTaskSource, RosterGapHomeTasks>();
        services.AddRecurringJob<RosterGapJob>(TimeSpan.FromHours(1));
        services.AddScoped<OnboardingHandler>();
        services.AddScoped<IHomeTaskSource, OnboardingHomeTasks>();
        services.AddScoped<IDemoDataContributor, OnboardingDemoData>();
        services.AddRecurringJob<OnboardingJob>(TimeSpan.FromHours(1));
        return services;
    }

    /// <summary>Each use case maps its own endpoints.</summary>
    public static void MapStaff(this WebApplication app, RouteGroupBuilder api)
    {
        ListCertificatesEndpoints.Map(api);
        RecordCertificateHandler.Map(api);
        RenewCertificateHandler.Map(api);
        ListTrainingsEndpoints.Map(api);
        PlanTrainingHandler.Map(api);
        RecordTrainingResultsHandler.Map(api);
        QuestionBanksHandler.Map(api);
        ExamsHandler.Map(api);
        TakeExamHandler.Map(api);
        StaffTalksHandler.Map(api);
        StaffIndicators.Map(api);
        StaffAssessmentsHandler.Map(api);
        RostersHandler.Map(api);
        RosterRequestsHandler.Map(api);
        RosterGapsHandler.Map(api);
        OnboardingHandler.Map(api);
    }
}
