namespace Wuye.Modules.Fees.Features.Shared;

/// <summary>The API's fee routes.</summary>
internal static class FeeApi
{
    public static RouteGroupBuilder FeeItems(RouteGroupBuilder api) => api.MapGroup("/fee-items").WithTags("Fees");

    public static RouteGroupBuilder Bills(RouteGroupBuilder api) => api.MapGroup("/bills").WithTags("Fees");

    public static RouteGroupBuilder Payments(RouteGroupBuilder api) => api.MapGroup("/payments").WithTags("Fees");

    public static RouteGroupBuilder Receipts(RouteGroupBuilder api) => api.MapGroup("/receipts").WithTags("Fees");

    public static RouteGroupBuilder Arrears(RouteGroupBuilder api) => api.MapGroup("/arrears").WithTags("Fees");

    public static RouteGroupBuilder CollectionRates(RouteGroupBuilder api) => api.MapGroup("/collection-rates").WithTags("Fees");
}
