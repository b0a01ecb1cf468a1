using Wuye.Modules.Fees.Data;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.AddFeeItem;
using Wuye.Modules.Fees.Features.ArchiveFeeItem;
using Wuye.Modules.Fees.Features.ArrearsReminders;
using Wuye.Modules.Fees.Features.CollectionRates;
using Wuye.Modules.Fees.Features.FeeAdjustments;
using Wuye.Modules.Fees.Features.FeeHomeTasks;
using Wuye.Modules.Fees.Features.GenerateBills;
using Wuye.Modules.Fees.Features.GetBill;
using Wuye.Modules.Fees.Features.GetReceipt;
using Wuye.Modules.Fees.Features.ListArrears;
using Wuye.Modules.Fees.Features.ListBills;
using Wuye.Modules.Fees.Features.ListFeeItems;
using Wuye.Modules.Fees.Features.ListPayments;
using Wuye.Modules.Fees.Features.OneOffCharges;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Modules.Fees.Features.PublicRevenue;
using Wuye.Modules.Fees.Features.ReconcileOnlinePayments;
using Wuye.Modules.Fees.Features.RecordPayment;
using Wuye.Modules.Fees.Features.RefundPayment;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.Fees.Features.UtilityReadings;
using Wuye.Modules.Fees.Jobs;
using Wuye.Modules.Fees.Seed;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees;

/// <summary>Module 9: fee items, monthly bills, payments with receipts, arrears ageing and the collection rates.</summary>
internal static class FeesModule
{
    public static IServiceCollection AddFees(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, FeesModel>();
        services.AddSettings<FeesOptions>(FeesOptions.Section);
        services.AddSingleton(new NavItem(60, s => FeeRoles.MayRead(s) ? new NavLink(Loc.T("收费", "Fees"), "/fees", "nav-fees") : null));
        services.AddSingleton(
            new NavItem(61, s =>
                !s.IsGlobal && s.Roles.Contains(Roles.Owner)
                    ? new NavLink(Loc.T("我的账单", "My bills"), "/portal/bills", "nav-bills")
                    : null
            )
        );

        services.AddSingleton(
            new NavItem(62, s =>
                !s.IsGlobal && RevenueRoles.OwnerReaders.Any(s.Roles.Contains)
                    ? new NavLink(Loc.T("公共收益", "Public revenue"), "/portal/public-revenue", "nav-public-revenue")
                    : null
            )
        );

        services.AddScoped<CreditApplier>();
        services.AddScoped<BillNotices>();
        services.AddScoped<Contracts.IUnitArrears, Contracts.UnitArrearsReader>();
        services.AddScoped<AddFeeItemHandler>();
        services.AddScoped<ArchiveFeeItemHandler>();
        services.AddScoped<GenerateBillsHandler>();
        services.AddScoped<RecordPaymentHandler>();
        services.AddScoped<ReceiptSheet>();
        services.AddScoped<FeeAdjustmentsHandler>();
        services.AddScoped<ListArrearsHandler>();
        services.AddScoped<CollectionRatesHandler>();
        services.AddScoped<ArrearsRemindersHandler>();
        services.AddScoped<OnlinePaymentsHandler>();
        services.AddScoped<OrderReconciler>();
        services.AddScoped<RefundPaymentHandler>();
        services.AddScoped<UtilityReadingsHandler>();
        services.AddScoped<OneOffChargesHandler>();
        services.AddScoped<Contracts.IOneOffCharges, OneOffCollections>();
        services.AddScoped<RevenueReads>();
        services.AddScoped<RevenueLedgerHandler>();
        services.AddScoped<RevenueStatementsHandler>();
        services.AddHttpClient<PaymentGateway>(c => c.Timeout = TimeSpan.FromSeconds(15));

        services.AddScoped<IHomeTaskSource, FeeHomeTasks>();
        services.AddScoped<IHomeTaskSource, RevenueHomeTasks>();
        services.AddScoped<IDemoDataContributor, FeeDemoData>();
        services.AddScoped<IDemoDataContributor, RevenueDemoData>();
        services.AddRecurringJob<MonthlyBillJob>(TimeSpan.FromMinutes(10));
        services.AddRecurringJob<ArrearsReminderJob>(TimeSpan.FromHours(1));
        services.AddRecurringJob<OnlineOrderJob>(TimeSpan.FromMinutes(5));
        services.AddRecurringJob<CollectionTallyJob>(TimeSpan.FromMinutes(2));
        return services;
    }

    public static void MapFees(this WebApplication app, RouteGroupBuilder api)
    {
        ListFeeItems.Map(api);
        AddFeeItemHandler.Map(api);
        ArchiveFeeItemHandler.Map(api);
        ListBills.Map(api);
        GetBill.Map(api);
        GenerateBillsHandler.Map(api);
        ListPayments.Map(api);
        RecordPaymentHandler.Map(api);
        GetReceipt.Map(api);
        FeeAdjustmentsHandler.Map(api);
        ListArrearsHandler.Map(api);
        ArrearsRemindersHandler.Map(api);
        OnlinePaymentsHandler.Map(api);
        RefundPaymentHandler.Map(api);
        UtilityReadingsHandler.Map(api);
        OneOffChargesHandler.Map(api);
        CollectionRatesHandler.Map(api);
        RevenueLedgerHandler.Map(api);
        RevenueStatementsHandler.Map(api);
    }
}
