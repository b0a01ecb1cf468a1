using Wuye.Modules.Complaints.Data;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.AddDepartment;
using Wuye.Modules.Complaints.Features.AddReplyScript;
using Wuye.Modules.Complaints.Features.ArchiveDepartment;
using Wuye.Modules.Complaints.Features.ClassifyComplaint;
using Wuye.Modules.Complaints.Features.CloseComplaint;
using Wuye.Modules.Complaints.Features.ComplaintFigures;
using Wuye.Modules.Complaints.Features.ComplaintHomePanel;
using Wuye.Modules.Complaints.Features.ComplaintHomeTasks;
using Wuye.Modules.Complaints.Features.ComplaintWarnings;
using Wuye.Modules.Complaints.Features.CreateLinkedRequest;
using Wuye.Modules.Complaints.Features.EditReplyScript;
using Wuye.Modules.Complaints.Features.EscalateComplaint;
using Wuye.Modules.Complaints.Features.ExportDailyReview;
using Wuye.Modules.Complaints.Features.FollowUpComplaint;
using Wuye.Modules.Complaints.Features.GetComplaint;
using Wuye.Modules.Complaints.Features.GetComplaintSettings;
using Wuye.Modules.Complaints.Features.GetDailyReview;
using Wuye.Modules.Complaints.Features.LinkServiceRequest;
using Wuye.Modules.Complaints.Features.ListComplaints;
using Wuye.Modules.Complaints.Features.ListDailyReviews;
using Wuye.Modules.Complaints.Features.ListDepartments;
using Wuye.Modules.Complaints.Features.ListReplyScripts;
using Wuye.Modules.Complaints.Features.PostponeComplaint;
using Wuye.Modules.Complaints.Features.ProduceDailyReview;
using Wuye.Modules.Complaints.Features.ReassignComplaint;
using Wuye.Modules.Complaints.Features.RecordVisit;
using Wuye.Modules.Complaints.Features.RegisterComplaint;
using Wuye.Modules.Complaints.Features.RenameDepartment;
using Wuye.Modules.Complaints.Features.ReopenComplaint;
using Wuye.Modules.Complaints.Features.ReplyScriptVersions;
using Wuye.Modules.Complaints.Features.SaveComplaintSettings;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.Complaints.Features.WeeklyReview;
using Wuye.Modules.Complaints.Jobs;
using Wuye.Modules.Complaints.Seed;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints;

/// <summary>Module 3: complaints with first-responder ownership, escalation, the daily review, reply scripts and early warning.</summary>
internal static class ComplaintsModule
{
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, ComplaintsModel>();
        services.AddSingleton(
            new NavItem(50, s =>
                s.IsGlobal || ComplaintRoles.Handlers.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("投诉", "Complaints"), "/complaints", "nav-complaints")
                    : null
            )
        );

        // What several use cases share.
        services.AddScoped<ComplaintSteps>();
        services.AddScoped<ComplaintPromises>();
        services.AddScoped<ComplaintEscalator>();
        services.AddScoped<ComplaintDepartments>();
        services.AddScoped<Contracts.IUnitComplaints, Features.UnitComplaints.UnitComplaintsReader>();

        // One handler per use case.
        services.AddScoped<RegisterComplaintHandler>();
        services.AddScoped<ClassifyComplaintHandler>();
        services.AddScoped<ReassignComplaintHandler>();
        services.AddScoped<PostponeComplaintHandler>();
        services.AddScoped<EscalateComplaintHandler>();
        services.AddScoped<FollowUpComplaintHandler>();
        services.AddScoped<LinkServiceRequestHandler>();
        services.AddScoped<CreateLinkedRequestHandler>();
        services.AddScoped<CloseComplaintHandler>();
        services.AddScoped<RecordVisitHandler>();
        services.AddScoped<ReopenComplaintHandler>();
        services.AddScoped<SaveComplaintSettingsHandler>();
        services.AddScoped<ProduceDailyReviewHandler>();
        services.AddScoped<WeeklyReviewHandler>();
        services.AddScoped<AddReplyScriptHandler>();
        services.AddScoped<EditReplyScriptHandler>();
        services.AddScoped<AddDepartmentHandler>();
        services.AddScoped<RenameDepartmentHandler>();
        services.AddScoped<ArchiveDepartmentHandler>();
        services.AddScoped<ComplaintFiguresHandler>();
        services.AddScoped<ComplaintWarningsHandler>();

        services.AddScoped<IHomeTaskSource, ComplaintHomeTasks>();
        services.AddSingleton<IHomePanelSource, ComplaintHomePanel>();
        services.AddScoped<IDemoDataContributor, ComplaintDemoData>();
        services.AddRecurringJob<DailyReviewJob>(TimeSpan.FromMinutes(1));
        services.AddRecurringJob<ComplaintEscalationJob>(TimeSpan.FromMinutes(1));
        return services;
    }

    public static void MapComplaints(this WebApplication app, RouteGroupBuilder api)
    {
        ListComplaints.Map(api);
        GetComplaint.Map(api);
        RegisterComplaintHandler.Map(api);
        ClassifyComplaintHandler.Map(api);
        ReassignComplaintHandler.Map(api);
        PostponeComplaintHandler.Map(api);
        EscalateComplaintHandler.Map(api);
        FollowUpComplaintHandler.Map(api);
        LinkServiceRequestHandler.Map(api);
        CloseComplaintHandler.Map(api);
        RecordVisitHandler.Map(api);
        ReopenComplaintHandler.Map(api);
        CreateLinkedRequestHandler.Map(api);
        GetComplaintSettings.Map(api);
        SaveComplaintSettingsHandler.Map(api);

        ListDailyReviews.Map(api);
        GetDailyReview.Map(api);
        ExportDailyReview.Map(api);
        ProduceDailyReviewHandler.Map(api);
        WeeklyReviewHandler.Map(api);

        ListReplyScripts.Map(api);
        ReplyScriptVersions.Map(api);
        AddReplyScriptHandler.Map(api);
        EditReplyScriptHandler.Map(api);

        ComplaintFiguresHandler.Map(api);
        ComplaintWarningsHandler.Map(api);

        ListDepartments.Map(api);
        AddDepartmentHandler.Map(api);
        RenameDepartmentHandler.Map(api);
        ArchiveDepartmentHandler.Map(api);
    }
}
