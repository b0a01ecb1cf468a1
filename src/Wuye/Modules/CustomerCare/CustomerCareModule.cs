using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Data;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CareCalendar;
using Wuye.Modules.CustomerCare.Features.CareHomeTasks;
using Wuye.Modules.CustomerCare.Features.CommunityEvents;
using Wuye.Modules.CustomerCare.Features.ContactMeetings;
using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Modules.CustomerCare.Features.ListNotices;
using Wuye.Modules.CustomerCare.Features.NoticeAttachments;
using Wuye.Modules.CustomerCare.Features.PaidServices;
using Wuye.Modules.CustomerCare.Features.PinNotice;
using Wuye.Modules.CustomerCare.Features.PostNotice;
using Wuye.Modules.CustomerCare.Features.Profiles;
using Wuye.Modules.CustomerCare.Features.PublishNotice;
using Wuye.Modules.CustomerCare.Features.ReadNotice;
using Wuye.Modules.CustomerCare.Features.ReceptionDays;
using Wuye.Modules.CustomerCare.Features.Segments;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.CustomerCare.Features.Surveys;
using Wuye.Modules.CustomerCare.Features.TalentPool;
using Wuye.Modules.CustomerCare.Features.WithdrawNotice;
using Wuye.Modules.CustomerCare.Jobs;
using Wuye.Modules.CustomerCare.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare;

/// <summary>Module 8 (客户服务): the notice board (公示栏) with read receipts, customer profiles and segments; more to come.</summary>
internal static class CustomerCareModule
{
    public static IServiceCollection AddCustomerCare(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, CustomerCareModel>();
        services.AddSingleton(
            new NavItem(70, s =>
                s.IsGlobal || CareRoles.StaffReaders.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("公告栏", "Notice board"), "/care/notices", "nav-notice-board")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(71, s =>
                CareRoles.IsOwner(s) ? new NavLink(Loc.T("小区公告", "Notices"), "/portal/notices", "nav-portal-notices") : null
            )
        );

        services.AddSingleton(
            new NavItem(72, s =>
                s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("客户档案", "Customer profiles"), "/care/households", "nav-care-households")
                    : null
            )
        );

        services.AddSingleton(
            new NavItem(73, s =>
                s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("关怀任务", "Care tasks"), "/care/tasks", "nav-care-tasks")
                    : null
            )
        );

        services.AddSingleton(
            new NavItem(74, s =>
                s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("满意度调查", "Surveys"), "/care/surveys", "nav-care-surveys")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(75, s =>
                CareRoles.IsOwner(s) ? new NavLink(Loc.T("问卷调查", "Surveys"), "/portal/surveys", "nav-portal-surveys") : null
            )
        );

        services.AddSingleton(
            new NavItem(76, s =>
                s.IsGlobal || PaidServices.Doers.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("特约服务", "Paid services"), "/care/paid-services", "nav-paid-services")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(77, s =>
                CareRoles.IsOwner(s) ? new NavLink(Loc.T("特约服务", "Paid services"), "/portal/services", "nav-portal-services") : null
            )
        );
        services.AddSingleton(
            new NavItem(78, s =>
                s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("社区活动", "Community events"), "/care/events", "nav-care-events")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(79, s =>
                CareRoles.IsOwner(s) ? new NavLink(Loc.T("社区活动", "Community events"), "/portal/events", "nav-portal-events") : null
            )
        );
        services.AddSingleton(
            new NavItem(80, s =>
                s.IsGlobal || CareRoles.Stewards.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("走访计划", "Contact plans"), "/care/contact-plans", "nav-care-contact-plans")
                    : null
            )
        );
        services.AddScoped<ContactPlans>();
        services.AddScoped<MonthlyContactPlans>();
        services.AddScoped<ContactMeetings>();
        services.AddScoped<ReceptionDays>();
        services.AddScoped<IDemoDataContributor, ContactPlanDemoData>();
        services.AddScoped<CommunityEventReads>();
        services.AddScoped<CommunityEventWrites>();
        services.AddScoped<Clubs>();
        services.AddScoped<BirthdayParties>();
        services.AddScoped<TalentPool>();
        services.AddScoped<IDemoDataContributor, CommunityEventDemoData>();
        services.AddScoped<PaidServices>();
        services.AddScoped<KeepPaidMenu>();
        services.AddScoped<CancelPaidOrder>();
        services.AddScoped<IDemoDataContributor, PaidServiceDemoData>();
        services.AddScoped<SurveyBuilder>();
        services.AddScoped<SurveyQuestions>();
        services.AddScoped<SurveyAnswering>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<IDemoDataContributor, SurveyDemoData>();
        services.AddScoped<IDemoDataContributor, TalentDemoData>();
        services.AddScoped<NoticeReader>();
        services.AddScoped<CareCalendar>();
        services.AddScoped<CareTasks>();
        services.AddScoped<SegmentCalculator>();
        services.AddScoped<OwnerProfiles>();
        services.AddScoped<NoticeRecipients>();
        services.AddScoped<PostNoticeHandler>();
        services.AddScoped<NoticeAttachmentHandler>();
        services.AddScoped<PublishNoticeHandler>();
        services.AddScoped<WithdrawNoticeHandler>();
        services.AddScoped<ReadNoticeHandler>();
        services.AddScoped<INoticeBoard, NoticeBoardFacade>();

        services.AddScoped<IHomeTaskSource, CareHomeTasks>();
        services.AddScoped<IDemoDataContributor, CareDemoData>();
        services.AddScoped<IDemoDataContributor, ProfileDemoData>();
        services.AddScoped<IDemoDataContributor, CalendarDemoData>();
        services.AddRecurringJob<NoticePushJob>(TimeSpan.FromMinutes(1));
        services.AddRecurringJob<CareCalendarJob>(TimeSpan.FromHours(1));
        services.AddRecurringJob<ContactPlanJob>(TimeSpan.FromHours(1));
        return services;
    }

    public static void MapCustomerCare(this WebApplication app, RouteGroupBuilder api)
    {
        ListNotices.Map(api);
        PostNoticeHandler.Map(api);
        NoticeAttachmentHandler.Map(api);
        PublishNoticeHandler.Map(api);
        WithdrawNoticeHandler.Map(api);
        PinNotice.Map(api);
        ReadNoticeHandler.Map(api);
        SegmentEndpoints.Map(api);
        OwnerProfiles.Map(api);
        CareTasks.Map(api);
        SurveyEndpoints.Map(api);
        PaidServiceEndpoints.Map(api);
        CommunityEventEndpoints.Map(api);
        TalentPool.Map(api);
        ContactPlanEndpoints.Map(api);
        ContactMeetingEndpoints.Map(api);
        ReceptionDays.Map(api);
    }
}
