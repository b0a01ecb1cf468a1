using Wuye.Modules.Regulation.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation;

/// <summary>
/// 物业主管部门: the regulator's scoring tables (presets of published local rules, edited as versions), conduct records with
/// evidence and objections, the rating period close and its public page. Regulator-kept records are IRegulatorOwned: only the
/// regulator writes them; the company reads its own.
/// </summary>
internal static class RegulationModule
{
    public static IServiceCollection AddRegulation(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, RegulationModel>();
        services.AddScoped<Features.Shared.ConductReads>();
        services.AddScoped<Features.RecordConduct.RecordConductHandler>();
        services.AddScoped<Features.ObjectToConduct.ObjectToConductHandler>();
        services.AddScoped<Features.DecideObjection.DecideObjectionHandler>();
        services.AddScoped<Features.CloseRatingPeriod.CloseRatingPeriodHandler>();
        services.AddScoped<Features.ComputeFigureConduct.ComputeFigureConductHandler>();
        services.AddRecurringJob<Jobs.FigureConductJob>(TimeSpan.FromHours(6));
        services.AddScoped<Features.Shared.ProblemReads>();
        services.AddScoped<Features.RecordProblem.RecordProblemHandler>();
        services.AddScoped<Features.AnswerProblem.AnswerProblemHandler>();
        services.AddScoped<Features.ReinspectProblem.ReinspectProblemHandler>();
        services.AddRecurringJob<Jobs.ProblemDeadlineJob>(TimeSpan.FromMinutes(5));
        services.AddScoped<Features.Shared.CommitteeReads>();
        services.AddScoped<Features.RegisterCommittee.RegisterCommitteeHandler>();
        services.AddScoped<Features.RenewCommitteeTerm.RenewCommitteeTermHandler>();
        services.AddRecurringJob<Jobs.CommitteeTermJob>(TimeSpan.FromHours(1));
        services.AddScoped<Features.Shared.CampaignReads>();
        services.AddScoped<Features.LaunchCampaign.LaunchCampaignHandler>();
        services.AddSettings<RegulationOptions>(RegulationOptions.Section);
        services.AddRecurringJob<Jobs.SelfCheckReminderJob>(TimeSpan.FromHours(1));
        services.AddScoped<Features.SubmitSelfCheck.SubmitSelfCheckHandler>();
        services.AddScoped<Features.RecordCampaignInspection.RecordCampaignInspectionHandler>();
        services.AddScoped<Features.ReportCampaign.ReportCampaignHandler>();
        services.AddScoped<Features.Shared.CompanyFileReads>();
        services.AddScoped<Features.FileWithRegulator.FileWithRegulatorHandler>();
        services.AddScoped<Features.AddCompanyContact.AddCompanyContactHandler>();
        services.AddScoped<Features.CommitteeOversight.CommitteeOversightReads>();
        services.AddSingleton(
            new NavItem(80, s =>
                RegulationRoles.MayRead(s) ? new NavLink(Loc.T("信用评价", "Credit rating"), "/regulation/credit", "nav-credit") : null
            )
        );
        services.AddSingleton(
            new NavItem(81, s =>
                RegulationRoles.MayRead(s)
                    ? new NavLink(Loc.T("问题台账", "Problem ledger"), "/regulation/ledger", "nav-regulation-ledger")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(82, s =>
                RegulationRoles.MayRead(s)
                    ? new NavLink(Loc.T("业主委员会", "Owners' committees"), "/regulation/committees", "nav-regulation-committees")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(83, s =>
                RegulationRoles.MayRead(s)
                    ? new NavLink(Loc.T("专项行动", "Campaigns"), "/regulation/campaigns", "nav-regulation-campaigns")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(84, s =>
                RegulationRoles.MayRead(s)
                    ? new NavLink(Loc.T("企业档案", "Company files"), "/regulation/companies", "nav-regulation-companies")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(85, s =>
                s.Roles.Contains(Roles.OwnersCommittee)
                    ? new NavLink(Loc.T("业委会监督", "Committee oversight"), "/regulation/oversight", "nav-committee-oversight")
                    : null
            )
        );
        services.AddScoped<IHomeTaskSource, Features.RegulationHomeTasks.RegulationHomeTasks>();
        services.AddScoped<IDemoDataContributor, RegulationDemoData>();
        return services;
    }

    public static void MapRegulation(this WebApplication app, RouteGroupBuilder api)
    {
        Features.ListCreditRatingTables.ListCreditRatingTablesEndpoints.Map(api);
        Features.AdoptCreditRatingTable.AdoptCreditRatingTableEndpoint.Map(api);
        Features.ReviseCreditRatingTable.ReviseCreditRatingTableEndpoint.Map(api);
        Features.RecordConduct.RecordConductHandler.Map(api);
        Features.ListConductRecords.ListConductRecordsEndpoints.Map(api);
        Features.ObjectToConduct.ObjectToConductHandler.Map(api);
        Features.DecideObjection.DecideObjectionHandler.Map(api);
        Features.CloseRatingPeriod.CloseRatingPeriodHandler.Map(api);
        Features.ComputeFigureConduct.ComputeFigureConductHandler.Map(api);
        Features.ListCreditRatings.ListCreditRatingsEndpoints.Map(api);
        Features.RecordProblem.RecordProblemHandler.Map(api);
        Features.ListProblems.ListProblemsEndpoints.Map(api);
        Features.AnswerProblem.AnswerProblemHandler.Map(api);
        Features.ReinspectProblem.ReinspectProblemHandler.Map(api);
        Features.ListCommittees.ListCommitteesEndpoints.Map(api);
        Features.RegisterCommittee.RegisterCommitteeHandler.Map(api);
        Features.RenewCommitteeTerm.RenewCommitteeTermHandler.Map(api);
        Features.ListCampaigns.ListCampaignsEndpoints.Map(api);
        Features.LaunchCampaign.LaunchCampaignHandler.Map(api);
        Features.SubmitSelfCheck.SubmitSelfCheckHandler.Map(api);
        Features.RecordCampaignInspection.RecordCampaignInspectionHandler.Map(api);
        Features.ReportCampaign.ReportCampaignHandler.Map(api);
        Features.ListRegulatedCompanies.ListRegulatedCompaniesEndpoints.Map(api);
        Features.FileWithRegulator.FileWithRegulatorHandler.Map(api);
        Features.AddCompanyContact.AddCompanyContactHandler.Map(api);
    }
}
